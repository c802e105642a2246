/**
 * A channel that writes each message to a directory, as an `.eml` file any mail client opens or
 * as JSON: for development, audits, letters printed in batches, and tests.
 *
 * @module
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addressOf, ChannelKindSchema, ConfigError, parseWith, type ChannelKind } from '@dueflow/core';
import { z } from 'zod';
import type { Channel, OutboundMessage, SendResult } from '../ports/channel.js';
import { systemClock, type Clock } from '../ports/clock.js';
import { formatMailbox, formatMailDate, writeMime } from './mime.js';

/** Options of {@link createFileChannel}. */
export interface FileChannelOptions {
  /** Directory the files are written to; created when missing. */
  readonly directory: string;
  /**
   * `eml`: an RFC 5322 message (multipart/alternative text and HTML, quoted-printable bodies);
   * `json`: the message as data.
   * @default 'eml'
   */
  readonly format?: 'eml' | 'json';
  /**
   * Channel kinds this channel accepts.
   * @default ['email', 'sms', 'voice', 'letter', 'webhook']
   */
  readonly kinds?: readonly ChannelKind[];
  /**
   * Sender mailbox, `Name <address>` or `address`.
   * @default 'Dueflow <collections@localhost>'
   */
  readonly from?: string;
  /**
   * Adapter name for logs and the timeline.
   * @default 'file'
   */
  readonly name?: string;
  /**
   * Clock for the `Date` header and the JSON `writtenAt` field.
   * @default systemClock
   */
  readonly clock?: Clock;
}

const OptionsSchema = z.object({
  directory: z.string().min(1),
  format: z.enum(['eml', 'json']).default('eml'),
  kinds: z.array(ChannelKindSchema).min(1).default(['email', 'sms', 'voice', 'letter', 'webhook']),
  from: z.string().min(3).max(300).default('Dueflow <collections@localhost>'),
  name: z.string().min(1).max(100).default('file'),
});

const MAILBOX = /^\s*(?:(.*?)\s*<([^<>\s@]+@[^<>\s@]+)>|([^<>\s@]+@[^<>\s@]+))\s*$/;

/** Extra headers a message may not set: the writer owns them. */
const RESERVED = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A filesystem-safe, collision-resistant file name for an idempotency key: the key's safe
 * characters for readability, then a hash of the whole key, so keys that differ only in
 * unsafe characters or in case never share a file.
 *
 * @example
 * ```ts
 * fileNameForKey('inv-1042:overdue-notice:1', 'eml'); // 'inv-1042_overdue-notice_1-<16 hex>.eml'
 * ```
 */
export function fileNameForKey(key: string, extension: string): string {
  const readable = key
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 80);
  return `${readable === '' ? 'message' : readable}-${sha256(key).slice(0, 16)}.${extension}`;
}

/**
 * Creates a channel writing every message to `directory`, one file per idempotency key. A second
 * send with the same key writes nothing and reports the first file as sent
 * (`capabilities.idempotent: 'adapter'`); `lookup(key)` checks for the file. Files appear
 * atomically (written aside, then hard-linked into place), so a crash never leaves half a message.
 *
 * @example
 * ```ts
 * const channel = createFileChannel({ directory: './outbox', format: 'eml', from: 'Acme AR <ar@acme.example>' });
 * const collector = createCollector({ storage, channels: [channel] });
 * ```
 */
export function createFileChannel(options: FileChannelOptions): Channel {
  const { directory, format, kinds, from, name } = parseWith(OptionsSchema, 'file channel options', options);
  const clock = options.clock ?? systemClock;
  const sender = MAILBOX.exec(from);
  if (sender === null) throw new ConfigError(`from: expected "Name <address>" or "address", got ${JSON.stringify(from)}`);
  const fromEmail = (sender[2] ?? sender[3])!;
  const fromName = sender[1] !== undefined && sender[1] !== '' ? sender[1].replace(/^"|"$/g, '') : undefined;
  const domain = fromEmail.slice(fromEmail.indexOf('@') + 1);
  let ready: Promise<unknown> | undefined;

  const messageIdOf = (key: string) => `<${sha256(key).slice(0, 32)}@${domain}>`;
  const pathOf = (key: string) => join(directory, fileNameForKey(key, format));

  const render = (message: OutboundMessage, messageId: string): string => {
    const now = clock.now();
    if (format === 'json') {
      const document = {
        schemaVersion: 1,
        key: message.key,
        messageId,
        channel: message.channel,
        tenantId: message.tenantId,
        writtenAt: new Date(now).toISOString(),
        from: fromName !== undefined ? { name: fromName, email: fromEmail } : { email: fromEmail },
        to: message.to,
        ...(message.cc !== undefined ? { cc: message.cc } : {}),
        ...(message.subject !== undefined ? { subject: message.subject } : {}),
        text: message.text,
        ...(message.html !== undefined ? { html: message.html } : {}),
        ...(message.headers !== undefined ? { headers: message.headers } : {}),
        ...(message.transferTo !== undefined ? { transferTo: message.transferTo } : {}),
        ...(message.attachments !== undefined
          ? {
              attachments: message.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                encoding: 'base64',
                content: Buffer.from(a.content).toString('base64'),
              })),
            }
          : {}),
        decision: message.decision,
      };
      return `${JSON.stringify(document, null, 2)}\n`;
    }
    const headers: [string, string][] = [['From', formatMailbox(fromEmail, fromName)]];
    if (message.channel === 'email' && message.to.email !== undefined)
      headers.push(['To', formatMailbox(message.to.email, message.to.name)]);
    else headers.push(['To', 'undisclosed-recipients:;']);
    if (message.cc !== undefined && message.cc.length > 0)
      headers.push(['Cc', message.cc.map((c) => formatMailbox(c.email, c.name)).join(', ')]);
    if (message.subject !== undefined) headers.push(['Subject', message.subject]);
    headers.push(
      ['Date', formatMailDate(now)],
      ['Message-ID', messageId],
      ['X-Dueflow-Key', message.key],
      ['X-Dueflow-Channel', message.channel],
    );
    if (message.channel !== 'email') headers.push(['X-Dueflow-To', addressOf(message.to, message.channel) ?? '']);
    if (message.transferTo !== undefined) headers.push(['X-Dueflow-Transfer-To', message.transferTo]);
    for (const [header, value] of Object.entries(message.headers ?? {})) {
      if (!/^[!-9;-~]+$/.test(header) || RESERVED.has(header.toLowerCase())) continue;
      headers.push([header, value]);
    }
    return writeMime({
      headers,
      text: message.text,
      ...(message.html !== undefined ? { html: message.html } : {}),
      ...(message.attachments !== undefined ? { attachments: message.attachments } : {}),
      boundary: `=_dueflow_${sha256(message.key).slice(0, 24)}`,
    });
  };

  const exists = async (path: string): Promise<boolean> => {
    try {
      await stat(path);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  };

  return {
    name,
    kinds,
    capabilities: { idempotent: 'adapter', concurrency: 4 },

    async send(message: OutboundMessage): Promise<SendResult> {
      if (!kinds.includes(message.channel)) {
        return {
          status: 'failed',
          permanent: true,
          error: `channel "${name}" does not deliver ${message.channel} (it delivers ${kinds.join(', ')})`,
        };
      }
      if (addressOf(message.to, message.channel) === undefined) {
        return { status: 'failed', permanent: true, error: `recipient ${message.to.contactId} has no ${message.channel} address` };
      }
      const messageId = messageIdOf(message.key);
      const target = pathOf(message.key);
      try {
        ready ??= mkdir(directory, { recursive: true });
        await ready;
        if (await exists(target)) return { status: 'sent', providerMessageId: messageId };
        const temporary = join(directory, `.${randomUUID()}.tmp`);
        await writeFile(temporary, render(message, messageId), { flag: 'wx' });
        try {
          // link() fails with EEXIST if another send of the same key won the race: exactly one file.
          await link(temporary, target);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code !== 'EEXIST') throw e;
        } finally {
          await unlink(temporary).catch(() => undefined);
        }
        return { status: 'sent', providerMessageId: messageId };
      } catch (e) {
        ready = undefined;
        return { status: 'failed', permanent: false, error: `could not write ${target}: ${e instanceof Error ? e.message : String(e)}` };
      }
    },

    async lookup(key: string): Promise<SendResult | undefined> {
      return (await exists(pathOf(key))) ? { status: 'sent', providerMessageId: messageIdOf(key) } : undefined;
    },
  };
}
