import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const AUTH_TOKEN = 'tw-auth-t0ken-value-0123456789';
/** Twilio's documented magic number for an invalid 'To'. */
export const INVALID_NUMBER = '+15005550001';

export interface Recorded {
  readonly resource: 'Messages' | 'Calls';
  readonly params: URLSearchParams;
}

export interface FakeTwilio {
  readonly url: string;
  readonly requests: Recorded[];
  /** Status the next API answers use instead of 201 (an error JSON is sent). */
  failWith?: { status: number; code: number; message: string } | undefined;
  /** Posts a callback signed as Twilio signs it (written from Twilio's docs, not the adapter's code). */
  callback(url: string, params: Record<string, string>, token?: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** Signs as Twilio documents it: URL + sorted name+value pairs, HMAC-SHA1 with the auth token, base64. */
function sign(token: string, url: string, params: Record<string, string>): string {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((k) => k + params[k])
      .join('');
  return createHmac('sha1', token).update(data).digest('base64');
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** A local server speaking Twilio's documented Messages and Calls endpoints. */
export async function startFakeTwilio(): Promise<FakeTwilio> {
  const requests: Recorded[] = [];
  const state: { failWith?: { status: number; code: number; message: string } | undefined } = {};
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const error = (status: number, code: number, message: string) =>
      send(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
    const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/(Messages|Calls)\.json$/.exec(req.url ?? '');
    if (req.method !== 'POST' || match === null) return error(404, 20404, 'The requested resource was not found');
    const expected = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
    if (req.headers.authorization !== expected || match[1] !== ACCOUNT_SID)
      return error(401, 20003, 'Authentication Error - invalid username');
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
      return error(400, 20001, 'Unsupported content type');
    const params = await readForm(req);
    const resource = match[2] as 'Messages' | 'Calls';
    requests.push({ resource, params });
    if (state.failWith !== undefined) return error(state.failWith.status, state.failWith.code, state.failWith.message);
    const to = params.get('To') ?? '';
    if (!/^\+[1-9]\d{6,14}$/.test(to) || to === INVALID_NUMBER)
      return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    const sidPrefix = resource === 'Messages' ? 'SM' : 'CA';
    const sid = sidPrefix + randomBytes(16).toString('hex');
    if (resource === 'Messages') {
      if (!params.get('From') && !params.get('MessagingServiceSid'))
        return error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.");
      if (!params.get('Body')) return error(400, 21602, 'Message body is required.');
      return send(201, {
        sid,
        account_sid: ACCOUNT_SID,
        to,
        from: params.get('From'),
        body: params.get('Body'),
        status: 'queued',
        num_segments: '1',
        api_version: '2010-04-01',
        uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid}.json`,
      });
    }
    if (!params.get('From')) return error(400, 21213, "No 'From' number is specified");
    if (!params.get('Twiml') && !params.get('Url')) return error(400, 21205, 'Url parameter is required.');
    return send(201, { sid, account_sid: ACCOUNT_SID, to, from: params.get('From'), status: 'queued', api_version: '2010-04-01' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get failWith() {
      return state.failWith;
    },
    set failWith(value) {
      state.failWith = value;
    },
    callback: (url, params, token = AUTH_TOKEN, headers = {}) =>
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': sign(token, url, params),
          'i-twilio-idempotency-token': randomBytes(8).toString('hex'),
          ...headers,
        },
        body: new URLSearchParams(params).toString(),
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
