/**
 * The `Source` port over the Stripe API: customers, invoices (with the payments their
 * `amount_paid` stands for) and credit notes, streamed page by page, and verified webhooks.
 *
 * @module
 */
import { z } from 'zod';
import { ConfigError, InstantSchema, ZoneCache, isTimeZone, parseWith } from '@dueflow/core';
import { WebhookVerificationError } from '@dueflow/runtime';
import { backoffDelay, mappedRecords, requestHeader, requestJson, stopIfPullAborted } from '@dueflow/runtime/adapters';
import type { InboundRequest, Source, SourceRecord } from '@dueflow/runtime/ports';
import { createStripeClient } from './stripe-client.js';
import { mapStripeCreditNote, mapStripeCustomer, stripeInvoiceRecords, type StripeMappingOptions } from './stripe-mapping.js';
import { StripeEventSchema } from './stripe-objects.js';
import { verifyStripeSignature } from './stripe-signature.js';

/** Options of {@link createStripeSource}. */
export interface StripeSourceOptions {
  /** Secret (`sk_...`) or restricted (`rk_...`) key with read access to customers, invoices and credit notes. Never logged. */
  readonly apiKey: string;
  /**
   * API origin (tests point it at a local server).
   * @default 'https://api.stripe.com'
   */
  readonly apiBase?: string;
  /**
   * `Stripe-Version` sent with every request. Pin it so a change of the account's default
   * version cannot change what is read.
   * @default undefined (the account's default version)
   */
  readonly stripeVersion?: string;
  /**
   * Connected account (`acct_...`) to read, sent as `Stripe-Account` (Stripe Connect).
   * @default undefined (the key's own account)
   */
  readonly stripeAccount?: string;
  /**
   * @default globalThis.fetch
   */
  readonly fetch?: typeof fetch;
  /**
   * Objects per page, 1 to 100.
   * @default 100
   */
  readonly pageSize?: number;
  /**
   * Retries of a request answered 429 or 5xx, or that failed on the network or timed out.
   * @default 3
   */
  readonly maxRetries?: number;
  /**
   * Milliseconds to wait before retry `attempt` (1-based); `retryAfterSeconds` is Stripe's
   * `Retry-After` when it sent one.
   * @default exponential from 500 ms, doubling, at most 30 s, never shorter than `Retry-After` (capped at 60 s)
   */
  readonly retryDelayMs?: (attempt: number, retryAfterSeconds: number | undefined) => number;
  /**
   * Time allowed for one request.
   * @default 30_000
   */
  readonly timeoutMs?: number;
  /**
   * IANA zone whose calendar dates an invoice's `issueDate` and `dueDate` (and a customer's
   * `since`) are: Stripe only has unix timestamps.
   * @default 'UTC'
   */
  readonly timeZone?: string;
  /**
   * The endpoint's signing secret (`whsec_...`), needed by `parseWebhook`.
   * @default undefined (`parseWebhook` throws a `ConfigError`)
   */
  readonly webhookSecret?: string;
  /**
   * How far a webhook's signed timestamp may be from its arrival, in seconds.
   * @default 300
   */
  readonly toleranceSeconds?: number;
  /**
   * Read draft invoices too (numbered with their id, status `draft`). Drafts are not sent to the
   * customer and cannot be collected on.
   * @default false
   */
  readonly includeDrafts?: boolean;
  /**
   * Source name in logs and errors.
   * @default 'stripe'
   */
  readonly name?: string;
}

/** The Stripe source: `parseWebhook` is always there (it throws a `ConfigError` without `webhookSecret`). */
export interface StripeSource extends Source {
  /** Verifies `Stripe-Signature` and maps the event; throws a `WebhookVerificationError` when it does not verify. */
  parseWebhook(request: InboundRequest): Promise<SourceRecord[]>;
}

const fn = <T>() => z.custom<T>((v) => typeof v === 'function', { message: 'expected a function' });
const OptionsSchema = z.object({
  // Only emptiness is checked: a format rule would echo the key in the validation message.
  apiKey: z.string().min(1, 'expected the Stripe secret key'),
  apiBase: z.url({ protocol: /^https?$/ }).default('https://api.stripe.com'),
  stripeVersion: z.string().min(1).max(64).optional(),
  stripeAccount: z.string().min(1).max(255).optional(),
  fetch: fn<typeof fetch>().optional(),
  pageSize: z.number().int().min(1).max(100).default(100),
  maxRetries: z.number().int().min(0).max(10).default(3),
  retryDelayMs: fn<(attempt: number, retryAfterSeconds: number | undefined) => number>().optional(),
  timeoutMs: z.number().int().positive().default(30_000),
  timeZone: z.string().refine(isTimeZone, { message: 'unknown IANA time zone' }).default('UTC'),
  webhookSecret: z.string().min(1, 'expected the endpoint signing secret').optional(),
  toleranceSeconds: z.number().int().positive().default(300),
  includeDrafts: z.boolean().default(false),
  name: z.string().min(1).max(64).default('stripe'),
});
const PullSchema = z.object({ since: InstantSchema.optional() });

/** Waits 0.5 s, 1 s, 2 s... up to 30 s, and at least what Stripe asked for (up to a minute). */
function defaultRetryDelay(attempt: number, retryAfterSeconds: number | undefined): number {
  return backoffDelay(attempt, { baseMs: 500, factor: 2, maxMs: 30_000 }, Math.min(retryAfterSeconds ?? 0, 60) * 1000);
}

function createdOf(raw: unknown): unknown {
  return typeof raw === 'object' && raw !== null && 'created' in raw ? raw.created : undefined;
}

const INVOICE_EVENTS = new Set([
  'invoice.finalized',
  'invoice.updated',
  'invoice.paid',
  'invoice.payment_succeeded',
  'invoice.voided',
  'invoice.marked_uncollectible',
]);

/** The records a webhook event stands for; nothing for events the source does not read. */
function eventRecords(type: string, object: unknown, mapping: StripeMappingOptions): SourceRecord[] {
  if (type === 'customer.created' || type === 'customer.updated') return mappedRecords('customer', mapStripeCustomer(object, mapping));
  if (INVOICE_EVENTS.has(type)) return stripeInvoiceRecords(object, mapping);
  if (type === 'credit_note.created' || type === 'credit_note.updated')
    return mappedRecords('credit-note', mapStripeCreditNote(object, mapping));
  return [];
}

/**
 * Creates a `Source` over the Stripe API. `pull()` streams, one page at a time, every customer,
 * then every invoice (drafts only with `includeDrafts`), each followed by the payment its
 * `amount_paid` stands for, then every issued credit note; `since` (an ISO 8601 instant) keeps
 * only objects created at or after it. A Stripe object the core model refuses becomes an
 * `issue` record naming its id and field, and the stream goes on. Requests answered 429 or 5xx
 * are retried; other refusals end the pull with a `StripeApiError`. `parseWebhook` verifies the
 * `Stripe-Signature` header and maps customer, invoice and credit-note events.
 *
 * @example
 * ```ts
 * const stripe = createStripeSource({
 *   apiKey: process.env.STRIPE_SECRET_KEY!,
 *   webhookSecret: process.env.STRIPE_WEBHOOK_SECRET,
 *   stripeVersion: '2025-03-31.basil',
 *   timeZone: 'America/New_York',
 * });
 * for await (const record of stripe.pull({ since: '2025-01-01T00:00:00Z' })) {
 *   if (record.kind === 'issue') console.warn(record.issue.field, record.issue.message);
 * }
 * ```
 */
export function createStripeSource(options: StripeSourceOptions): StripeSource {
  const o = parseWith(OptionsSchema, 'stripe source options', options);
  const client = createStripeClient({
    name: o.name,
    apiKey: o.apiKey,
    apiBase: o.apiBase,
    stripeVersion: o.stripeVersion,
    stripeAccount: o.stripeAccount,
    fetch: o.fetch ?? globalThis.fetch,
    maxRetries: o.maxRetries,
    timeoutMs: o.timeoutMs,
    retryDelayMs: o.retryDelayMs ?? defaultRetryDelay,
  });
  const mapping: StripeMappingOptions = { timeZone: o.timeZone, zones: new ZoneCache(), includeDrafts: o.includeDrafts };

  return {
    name: o.name,

    async *pull(pullOptions = {}): AsyncGenerator<SourceRecord> {
      const { since } = parseWith(PullSchema, `${o.name} pull options`, { since: pullOptions.since });
      const signal = pullOptions.signal;
      stopIfPullAborted(o.name, signal);
      // Stripe's `created` is whole seconds, rounded down: rounding `since` down keeps every object created at or after it.
      const from = since === undefined ? undefined : Math.max(0, Math.floor(Date.parse(since) / 1000));
      const params: Record<string, string> = from === undefined ? {} : { 'created[gte]': String(from) };
      const pages = (path: string) => client.pages(path, params, o.pageSize, signal);

      for await (const page of pages('/v1/customers'))
        for (const raw of page) yield* mappedRecords('customer', mapStripeCustomer(raw, mapping));
      for await (const page of pages('/v1/invoices')) for (const raw of page) yield* stripeInvoiceRecords(raw, mapping);
      for await (const page of pages('/v1/credit_notes')) {
        for (const raw of page) {
          // Older API versions ignore `created` on credit notes: filter here too.
          const created = createdOf(raw);
          if (from !== undefined && typeof created === 'number' && created < from) continue;
          yield* mappedRecords('credit-note', mapStripeCreditNote(raw, mapping));
        }
      }
    },

    async parseWebhook(request: InboundRequest): Promise<SourceRecord[]> {
      if (o.webhookSecret === undefined) {
        throw new ConfigError(`${o.name}: parseWebhook needs the webhookSecret option (the endpoint's whsec_... signing secret)`);
      }
      verifyStripeSignature(request.rawBody, requestHeader(request, 'stripe-signature'), {
        secret: o.webhookSecret,
        receivedAt: request.receivedAt,
        toleranceSeconds: o.toleranceSeconds,
      });
      const json = requestJson(request, o.name);
      const event = StripeEventSchema.safeParse(json);
      if (!event.success) throw new WebhookVerificationError('malformed', `${o.name}: webhook body is not a Stripe event`);
      // The event's time orders it against what is stored: a late, older event changes nothing.
      const created = event.data.created;
      return eventRecords(event.data.type, event.data.data.object, created === undefined ? mapping : { ...mapping, eventCreated: created });
    },
  };
}
