/**
 * The `Source` port over the QuickBooks Online Accounting API: customers, invoices and payments,
 * streamed page by page through the query endpoint, and verified webhooks whose changed
 * entities are read back by id.
 *
 * @module
 */
import { z } from 'zod';
import { ConfigError, InstantSchema, ZoneCache, currencyExponent, isTimeZone, parseWith } from '@dueflow/core';
import { WebhookVerificationError } from '@dueflow/runtime';
import { backoffDelay, mappedRecords, requestHeader, requestJson, stopIfPullAborted } from '@dueflow/runtime/adapters';
import type { InboundRequest, Source, SourceRecord } from '@dueflow/runtime/ports';
import { createQuickBooksClient, type QuickBooksClient } from './quickbooks-client.js';
import { mapQuickBooksCustomer, mapQuickBooksInvoice, mapQuickBooksPayment, type QuickBooksMappingOptions } from './quickbooks-mapping.js';
import { QuickBooksNotificationSchema } from './quickbooks-objects.js';
import { verifyQuickBooksSignature } from './quickbooks-signature.js';
import { AppliedCredits } from './quickbooks-credits.js';

/** Options of {@link createQuickBooksSource}. */
export interface QuickBooksSourceOptions {
  /** The company (realm) id QuickBooks gave with the OAuth authorization. */
  readonly realmId: string;
  /** An OAuth 2 access token with the `com.intuit.quickbooks.accounting` scope. Never logged. Give this or `getAccessToken`. */
  readonly accessToken?: string;
  /**
   * Returns a current access token; called before every request, and once more after a 401, so
   * your OAuth library can refresh it (access tokens live an hour). Give this or `accessToken`.
   */
  readonly getAccessToken?: () => Promise<string>;
  /**
   * API origin: `https://sandbox-quickbooks.api.intuit.com` for sandbox companies (tests point it at a local server).
   * @default 'https://quickbooks.api.intuit.com'
   */
  readonly apiBase?: string;
  /**
   * `minorversion` sent with every request.
   * @default 75
   */
  readonly minorVersion?: number;
  /**
   * ISO 4217 code of the company's home currency, for entities without `CurrencyRef`.
   * @default 'USD'
   */
  readonly homeCurrency?: string;
  /**
   * IANA zone given to customers (QuickBooks keeps none) and in which a customer's `since` is read.
   * @default 'UTC'
   */
  readonly timeZone?: string;
  /**
   * Rows per query page, 1 to 1000.
   * @default 1000
   */
  readonly pageSize?: number;
  /**
   * Retries of a request answered 429 or 5xx, or that failed on the network or timed out.
   * @default 3
   */
  readonly maxRetries?: number;
  /**
   * Milliseconds to wait before retry `attempt` (1-based); `retryAfterSeconds` is the
   * `Retry-After` header when one came.
   * @default exponential from 1 s, doubling, at most 60 s, never shorter than `Retry-After` (capped at 60 s)
   */
  readonly retryDelayMs?: (attempt: number, retryAfterSeconds: number | undefined) => number;
  /**
   * Time allowed for one request.
   * @default 30_000
   */
  readonly timeoutMs?: number;
  /**
   * The app's webhook verifier token, needed by `parseWebhook`.
   * @default undefined (`parseWebhook` throws a `ConfigError`)
   */
  readonly webhookVerifierToken?: string;
  /**
   * @default globalThis.fetch
   */
  readonly fetch?: typeof fetch;
  /**
   * Source name in logs and errors.
   * @default 'quickbooks'
   */
  readonly name?: string;
}

/** The QuickBooks source: `parseWebhook` is always there (it throws a `ConfigError` without `webhookVerifierToken`). */
export interface QuickBooksSource extends Source {
  /** Verifies `intuit-signature`, then reads and maps the entities the notification names. */
  parseWebhook(request: InboundRequest): Promise<SourceRecord[]>;
}

const fn = <T>() => z.custom<T>((v) => typeof v === 'function', { message: 'expected a function' });
const OptionsSchema = z
  .object({
    realmId: z.string().regex(/^\d{1,32}$/, 'expected the numeric company (realm) id'),
    // Only emptiness is checked: a format rule would echo the token in the validation message.
    accessToken: z.string().min(1, 'expected an OAuth 2 access token').optional(),
    getAccessToken: fn<() => Promise<string>>().optional(),
    apiBase: z.url({ protocol: /^https?$/ }).default('https://quickbooks.api.intuit.com'),
    minorVersion: z.number().int().min(1).max(999).default(75),
    homeCurrency: z
      .string()
      .refine((c) => currencyExponent(c) !== undefined, { message: 'unknown ISO 4217 currency code' })
      .default('USD'),
    timeZone: z.string().refine(isTimeZone, { message: 'unknown IANA time zone' }).default('UTC'),
    pageSize: z.number().int().min(1).max(1000).default(1000),
    maxRetries: z.number().int().min(0).max(10).default(3),
    retryDelayMs: fn<(attempt: number, retryAfterSeconds: number | undefined) => number>().optional(),
    timeoutMs: z.number().int().positive().default(30_000),
    webhookVerifierToken: z.string().min(1, 'expected the webhook verifier token').optional(),
    fetch: fn<typeof fetch>().optional(),
    name: z.string().min(1).max(64).default('quickbooks'),
  })
  .superRefine((o, ctx) => {
    if ((o.accessToken === undefined) === (o.getAccessToken === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['accessToken'], message: 'give exactly one of accessToken and getAccessToken' });
    }
  });
const PullSchema = z.object({ since: InstantSchema.optional() });

/** Waits 1 s, 2 s, 4 s... up to 60 s, and at least what QuickBooks asked for (up to a minute). */
function defaultRetryDelay(attempt: number, retryAfterSeconds: number | undefined): number {
  return backoffDelay(attempt, { baseMs: 1_000, factor: 2, maxMs: 60_000 }, Math.min(retryAfterSeconds ?? 0, 60) * 1000);
}

/** `since` as QuickBooks writes times, whole seconds rounded down (so nothing changed at or after it is missed). */
function sinceLiteral(since: string): string {
  const seconds = Math.floor(Date.parse(since) / 1000) * 1000;
  return `${new Date(seconds).toISOString().slice(0, 19)}-00:00`;
}

const ENTITY_ORDER = ['Customer', 'Invoice', 'Payment'] as const;
type Entity = (typeof ENTITY_ORDER)[number];

function mapEntity(entity: Entity, raw: unknown, mapping: QuickBooksMappingOptions): SourceRecord[] {
  if (entity === 'Customer') return mappedRecords('customer', mapQuickBooksCustomer(raw, mapping));
  if (entity === 'Invoice') return mappedRecords('invoice', mapQuickBooksInvoice(raw, mapping));
  return mappedRecords('payment', mapQuickBooksPayment(raw, mapping));
}

/** Reads back what a notification names, customers before invoices before payments. */
async function notificationRecords(
  client: QuickBooksClient,
  realmId: string,
  body: z.infer<typeof QuickBooksNotificationSchema>,
  mapping: QuickBooksMappingOptions,
  name: string,
): Promise<SourceRecord[]> {
  const wanted = new Map<Entity, Set<string>>(ENTITY_ORDER.map((e) => [e, new Set<string>()]));
  for (const notification of body.eventNotifications) {
    if (notification.realmId !== realmId) continue;
    for (const change of notification.dataChangeEvent?.entities ?? []) {
      const ids = wanted.get(change.name as Entity);
      // A deleted entity has nothing left to read; a voided invoice is read back (it maps to `void`).
      if (ids === undefined || change.operation === 'Delete') continue;
      ids.add(change.id);
    }
  }
  const records: SourceRecord[] = [];
  for (const entity of ENTITY_ORDER) {
    for (const id of wanted.get(entity)!) {
      const raw = await client.read(entity, id, undefined);
      if (raw === undefined) {
        records.push({
          kind: 'issue',
          issue: { field: `${entity}[${id}]`, value: id, message: `${name}: ${entity} ${id} named by the webhook no longer exists` },
        });
        continue;
      }
      records.push(...mapEntity(entity, raw, mapping));
    }
  }
  return records;
}

/**
 * Creates a `Source` over the QuickBooks Online Accounting API. `pull()` streams, one query page
 * at a time, every customer, then every invoice, then every payment (as `payment-<Id>`, allocated
 * to the invoices its lines link); `since` (an ISO 8601 instant) keeps only entities whose
 * `MetaData.LastUpdatedTime` is at or after it. An entity the core model refuses (unknown
 * currency, an amount not exact in minor units, a missing customer reference) becomes an `issue`
 * record naming its id and field, and the stream goes on. Requests answered 429 or 5xx are
 * retried; a 401 asks `getAccessToken` once more; other refusals end the pull with a
 * `QuickBooksApiError`. `parseWebhook` verifies `intuit-signature`, then reads back the changed
 * customers, invoices and payments of the configured company.
 *
 * @example
 * ```ts
 * const quickbooks = createQuickBooksSource({
 *   realmId: process.env.QBO_REALM_ID!,
 *   getAccessToken: () => oauth.currentAccessToken(),
 *   webhookVerifierToken: process.env.QBO_WEBHOOK_VERIFIER_TOKEN,
 *   timeZone: 'America/Los_Angeles',
 * });
 * for await (const record of quickbooks.pull({ since: '2025-01-01T00:00:00Z' })) {
 *   if (record.kind === 'issue') console.warn(record.issue.field, record.issue.message);
 * }
 * ```
 */
export function createQuickBooksSource(options: QuickBooksSourceOptions): QuickBooksSource {
  const o = parseWith(OptionsSchema, 'quickbooks source options', options);
  const staticToken = o.accessToken;
  const client = createQuickBooksClient({
    name: o.name,
    realmId: o.realmId,
    token: staticToken !== undefined ? () => Promise.resolve(staticToken) : o.getAccessToken!,
    refreshable: staticToken === undefined,
    apiBase: o.apiBase,
    minorVersion: o.minorVersion,
    fetch: o.fetch ?? globalThis.fetch,
    maxRetries: o.maxRetries,
    timeoutMs: o.timeoutMs,
    retryDelayMs: o.retryDelayMs ?? defaultRetryDelay,
  });
  const mapping: QuickBooksMappingOptions = { homeCurrency: o.homeCurrency, timeZone: o.timeZone, zones: new ZoneCache() };

  return {
    name: o.name,

    async *pull(pullOptions = {}): AsyncGenerator<SourceRecord> {
      const { since } = parseWith(PullSchema, `${o.name} pull options`, { since: pullOptions.since });
      const signal = pullOptions.signal;
      stopIfPullAborted(o.name, signal);
      const changed = since === undefined ? [] : [`MetaData.LastUpdatedTime >= '${sinceLiteral(since)}'`];
      // Credits are what an invoice's balance says was settled beyond its cash: only a full pull reads all the cash.
      const credits = since === undefined ? new AppliedCredits() : undefined;
      for (const entity of ENTITY_ORDER) {
        // QuickBooks lists only active customers unless asked: an inactive customer's invoices still need it.
        const where = [...(entity === 'Customer' ? ['Active IN (true, false)'] : []), ...changed].join(' AND ');
        for await (const page of client.pages(entity, where, o.pageSize, signal)) {
          for (const raw of page) {
            for (const record of mapEntity(entity, raw, mapping)) {
              credits?.note(record);
              yield record;
            }
          }
        }
      }
      if (credits !== undefined) yield* credits.creditNotes();
    },

    async parseWebhook(request: InboundRequest): Promise<SourceRecord[]> {
      if (o.webhookVerifierToken === undefined) {
        throw new ConfigError(`${o.name}: parseWebhook needs the webhookVerifierToken option (the app's webhook verifier token)`);
      }
      verifyQuickBooksSignature(request.rawBody, requestHeader(request, 'intuit-signature'), o.webhookVerifierToken);
      const json = requestJson(request, o.name);
      const body = QuickBooksNotificationSchema.safeParse(json);
      if (!body.success) throw new WebhookVerificationError('malformed', `${o.name}: webhook body is not a QuickBooks notification`);
      return notificationRecords(client, o.realmId, body.data, mapping, o.name);
    },
  };
}
