/**
 * The webhook channel: posts each action as signed JSON to an endpoint of yours (a CRM, a
 * helpdesk, a workflow tool), in the Standard Webhooks scheme.
 *
 * @module
 */
import { z } from 'zod';
import { ValidationError, parseWith } from '@dueflow/core';
import type { ActDecision } from '@dueflow/core';
import { WebhookVerificationError } from '@dueflow/runtime';
import { parseAdapterOptions } from '@dueflow/runtime/adapters';
import { silentLogger, systemClock } from '@dueflow/runtime/ports';
import type { Channel, ChannelEvent, Clock, InboundRequest, Logger, OutboundMessage, SendResult } from '@dueflow/runtime/ports';
import { decodeWebhookSecret, signWebhook } from './signature.js';
import type { ReplayStore } from './replay-store.js';
import { verifyWebhook } from './verify-webhook.js';

/**
 * The JSON body posted for each action. `key` is also the `webhook-id` header, so a receiver
 * that remembers ids (see `verifyWebhook`'s `replayStore`) processes each action once.
 */
export interface WebhookActionPayload {
  readonly type: 'dueflow.action';
  readonly key: string;
  readonly tenantId: string;
  /** The decision exactly as the engine returned it. */
  readonly decision: ActDecision;
  readonly message: { readonly subject?: string; readonly text: string };
  readonly recipient: { readonly customerId: string; readonly contactId: string; readonly webhook?: string };
}

/** Options of {@link createWebhookChannel}. */
export interface WebhookChannelOptions {
  /** Endpoint receiving the POSTs. */
  readonly url: string;
  /** Shared secret `whsec_<base64>` (at least 16 bytes once decoded). */
  readonly secret: string;
  /**
   * The fetch implementation.
   * @default globalThis.fetch
   */
  readonly fetch?: typeof fetch;
  /**
   * Further attempts after a 5xx, 408, 429, timeout or network error. 4xx is never retried.
   * @default 3
   */
  readonly retries?: number;
  /**
   * Time allowed for one attempt.
   * @default 10_000
   */
  readonly timeoutMs?: number;
  /**
   * First backoff delay; each retry doubles it (capped at 30 s). A `Retry-After` header wins;
   * one over 30 s ends the attempts and is returned as `retryAfterMs` for the runtime.
   * @default 500
   */
  readonly backoffMs?: number;
  /**
   * How to wait between attempts (tests pass a fake).
   * @default setTimeout-based sleep
   */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Clock for the `webhook-timestamp` header: signing is the one place this adapter reads time.
   * @default systemClock
   */
  readonly clock?: Clock;
  /**
   * Structured logger; URLs are logged by origin only and the secret never.
   * @default silentLogger
   */
  readonly logger?: Logger;
  /**
   * Adapter name in logs and on the timeline.
   * @default 'webhook'
   */
  readonly name?: string;
  /**
   * Timestamp tolerance for signed inbound callbacks (see {@link WebhookCallbackPayload}).
   * @default 300
   */
  readonly toleranceSeconds?: number;
  /**
   * Remembers callback ids so a replayed callback is refused.
   * @default undefined
   */
  readonly replayStore?: ReplayStore;
}

const fn = <T>(what: string) => z.custom<T>((v) => typeof v === 'function', { message: `expected ${what}` });

const OptionsSchema = z.object({
  url: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }),
  secret: z.string().startsWith('whsec_', 'expected a secret starting with "whsec_"'),
  fetch: fn<typeof fetch>('a fetch function').optional(),
  retries: z.number().int().min(0).max(10).default(3),
  timeoutMs: z.number().int().positive().default(10_000),
  backoffMs: z.number().int().min(0).default(500),
  sleep: fn<(ms: number) => Promise<void>>('a sleep function').optional(),
  clock: z
    .custom<Clock>((v) => typeof v === 'object' && v !== null && typeof (v as Clock).now === 'function', { message: 'expected a Clock' })
    .optional(),
  logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null, { message: 'expected a Logger' }).optional(),
  name: z.string().min(1).max(64).default('webhook'),
  toleranceSeconds: z.number().int().positive().default(300),
  replayStore: z.custom<ReplayStore>((v) => typeof v === 'object' && v !== null, { message: 'expected a ReplayStore' }).optional(),
});

/**
 * What your system may post back, signed with the same secret, to report on an action:
 * `{ "type": "dueflow.delivery", "key": "...", "status": "delivered" | "failed", "detail"?: "..." }`
 * or a customer reply it captured: `{ "type": "dueflow.reply", "key"?: "...", "address": "...", "text": "..." }`.
 */
export type WebhookCallbackPayload = z.infer<typeof CallbackSchema>;

const CallbackSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('dueflow.delivery'),
    key: z.string().min(1).max(300),
    status: z.enum(['delivered', 'failed']),
    detail: z.string().max(2000).optional(),
  }),
  z.object({
    type: z.literal('dueflow.reply'),
    key: z.string().min(1).max(300).optional(),
    address: z.string().min(1).max(320),
    text: z.string().max(10_000),
  }),
]);

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Builds the JSON body posted for a message.
 *
 * @example
 * ```ts
 * const body = JSON.stringify(webhookPayloadFor(message));
 * ```
 */
export function webhookPayloadFor(message: OutboundMessage): WebhookActionPayload {
  return {
    type: 'dueflow.action',
    key: message.key,
    tenantId: message.tenantId,
    decision: message.decision,
    message: message.subject === undefined ? { text: message.text } : { subject: message.subject, text: message.text },
    recipient:
      message.to.webhook === undefined
        ? { customerId: message.to.customerId, contactId: message.to.contactId }
        : { customerId: message.to.customerId, contactId: message.to.contactId, webhook: message.to.webhook },
  };
}

/**
 * Creates the webhook channel. Each send POSTs a {@link WebhookActionPayload} signed in the
 * Standard Webhooks scheme (`webhook-id` is the idempotency key), retrying 5xx, 408, 429,
 * timeouts and network errors with exponential backoff; other 4xx answers are permanent
 * failures. `parseWebhook` accepts signed {@link WebhookCallbackPayload}s from your system.
 *
 * @example
 * ```ts
 * const channel = createWebhookChannel({
 *   url: 'https://crm.example.com/hooks/dueflow',
 *   secret: process.env.DUEFLOW_WEBHOOK_SECRET!, // whsec_...
 * });
 * const result = await channel.send(message); // { status: 'sent' } or { status: 'failed', permanent, error }
 * ```
 */
export function createWebhookChannel(options: WebhookChannelOptions): Channel {
  const o = parseAdapterOptions(OptionsSchema, 'webhook channel options', options, ['secret']);
  decodeWebhookSecret(o.secret);
  const doFetch = o.fetch ?? globalThis.fetch;
  const sleep = o.sleep ?? defaultSleep;
  const clock = o.clock ?? systemClock;
  const logger = o.logger ?? silentLogger;
  const origin = new URL(o.url).origin;

  async function attempt(message: OutboundMessage, body: string): Promise<SendResult & { retryable?: boolean }> {
    const now = clock.now();
    const headers = signWebhook({ secret: o.secret, id: message.key, timestamp: Math.floor(now / 1000), body });
    let response: Response;
    try {
      response = await doFetch(o.url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'dueflow-webhook' },
        body,
        signal: AbortSignal.timeout(o.timeoutMs),
      });
    } catch (cause) {
      const why = cause instanceof Error && cause.name === 'TimeoutError' ? `timed out after ${o.timeoutMs} ms` : 'network error';
      return { status: 'failed', permanent: false, error: `webhook: ${why}`, retryable: true };
    }
    // Drain the body so the connection can be reused; its content is not needed.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { status: 'sent', providerMessageId: message.key };
    const transient = response.status >= 500 || response.status === 408 || response.status === 429;
    const wait = retryAfter(response.headers.get('retry-after'), now);
    return {
      status: 'failed',
      permanent: !transient,
      error: `webhook: endpoint answered HTTP ${response.status}`,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
      retryable: transient,
    };
  }

  return {
    name: o.name,
    kinds: ['webhook'],
    capabilities: { idempotent: 'provider' },

    async send(message) {
      const body = JSON.stringify(webhookPayloadFor(message));
      let result = await attempt(message, body);
      for (let retry = 0; retry < o.retries && result.status === 'failed' && result.retryable === true; retry++) {
        const delay = result.retryAfterMs ?? Math.min(30_000, o.backoffMs * 2 ** retry);
        // A long Retry-After is the runtime's to schedule, not a reason to hold a worker.
        if (delay > 30_000) break;
        logger.warn('webhook delivery failed, retrying', { key: message.key, origin, error: result.error, retryInMs: delay });
        await sleep(delay);
        result = await attempt(message, body);
      }
      if (result.status === 'sent') {
        logger.info('webhook delivered', { key: message.key, origin });
        return { status: 'sent', providerMessageId: message.key };
      }
      logger.error('webhook delivery failed', { key: message.key, origin, error: result.error, permanent: result.permanent });
      const { retryable: _ignored, ...outcome } = result;
      return outcome;
    },

    async parseWebhook(request: InboundRequest): Promise<ChannelEvent[]> {
      const verified = await verifyWebhook({
        secret: o.secret,
        headers: request.headers,
        rawBody: request.rawBody,
        now: request.receivedAt,
        toleranceSeconds: o.toleranceSeconds,
        ...(o.replayStore === undefined ? {} : { replayStore: o.replayStore }),
      });
      let payload: WebhookCallbackPayload;
      try {
        payload = parseWith(CallbackSchema, 'webhook callback', verified.payload);
      } catch (cause) {
        const why = cause instanceof ValidationError ? cause.message : 'invalid callback';
        throw new WebhookVerificationError('malformed', why, { cause });
      }
      // The signed id and timestamp: a replay carries the same id, and events are ordered by the sender's time.
      const origin = { at: verified.timestamp * 1000, deliveryId: `standard-webhooks:${verified.id}` };
      if (payload.type === 'dueflow.delivery') {
        const base = { channel: 'webhook' as const, ...origin, key: payload.key, providerMessageId: payload.key };
        return [
          payload.detail === undefined ? { type: payload.status, ...base } : { type: payload.status, ...base, detail: payload.detail },
        ];
      }
      const reply = { type: 'replied' as const, channel: 'webhook' as const, ...origin, address: payload.address, text: payload.text };
      return [payload.key === undefined ? reply : { ...reply, key: payload.key }];
    },
  };
}
