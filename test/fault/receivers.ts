/**
 * The far ends of every channel, real and local: an SMTP server, a server speaking Twilio's
 * Messages and Calls API, a Standard Webhooks receiver and the letter folder. Each records what
 * reached it as {@link Delivery} records: which tenant's invoices a message carried, and the
 * identity the receiver knows the message by (Message-ID, the status-callback key, `webhook-id`,
 * the letter's file name).
 *
 * The workers render every message with {@link stormRenderer}, which writes the tenant and the
 * keys of the invoices a message covers into its subject and text, so each receiver reads them
 * back from what it received, without asking Dueflow.
 *
 * @module
 */
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { verifyWebhook } from '@dueflow/channel-webhook';
import type { Renderer } from '@dueflow/runtime/ports';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as a receiver saw it. */
export interface Delivery {
  readonly channel: 'email' | 'sms' | 'voice' | 'webhook' | 'letter';
  /** What the receiver knows the message by; a re-send under the same key has the same identity. */
  readonly identity: string;
  readonly tenant: string;
  /** The idempotency keys of the invoices' outbox entries the message carried. */
  readonly keys: readonly string[];
}

/** The marker every storm message carries. */
const MARK = /dueflow-storm tenant=(\S+) keys=(\S+)/;

/**
 * Writes the tenant and the keys of every invoice a message covers into the subject and the
 * text, on one line (short lines keep the email's text part in plain 7-bit).
 *
 * @example
 * ```ts
 * createCollector({ storage, channels, policy, renderer: stormRenderer });
 * ```
 */
export const stormRenderer: Renderer = {
  async render(input) {
    const members = 'members' in input && Array.isArray(input.members) ? (input.members as { decision: { idempotencyKey: string } }[]) : [];
    const keys = members.length > 0 ? members.map((m) => m.decision.idempotencyKey) : [input.decision.idempotencyKey];
    const line = `dueflow-storm tenant=${input.tenantId} keys=${keys.join(',')}`;
    return { subject: line, text: `${line}\n` };
  },
};

/** Reads the storm marker from a text; `undefined` when there is none. */
export function readMark(text: string): { tenant: string; keys: string[] } | undefined {
  const m = MARK.exec(text);
  return m === null ? undefined : { tenant: m[1]!, keys: m[2]!.split(',') };
}

function record(into: Delivery[], channel: Delivery['channel'], identity: string, text: string, unreadable: string[]): void {
  const mark = readMark(text);
  if (mark === undefined) unreadable.push(`${channel} ${identity}: no marker in ${JSON.stringify(text.slice(0, 200))}`);
  else into.push({ channel, identity, tenant: mark.tenant, keys: mark.keys });
}

/** A running receiver. */
export interface Receiver {
  readonly deliveries: Delivery[];
  /** Messages that reached the receiver without a readable marker (should stay empty). */
  readonly unreadable: string[];
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 recording every message by its Message-ID. */
export async function startSmtpReceiver(): Promise<Receiver & { readonly port: number }> {
  const deliveries: Delivery[] = [];
  const unreadable: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          record(deliveries, 'email', mail.messageId ?? '(no Message-ID)', `${mail.subject ?? ''}\n${mail.text ?? ''}`, unreadable);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  // A worker killed mid-conversation resets its connection: expected here, not a failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, deliveries, unreadable, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closing(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

async function body(req: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Twilio test credentials of the storm's fake Twilio. */
export const TWILIO = { accountSid: `AC${'0123456789abcdef'.repeat(2)}`, authToken: 'storm-twilio-auth-token-0123456789' } as const;

/**
 * A local server speaking Twilio's documented Messages and Calls endpoints (Basic auth, form
 * bodies, `201` with a `SM`/`CA` sid). A message's identity is the key in its `StatusCallback`.
 */
export async function startTwilioReceiver(): Promise<Receiver & { readonly url: string }> {
  const deliveries: Delivery[] = [];
  const unreadable: string[] = [];
  let sids = 0;
  const auth = `Basic ${Buffer.from(`${TWILIO.accountSid}:${TWILIO.authToken}`).toString('base64')}`;
  const server = createServer((req, res) => {
    const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/(Messages|Calls)\.json$/.exec(req.url ?? '');
    const answer = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (req.method !== 'POST' || match === null)
      return answer(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    if (req.headers.authorization !== auth) return answer(401, { code: 20003, message: 'Authentication Error', status: 401 });
    void body(req).then(
      (text) => {
        const params = new URLSearchParams(text);
        const callback = params.get('StatusCallback');
        const identity = callback === null ? '(no StatusCallback)' : (new URL(callback).searchParams.get('key') ?? '(no key)');
        const call = match[2] === 'Calls';
        record(deliveries, call ? 'voice' : 'sms', identity, call ? (params.get('Twiml') ?? '') : (params.get('Body') ?? ''), unreadable);
        sids++;
        const sid = `${call ? 'CA' : 'SM'}${sids.toString(16).padStart(32, '0')}`;
        answer(201, {
          sid,
          account_sid: TWILIO.accountSid,
          to: params.get('To'),
          from: params.get('From'),
          status: 'queued',
          api_version: '2010-04-01',
        });
      },
      () => req.destroy(),
    ); // the worker was killed mid-request
  });
  const url = await listen(server);
  return { url, deliveries, unreadable, close: closing(server) };
}

/** The signing secret of the storm's webhook receiver. */
export const WEBHOOK_SECRET = `whsec_${Buffer.from('storm-webhook-signing-secret-0123').toString('base64')}`;

/** A receiver that verifies the Standard Webhooks signature and records each delivery by `webhook-id`. */
export async function startWebhookReceiver(): Promise<Receiver & { readonly url: string }> {
  const deliveries: Delivery[] = [];
  const unreadable: string[] = [];
  const server = createServer((req, res) => {
    void body(req).then(
      async (raw) => {
        try {
          const verified = await verifyWebhook({
            secret: WEBHOOK_SECRET,
            headers: req.headers,
            rawBody: raw,
            now: Date.now(),
            toleranceSeconds: 600,
          });
          const payload = verified.payload as { message?: { text?: string } };
          record(deliveries, 'webhook', verified.id, payload.message?.text ?? '', unreadable);
          res.writeHead(204).end();
        } catch (error) {
          unreadable.push(`webhook refused: ${String(error)}`);
          res.writeHead(400).end();
        }
      },
      () => req.destroy(),
    ); // the worker was killed mid-request
  });
  const url = await listen(server);
  return { url, deliveries, unreadable, close: closing(server) };
}

/** Reads the letters in `directory`: identity is the file name, the marker is the PDF's title. */
export async function readLetters(directory: string): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const unreadable: string[] = [];
  for (const file of (await readdir(directory)).filter((f) => f.endsWith('.pdf')).sort()) {
    const pdf = (await readFile(join(directory, file))).toString('latin1');
    record(deliveries, 'letter', file, pdfTitle(pdf), unreadable);
  }
  return { deliveries, unreadable, close: async () => undefined };
}

/**
 * The document information's Title of an uncompressed PDF: a literal string, written in place
 * or (as pdfkit does) in an object the information dictionary refers to.
 */
function pdfTitle(pdf: string): string {
  const literal = String.raw`\(((?:\\.|[^\\)])*)\)`;
  const ref = /\/Title\s+(\d+)\s+0\s+R/.exec(pdf);
  const found =
    ref === null
      ? new RegExp(String.raw`\/Title\s*` + literal).exec(pdf)
      : new RegExp(String.raw`(?:^|\n)${ref[1]}\s+0\s+obj\s*` + literal).exec(pdf);
  return found?.[1]?.replace(/\\(.)/g, '$1') ?? '';
}
