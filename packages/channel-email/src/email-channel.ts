/**
 * The email channel, on nodemailer: any transport (SMTP, SES, a pool) by injection.
 *
 * @module
 */
import nodemailer from 'nodemailer';
import type { SendMailOptions, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { z } from 'zod';
import { parseWith } from '@dueflow/core';
import { createMemoryDeliveryLog } from '@dueflow/runtime';
import { redactAddress, silentLogger, systemClock } from '@dueflow/runtime/ports';
import { singleFlight } from '@dueflow/runtime/adapters';
import type {
  Channel,
  ChannelEvent,
  Clock,
  DeliveryLog,
  InboundRequest,
  Logger,
  OutboundMessage,
  SendResult,
} from '@dueflow/runtime/ports';
import { parseDeliveryReport } from './delivery-report.js';
import { messageIdFor } from './message-id.js';
import { parseSesNotification, type SesNotificationOptions } from './ses-notification.js';
import { smtpFailure } from './smtp-failure.js';

/** A mailbox: `'ar@acme.example'` or `{ name: 'Acme AR', address: 'ar@acme.example' }`. */
export type Mailbox = string | { readonly name: string; readonly address: string };

/** Options of {@link createEmailChannel}. */
export interface EmailChannelOptions {
  /** A nodemailer transport (`nodemailer.createTransport(...)`), or SMTP options to create one. */
  readonly transport: Transporter | SMTPTransport.Options;
  readonly from: Mailbox;
  /**
   * Where replies go.
   * @default undefined (replies go to `from`)
   */
  readonly replyTo?: Mailbox;
  /**
   * `List-Unsubscribe` targets; with a URL, `List-Unsubscribe-Post: List-Unsubscribe=One-Click`
   * is added (RFC 8058). The URL may depend on the message (a signed per-contact link).
   * @default undefined (no List-Unsubscribe header unless the rendered message has one)
   */
  readonly listUnsubscribe?: { readonly url?: string | ((message: OutboundMessage) => string); readonly mailto?: string };
  /** Domain of the Message-IDs, normally the sending domain (`mail.acme.example`). */
  readonly domain: string;
  /**
   * What the mail server accepted, by delivery key (for `lookup`, for not sending a key twice,
   * and for matching bounces back to keys). Share a durable log (`createPostgresDeliveryLog`)
   * between the processes that send through this channel.
   * @default createMemoryDeliveryLog() (this process only)
   */
  readonly deliveryLog?: DeliveryLog;
  /**
   * Verifies and parses SES notifications posted by SNS in `parseWebhook`.
   * @default {} (any topic; set `topicArns`)
   */
  readonly ses?: SesNotificationOptions;
  /**
   * Stamps delivery-log records.
   * @default systemClock
   */
  readonly clock?: Clock;
  /**
   * Structured logger; recipient addresses are redacted.
   * @default silentLogger
   */
  readonly logger?: Logger;
  /**
   * Adapter name in logs and on the timeline.
   * @default 'email'
   */
  readonly name?: string;
}

/** The email channel, with bounce parsing for reports arriving by mail. */
export interface EmailChannel extends Channel {
  /** The Message-ID a message with this key carries. */
  messageIdFor(key: string): string;
  /** Parses a DSN or ARF email (from a bounce mailbox) into events, matched to keys through the delivery log. */
  parseDeliveryReport(raw: Uint8Array | string, receivedAt: number): Promise<ChannelEvent[]>;
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const MailboxSchema = z.union([z.email(), z.object({ name: z.string().max(200), address: z.email() })]);
const OptionsSchema = z.object({
  transport: z.custom<Transporter | SMTPTransport.Options>((v) => typeof v === 'object' && v !== null, {
    message: 'expected a nodemailer transport or SMTP options',
  }),
  from: MailboxSchema,
  replyTo: MailboxSchema.optional(),
  listUnsubscribe: z
    .object({
      url: z
        .union([
          z.url({ protocol: /^https$/, message: 'expected an https URL' }),
          z.custom<(m: OutboundMessage) => string>((v) => typeof v === 'function'),
        ])
        .optional(),
      mailto: z.email().optional(),
    })
    .refine((l) => l.url !== undefined || l.mailto !== undefined, { message: 'needs url or mailto' })
    .optional(),
  domain: z.string().regex(HOSTNAME, 'expected a domain name such as mail.acme.example'),
  deliveryLog: z.custom<DeliveryLog>((v) => typeof v === 'object' && v !== null, { message: 'expected a DeliveryLog' }).optional(),
  ses: z.custom<SesNotificationOptions>((v) => typeof v === 'object' && v !== null).optional(),
  clock: z.custom<Clock>((v) => typeof v === 'object' && v !== null).optional(),
  logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null).optional(),
  name: z.string().min(1).max(64).default('email'),
});

const isTransporter = (t: unknown): t is Transporter => typeof (t as { sendMail?: unknown }).sendMail === 'function';
const toBuffer = (content: Uint8Array | string): Buffer | string => (typeof content === 'string' ? content : Buffer.from(content));

/**
 * Creates the email channel. Each message gets HTML and text parts, attachments, optional
 * `List-Unsubscribe` headers and a Message-ID derived from its idempotency key
 * ({@link messageIdFor}); a key already in the delivery log is not sent again. SMTP 5xx
 * replies are permanent failures, 4xx and connection errors transient. `parseWebhook` takes
 * SES notifications posted by SNS; `parseDeliveryReport` takes DSN bounce emails.
 *
 * @example
 * ```ts
 * const email = createEmailChannel({
 *   transport: nodemailer.createTransport({ host: 'smtp.example.com', port: 587, auth: { user, pass } }),
 *   from: { name: 'Acme Accounts', address: 'ar@acme.example' },
 *   domain: 'mail.acme.example',
 *   listUnsubscribe: { mailto: 'unsubscribe@acme.example' },
 * });
 * await email.send(message);
 * ```
 */
export function createEmailChannel(options: EmailChannelOptions): EmailChannel {
  const o = parseWith(OptionsSchema, 'email channel options', options);
  const ownsTransport = !isTransporter(o.transport);
  const transport: Transporter = isTransporter(o.transport) ? o.transport : nodemailer.createTransport(o.transport);
  const deliveryLog = o.deliveryLog ?? createMemoryDeliveryLog();
  const clock = o.clock ?? systemClock;
  const logger = o.logger ?? silentLogger;

  function headersFor(message: OutboundMessage): Record<string, string> {
    const headers: Record<string, string> = {};
    const targets: string[] = [];
    const url = typeof o.listUnsubscribe?.url === 'function' ? o.listUnsubscribe.url(message) : o.listUnsubscribe?.url;
    if (url !== undefined) targets.push(`<${url}>`);
    if (o.listUnsubscribe?.mailto !== undefined) targets.push(`<mailto:${o.listUnsubscribe.mailto}>`);
    if (targets.length > 0) headers['List-Unsubscribe'] = targets.join(', ');
    if (url !== undefined) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      // A line break in a rendered header would let text inject headers of its own.
      if (/[\r\n]/.test(name) || /[\r\n]/.test(value) || !/^[!-9;-~]+$/.test(name)) {
        logger.warn('email header dropped: not a single line', { key: message.key, header: name.slice(0, 40) });
        continue;
      }
      headers[name] = value;
    }
    return headers;
  }

  async function deliver(message: OutboundMessage): Promise<SendResult> {
    const messageId = messageIdFor(message.key, o.domain);
    const previous = await deliveryLog.find(message.key);
    if (previous !== undefined) {
      logger.info('email already sent under this key, not sent again', { key: message.key, messageId: previous.providerId });
      return { status: 'sent', providerMessageId: previous.providerId };
    }
    const address = message.to.email;
    if (address === undefined || address === '') {
      return { status: 'failed', permanent: true, error: 'email: the recipient has no email address' };
    }
    const mail: SendMailOptions = {
      from: o.from,
      to: message.to.name === undefined ? address : { name: message.to.name, address },
      subject: message.subject ?? '',
      text: message.text,
      messageId,
      headers: headersFor(message),
      ...(message.html === undefined ? {} : { html: message.html }),
      ...(o.replyTo === undefined ? {} : { replyTo: o.replyTo }),
      ...(message.cc === undefined || message.cc.length === 0
        ? {}
        : { cc: message.cc.map((c) => (c.name === undefined ? c.email : { name: c.name, address: c.email })) }),
      ...(message.attachments === undefined
        ? {}
        : {
            attachments: message.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              content: toBuffer(a.content),
            })),
          }),
    };
    try {
      await transport.sendMail(mail);
    } catch (error) {
      const failure = smtpFailure(error);
      logger.warn('email not sent', { key: message.key, to: redactAddress(address), permanent: failure.permanent, error: failure.error });
      return failure;
    }
    try {
      await deliveryLog.record({
        key: message.key,
        ...(message.memberKeys === undefined ? {} : { memberKeys: message.memberKeys }),
        providerId: messageId,
        at: clock.now(),
      });
    } catch (error) {
      // The server accepted the mail: reporting a failure would send it again. The outbox records
      // the send; only a crash before that record leaves the key unknown to `lookup`.
      logger.error('email sent, but the delivery log could not record it', {
        key: message.key,
        messageId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    logger.info('email sent', { key: message.key, to: redactAddress(address), messageId });
    return { status: 'sent', providerMessageId: messageId };
  }

  const resolveKey = (messageId: string) => deliveryLog.findKey(messageId);

  return {
    name: o.name,
    kinds: ['email'],
    capabilities: { idempotent: 'adapter' },

    // Two sends of one key at once share the first one's outcome.
    send: singleFlight(deliver),

    async lookup(key) {
      const sent = await deliveryLog.find(key);
      return sent === undefined ? undefined : { status: 'sent', providerMessageId: sent.providerId };
    },

    parseWebhook(request: InboundRequest) {
      return parseSesNotification(request, { resolveKey, ...o.ses });
    },

    messageIdFor(key) {
      return messageIdFor(key, o.domain);
    },

    parseDeliveryReport(raw, receivedAt) {
      return parseDeliveryReport(raw, { receivedAt, resolveKey });
    },

    async close() {
      if (ownsTransport) transport.close();
    },
  };
}
