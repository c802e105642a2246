import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '@dueflow/core';
import { createWebhookHandler } from '@dueflow/channel-webhook';
import type { ChannelEvent } from '@dueflow/runtime/ports';
import { captureLogger, message } from '../test/fixtures.js';
import { ACCOUNT_SID, AUTH_TOKEN, INVALID_NUMBER, startFakeTwilio, type FakeTwilio } from '../test/twilio-server.js';
import { createTwilioChannel, type TwilioChannel, type TwilioChannelOptions } from './twilio-channel.js';

let twilio: FakeTwilio;
let hooks: { url: string; events: [ChannelEvent[], string][]; close(): Promise<void> };

/** The application side: createWebhookHandler on node:http, as a user would mount it. */
async function startHooks(channel: () => TwilioChannel): Promise<typeof hooks> {
  const events: [ChannelEvent[], string][] = [];
  const server = createServer((req, res) => {
    const handler = createWebhookHandler({ channels: { twilio: channel() }, onEvents: async (e, p) => void events.push([e, p]) });
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let channel: TwilioChannel;
function make(extra: Partial<TwilioChannelOptions> = {}): TwilioChannel {
  channel = createTwilioChannel({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    from: '+14155550123',
    baseUrl: twilio.url,
    statusCallbackUrl: `${hooks.url}/hooks/twilio`,
    voice: { transferTo: '+14155550199', gatherUrl: `${hooks.url}/twilio/gather`, voiceName: 'Polly.Joanna' },
    ...extra,
  });
  return channel;
}

beforeEach(async () => {
  twilio = await startFakeTwilio();
  hooks = await startHooks(() => channel);
});
afterEach(async () => {
  await twilio.close();
  await hooks.close();
});

describe('createTwilioChannel against a local Twilio API', () => {
  it('sends an SMS with the documented form fields and a status callback carrying the key', async () => {
    const result = await make().send(message());
    expect(result.status === 'sent' && result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(twilio.requests).toHaveLength(1);
    const { resource, params } = twilio.requests[0]!;
    expect(resource).toBe('Messages');
    expect(Object.fromEntries(params)).toEqual({
      To: '+14155550100',
      From: '+14155550123',
      Body: 'Invoice INV-1042 for $4,200.00 is 14 days overdue.',
      StatusCallback: `${hooks.url}/hooks/twilio?key=inv_1%3Aoverdue-14%3A1%3A1`,
    });
  });

  it('uses the Messaging Service when given one', async () => {
    await make({ from: undefined, messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' }).send(message());
    expect(twilio.requests[0]!.params.get('MessagingServiceSid')).toBe('MG0123456789abcdef0123456789abcdef');
    expect(twilio.requests[0]!.params.has('From')).toBe(false);
  });

  it('places a voice call with escaped TwiML that offers a transfer', async () => {
    const result = await make().send(message({ channel: 'voice', text: 'Hello from Acme & Co. Invoice <INV-1042> is overdue.' }));
    expect(result.status === 'sent' && result.providerMessageId).toMatch(/^CA/);
    const { resource, params } = twilio.requests[0]!;
    expect(resource).toBe('Calls');
    expect(params.get('From')).toBe('+14155550123');
    const twiml = params.get('Twiml') ?? '';
    expect(twiml).toContain(
      '<Say voice="Polly.Joanna" language="en-US">Hello from Acme &amp; Co. Invoice &lt;INV-1042&gt; is overdue.</Say>',
    );
    expect(twiml).toContain(
      `<Gather numDigits="1" timeout="6" method="POST" action="${hooks.url}/twilio/gather?transferTo=%2B14155550199">`,
    );
  });

  it('answers the pressed digit: 1 dials the transfer number, anything else hangs up', async () => {
    make();
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      try {
        const url = `http://${req.headers.host}${req.url}`;
        res.end(
          await channel.respondToGather({ method: 'POST', url, headers: req.headers, rawBody: Buffer.concat(chunks), receivedAt: 0 }),
        );
      } catch {
        res.statusCode = 401;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const gatherUrl = `http://127.0.0.1:${port}/twilio/gather?transferTo=%2B14155550199`;
    const press = (Digits: string, token?: string) =>
      twilio.callback(gatherUrl, { AccountSid: ACCOUNT_SID, CallSid: 'CA1', Digits }, token);
    expect(await (await press('1')).text()).toContain('<Dial>+14155550199</Dial>');
    expect(await (await press('2')).text()).toContain('<Hangup/>');
    expect((await press('1', 'wrong-token-0000')).status).toBe(401);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("maps Twilio's error JSON: an invalid number is permanent, without the number in the error", async () => {
    const result = await make().send(message({ to: { customerId: 'cus_1', contactId: 'ct_1', phone: INVALID_NUMBER } }));
    expect(result).toMatchObject({ status: 'failed', permanent: true });
    expect(result.status === 'failed' && result.error).toMatch(/^twilio 21211: The 'To' number \+1500\*+01 is not a valid phone number\.$/);
  });

  it('treats 5xx, 429 and refused credentials as transient, and honours Retry-After', async () => {
    twilio.failWith = { status: 503, code: 20500, message: 'Internal Server Error' };
    expect(await make().send(message())).toMatchObject({ status: 'failed', permanent: false });
    twilio.failWith = { status: 429, code: 20429, message: 'Too Many Requests' };
    expect(await channel.send(message())).toMatchObject({ status: 'failed', permanent: false });
    twilio.failWith = undefined;
    const wrong = createTwilioChannel({ accountSid: ACCOUNT_SID, authToken: 'not-the-token', from: '+14155550123', baseUrl: twilio.url });
    expect(await wrong.send(message())).toMatchObject({
      status: 'failed',
      permanent: false,
      error: 'twilio 20003: Authentication Error - invalid username',
    });
    await twilio.close();
    expect(await channel.send(message())).toMatchObject({ status: 'failed', permanent: false, error: 'twilio: network error' });
    twilio = await startFakeTwilio();
  });

  it('refuses numbers that are not E.164 and channels it does not serve, without calling Twilio', async () => {
    make();
    expect(await channel.send(message({ to: { customerId: 'cus_1', contactId: 'ct_1', phone: '(415) 555-0100' } }))).toMatchObject({
      status: 'failed',
      permanent: true,
    });
    expect(await channel.send(message({ channel: 'email' }))).toMatchObject({ status: 'failed', permanent: true });
    expect(twilio.requests).toHaveLength(0);
  });

  it('does not send a key twice through its sent-log, and lookup finds the first send', async () => {
    make();
    expect(await channel.lookup!('inv_1:overdue-14:1:1')).toBeUndefined();
    const [a, b] = await Promise.all([channel.send(message()), channel.send(message())]);
    expect(await channel.send(message())).toEqual(a);
    expect(b).toEqual(a);
    expect(twilio.requests).toHaveLength(1);
    expect(await channel.lookup!('inv_1:overdue-14:1:1')).toEqual(a);
  });

  it('turns signed status callbacks into events through the webhook handler', async () => {
    make();
    await channel.send(message());
    const callbackUrl = twilio.requests[0]!.params.get('StatusCallback')!;
    const response = await twilio.callback(callbackUrl, {
      AccountSid: ACCOUNT_SID,
      MessageSid: 'SM1',
      MessageStatus: 'undelivered',
      ErrorCode: '30005',
      To: '+14155550100',
      From: '+14155550123',
    });
    expect(response.status).toBe(200);
    expect(hooks.events).toEqual([
      [
        [
          {
            type: 'bounced',
            bounce: 'hard',
            channel: 'sms',
            at: expect.any(Number),
            key: 'inv_1:overdue-14:1:1',
            providerMessageId: 'SM1',
            address: '+14155550100',
            detail: 'twilio undelivered 30005',
            deliveryId: expect.stringMatching(/^twilio:AC\w+:SM1:undelivered$/),
          },
        ],
        'twilio',
      ],
    ]);

    await channel.send(message({ key: 'call-1', channel: 'voice' }));
    const callUrl = twilio.requests[1]!.params.get('StatusCallback')!;
    expect(
      (
        await twilio.callback(callUrl, {
          AccountSid: ACCOUNT_SID,
          CallSid: 'CA9',
          CallStatus: 'completed',
          CallDuration: '61',
          To: '+14155550100',
        })
      ).status,
    ).toBe(200);
    expect(hooks.events[1]?.[0]).toEqual([
      {
        type: 'call-completed',
        at: expect.any(Number),
        key: 'call-1',
        providerMessageId: 'CA9',
        address: '+14155550100',
        outcome: 'reached',
        durationSeconds: 61,
        deliveryId: `twilio:${ACCOUNT_SID}:CA9:completed`,
      },
    ]);
  });

  it('refuses a bad signature with 401 and records nothing', async () => {
    make();
    const url = `${hooks.url}/hooks/twilio?key=k1`;
    expect((await twilio.callback(url, { MessageSid: 'SM1', MessageStatus: 'delivered' }, 'some-other-token')).status).toBe(401);
    const unsigned = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'MessageSid=SM1&MessageStatus=delivered',
    });
    expect(unsigned.status).toBe(401);
    expect(hooks.events).toEqual([]);
  });

  it('turns an inbound STOP into an SMS-only opt-out, and a sentence into a reply', async () => {
    make();
    const url = `${hooks.url}/hooks/twilio`;
    const inbound = (Body: string) => ({
      AccountSid: ACCOUNT_SID,
      MessageSid: `SM${Body.length}`,
      SmsStatus: 'received',
      From: '+14155550100',
      To: '+14155550123',
      Body,
      NumMedia: '0',
    });
    const stop = await twilio.callback(url, inbound('Stop'));
    expect(stop.status).toBe(200);
    expect(stop.headers.get('content-type')).toBe('text/xml');
    expect(await stop.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect((await twilio.callback(url, inbound('We paid on Friday, see remittance'))).status).toBe(200);
    expect(hooks.events.map(([e]) => e[0])).toEqual([
      { type: 'opt-out', channel: 'sms', at: expect.any(Number), address: '+14155550100', deliveryId: expect.stringMatching(/^twilio:/) },
      {
        type: 'replied',
        channel: 'sms',
        at: expect.any(Number),
        address: '+14155550100',
        text: 'We paid on Friday, see remittance',
        deliveryId: expect.stringMatching(/^twilio:/),
      },
    ]);
  });

  it('validates its options with typed errors', () => {
    const base = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+14155550123' };
    expect(() => createTwilioChannel({ ...base, accountSid: 'AC123' })).toThrow(ValidationError);
    expect(() => createTwilioChannel({ ...base, from: '4155550123' })).toThrow(/from/);
    expect(() => createTwilioChannel({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })).toThrow(/from or messagingServiceSid/);
    expect(() => createTwilioChannel({ ...base, voice: { transferTo: '555' } })).toThrow(/voice\.transferTo/);
  });

  it('never echoes a credential in an options error', () => {
    const token = `S3cr3t-${'f'.repeat(26)}`;
    const errors: unknown[] = [];
    for (const bad of [
      { accountSid: token, authToken: AUTH_TOKEN },
      { accountSid: ACCOUNT_SID, authToken: 7 },
      { accountSid: 'AC1', authToken: 'short' },
    ]) {
      try {
        createTwilioChannel({ from: '+14155550123', ...bad } as TwilioChannelOptions);
      } catch (error) {
        errors.push(error);
      }
    }
    expect(errors).toHaveLength(3);
    const [pasted, notText, short] = errors as ValidationError[];
    expect(pasted?.message).toBe('Invalid twilio channel options: accountSid: expected AC followed by 32 hex digits (got 33 characters)');
    expect(notText?.message).toContain('authToken: ');
    expect(short?.message).toContain('authToken: expected the account auth token (got 5 characters)');
    for (const error of errors as ValidationError[]) {
      const printed = `${error.message}\n${JSON.stringify(error.issues)}`;
      for (const secret of [token, AUTH_TOKEN, 'short', 'AC1"']) expect(printed).not.toContain(secret);
    }
  });

  it('redacts the auth token and authorization values from Twilio error text', async () => {
    make();
    const basic = Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64');
    twilio.failWith = {
      status: 400,
      code: 21604,
      message: `Bad request with token ${AUTH_TOKEN} (Authorization: Basic ${basic}) for +14155550100`,
    };
    const result = await channel.send(message());
    expect(result).toMatchObject({ status: 'failed', permanent: true });
    const error = result.status === 'failed' ? result.error : '';
    expect(error).toContain('twilio 21604: Bad request with token [redacted]');
    for (const secret of [AUTH_TOKEN, basic, '+14155550100']) expect(error).not.toContain(secret);
  });

  it('never logs the auth token or a full phone number', async () => {
    const logger = captureLogger();
    make({ logger });
    await channel.send(message());
    await channel.send(message({ key: 'k2', to: { customerId: 'cus_1', contactId: 'ct_1', phone: INVALID_NUMBER } }));
    await channel.send(message({ key: 'k3', channel: 'voice' }));
    twilio.failWith = { status: 500, code: 20500, message: 'Internal Server Error' };
    await channel.send(message({ key: 'k4' }));
    const log = logger.lines.join('\n');
    expect(logger.lines.length).toBeGreaterThanOrEqual(4);
    for (const secret of [
      AUTH_TOKEN,
      '+14155550100',
      INVALID_NUMBER,
      '+14155550199',
      Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64'),
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
