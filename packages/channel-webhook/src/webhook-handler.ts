/**
 * An Express-compatible (and plain `node:http`) request handler for inbound provider webhooks.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DueflowError } from '@dueflow/core';
import { WebhookVerificationError } from '@dueflow/runtime';
import { silentLogger, systemClock } from '@dueflow/runtime/ports';
import type { Channel, ChannelEvent, Clock, Logger } from '@dueflow/runtime/ports';
import { createMemoryReplayStore, type ReplayStore } from './replay-store.js';

/** A request as Node gives it, plus what Express adds when present. */
export type WebhookRequest = IncomingMessage & {
  /** Raw body from `express.raw()`; read from the stream when it is not a Buffer. */
  body?: unknown;
  /** Route parameters (`/hooks/:provider`). */
  params?: Readonly<Record<string, string | undefined>>;
  /** Express keeps the path before mounting here. */
  originalUrl?: string;
};

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions {
  /** Channels by provider name, as it appears in the path (`/hooks/twilio` → `twilio`). */
  readonly channels: Readonly<Record<string, Channel>>;
  /** Receives the verified events; a rejection answers 500 so the provider retries. */
  readonly onEvents: (events: ChannelEvent[], provider: string) => Promise<void>;
  /**
   * Remembers deliveries already processed for `dedupeTtlMs`, by provider and by what the
   * provider signs: the events' `deliveryId` (Twilio's SID and status, SNS's `MessageId`, the
   * Standard Webhooks `webhook-id`), else a digest of the URL and body. Unsigned headers are never
   * trusted. Repeats are answered 200 and not processed.
   * @default createMemoryReplayStore()
   */
  readonly dedupe?: ReplayStore;
  /**
   * How long a delivery is remembered for deduplication.
   * @default 86_400_000 (24 h)
   */
  readonly dedupeTtlMs?: number;
  /**
   * Public origin the providers call (`https://api.example.com`), used to rebuild the full URL
   * that Twilio signs. Behind a proxy, set it rather than trusting `Host`.
   * @default `http://${Host header}`
   */
  readonly publicOrigin?: string;
  /**
   * Largest body accepted.
   * @default 1_048_576
   */
  readonly maxBodyBytes?: number;
  /**
   * Stamps `receivedAt` for timestamp tolerance.
   * @default systemClock
   */
  readonly clock?: Clock;
  /**
   * Structured logger; bodies, signatures and addresses are never logged.
   * @default silentLogger
   */
  readonly logger?: Logger;
}

/** The handler: `(req, res) => Promise<void>`, usable by Express and by `http.createServer`. */
export type WebhookRequestHandler = (req: WebhookRequest, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void>;

class BodyTooLarge extends Error {}

async function readBody(req: WebhookRequest, limit: number): Promise<Buffer> {
  if (Buffer.isBuffer(req.body)) return req.body;
  if (typeof req.body === 'string') return Buffer.from(req.body, 'utf8');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function providerOf(req: WebhookRequest): string | undefined {
  const fromRoute = req.params?.['provider'];
  if (fromRoute !== undefined) return fromRoute;
  const path = (req.url ?? '').split('?')[0] ?? '';
  const last = path
    .split('/')
    .filter((s) => s !== '')
    .pop();
  return last === undefined ? undefined : decodeURIComponent(last);
}

function reply(res: ServerResponse, status: number, body: Readonly<Record<string, unknown>>): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

function acknowledge(req: WebhookRequest, res: ServerResponse, received: number, duplicate = false): void {
  // Form-encoded callbacks come from Twilio-style providers, which expect TwiML: an empty
  // <Response/> sends no reply SMS and avoids "invalid content type" warnings.
  if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    res.statusCode = 200;
    res.setHeader('content-type', 'text/xml');
    res.end('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    return;
  }
  reply(res, 200, duplicate ? { received, duplicate } : { received });
}

/**
 * What identifies a delivery for deduplication: only content the provider signs. The events'
 * `deliveryId` (Twilio: account, SID and status; SNS: `MessageId`; Standard Webhooks:
 * `webhook-id`), else a digest of the URL and the body, which every signature scheme covers.
 * Headers a provider does not sign are never used: a replay could change them.
 */
function deliveryIdOf(events: readonly ChannelEvent[], url: string, rawBody: Buffer): string {
  const ids = new Set(events.map((e) => e.deliveryId));
  const [only] = ids;
  if (ids.size === 1 && only !== undefined) return `delivery:${only}`;
  return `sha256:${createHash('sha256').update(url).update('\n').update(rawBody).digest('hex')}`;
}

/**
 * Creates a request handler for provider callbacks. It reads the raw body (from `express.raw()`
 * or the stream), finds the channel named by the `:provider` route parameter (or the last path
 * segment), lets the channel's `parseWebhook` verify and parse it, drops repeated deliveries
 * (recognised by signed content only, see `dedupe`), and hands the events to `onEvents`. Answers 200 on success or on a repeat (JSON, or an empty
 * TwiML `<Response/>` to form-encoded callbacks), 400 on a malformed
 * body, 401 on a failed verification, 404 for an unknown provider, 405 for other methods,
 * 413 for a body over the limit and 500 when `onEvents` fails (so the provider retries).
 *
 * @example
 * ```ts
 * const handler = createWebhookHandler({
 *   channels: { twilio, email, webhook },
 *   onEvents: (events, provider) => saveEvents(provider, events), // yours: record them on the timeline
 *   publicOrigin: 'https://api.example.com',
 * });
 * app.post('/hooks/:provider', express.raw({ type: '*\/*' }), handler);
 * // or: http.createServer(handler)
 * ```
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookRequestHandler {
  const dedupe = options.dedupe ?? createMemoryReplayStore();
  const ttl = options.dedupeTtlMs ?? 86_400_000;
  const limit = options.maxBodyBytes ?? 1_048_576;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;

  return async (req, res) => {
    const receivedAt = clock.now();
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return reply(res, 405, { error: 'method not allowed' });
    }
    const provider = providerOf(req);
    const channel = provider === undefined || !Object.hasOwn(options.channels, provider) ? undefined : options.channels[provider];
    if (provider === undefined || channel?.parseWebhook === undefined) {
      return reply(res, 404, { error: 'unknown provider' });
    }

    let rawBody: Buffer;
    try {
      rawBody = await readBody(req, limit);
    } catch (error) {
      if (error instanceof BodyTooLarge) return reply(res, 413, { error: 'body too large' });
      return reply(res, 400, { error: 'could not read body' });
    }

    const origin = options.publicOrigin ?? `http://${req.headers.host ?? 'localhost'}`;
    const url = new URL(req.originalUrl ?? req.url ?? '/', origin).toString();
    let events: ChannelEvent[];
    try {
      events = await channel.parseWebhook({ method: 'POST', url, headers: req.headers, rawBody, receivedAt });
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        logger.warn('webhook refused', { provider, reason: error.reason });
        if (error.reason === 'replay') return acknowledge(req, res, 0, true);
        return reply(res, error.reason === 'malformed' ? 400 : 401, {
          error: error.reason === 'malformed' ? 'malformed body' : 'verification failed',
        });
      }
      if (error instanceof DueflowError && error.code === 'VALIDATION') {
        logger.warn('webhook refused', { provider, reason: 'malformed' });
        return reply(res, 400, { error: 'malformed body' });
      }
      logger.error('webhook parsing failed', { provider, error: error instanceof Error ? error.name : 'unknown' });
      return reply(res, 500, { error: 'internal error' });
    }

    const dedupeKey = `${provider}:${deliveryIdOf(events, url, rawBody)}`;
    if (!(await dedupe.remember(dedupeKey, receivedAt + ttl, receivedAt))) {
      logger.info('webhook repeated, ignored', { provider });
      return acknowledge(req, res, 0, true);
    }
    try {
      if (events.length > 0) await options.onEvents(events, provider);
    } catch (error) {
      await dedupe.forget(dedupeKey);
      logger.error('webhook events not recorded', { provider, error: error instanceof Error ? error.name : 'unknown' });
      return reply(res, 500, { error: 'could not record events' });
    }
    logger.info('webhook received', { provider, events: events.length });
    return acknowledge(req, res, events.length);
  };
}
