/**
 * A local HTTP server speaking Stripe's documented list API (`GET /v1/customers`,
 * `/v1/invoices`, `/v1/credit_notes`: bearer auth, `limit`, `starting_after`, `created[gte]`,
 * Stripe's error bodies, injectable 429 and 5xx answers), written from Stripe's API reference,
 * and a webhook signer written from Stripe's "verify signatures manually" guide. For testing
 * code that reads Stripe without the network.
 *
 * @module
 */
import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { startLocalServer } from './local-server.js';

/** The secret key {@link startFakeStripe} accepts unless given another. */
export const FAKE_STRIPE_API_KEY = 'sk_test_51DueflowTestKey0123456789abcdefABCDEF';
/** The endpoint secret {@link signStripeWebhook} signs with unless given another. */
export const FAKE_STRIPE_WEBHOOK_SECRET = 'whsec_test_0123456789abcdefghijklmnopqrstuv';

/** A Stripe object as JSON. */
export type StripeJson = Record<string, unknown>;

/** One request the server received. */
export interface FakeStripeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

/** A canned answer for the next request, before any other handling. */
export interface FakeStripeFailure {
  readonly status: number;
  /** `Retry-After` header, seconds. */
  readonly retryAfter?: number;
  /** Body to send; Stripe's error JSON for the status by default. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A running fake Stripe API: its address, what it received, what it serves. */
export interface FakeStripe {
  /** Origin to use as `apiBase`. */
  readonly url: string;
  readonly requests: FakeStripeRequest[];
  /** Objects served per list endpoint, in any order (served newest first, as Stripe does). */
  readonly data: { customers: StripeJson[]; invoices: StripeJson[]; credit_notes: StripeJson[] };
  /** Answers given to the next requests, in order. */
  readonly failures: FakeStripeFailure[];
  /** Delay before every answer, for abort tests. */
  delayMs: number;
  close(): Promise<void>;
}

const RESOURCES = { '/v1/customers': 'customers', '/v1/invoices': 'invoices', '/v1/credit_notes': 'credit_notes' } as const;
const OBJECT_NAMES = { customers: 'customer', invoices: 'invoice', credit_notes: 'credit note' } as const;
const LIST_PARAMS = new Set(['limit', 'starting_after', 'ending_before', 'created[gte]', 'created[gt]', 'created[lte]', 'created[lt]']);

function send(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${Math.random().toString(36).slice(2, 16)}`, ...headers });
  res.end(JSON.stringify(body));
}

function stripeError(type: string, message: string, extra: Record<string, string> = {}): unknown {
  return { error: { type, message, ...extra } };
}

/** Stripe masks all but the prefix and the last four characters of a wrong key. */
function masked(key: string): string {
  const prefix = /^(sk|rk|pk)_(test|live)_/.exec(key)?.[0] ?? '';
  return `${prefix}${'*'.repeat(Math.max(0, key.length - prefix.length - 4))}${key.slice(-4)}`;
}

function defaultFailureBody(status: number): unknown {
  if (status === 429) return stripeError('invalid_request_error', 'Too many requests hit the API too quickly.', { code: 'rate_limit' });
  if (status >= 500) return stripeError('api_error', 'An unknown error occurred.');
  return stripeError('invalid_request_error', `HTTP ${status}`);
}

/**
 * Starts the server on 127.0.0.1 and a free port; fill `data`, point the code under test at
 * `url`, and `close()` it after.
 *
 * @example
 * ```ts
 * const fake = await startFakeStripe();
 * Object.assign(fake.data, stripeAccount());
 * const source = createStripeSource({ apiKey: FAKE_STRIPE_API_KEY, apiBase: fake.url });
 * // ...
 * await fake.close();
 * ```
 */
export async function startFakeStripe(apiKey = FAKE_STRIPE_API_KEY): Promise<FakeStripe> {
  const state: FakeStripe = {
    url: '',
    requests: [],
    data: { customers: [], invoices: [], credit_notes: [] },
    failures: [],
    delayMs: 0,
    close: async () => undefined,
  };
  const server = await startLocalServer(
    (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      state.requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers });
      const answer = (): void => {
        const failure = state.failures.shift();
        if (failure !== undefined) {
          const retry: Record<string, string> = failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
          send(res, failure.status, failure.body ?? defaultFailureBody(failure.status), { ...retry, ...failure.headers });
          return;
        }
        const auth = req.headers.authorization;
        if (auth === undefined) {
          send(
            res,
            401,
            stripeError(
              'invalid_request_error',
              'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.',
            ),
          );
          return;
        }
        const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
        if (given !== apiKey) {
          send(res, 401, stripeError('invalid_request_error', `Invalid API Key provided: ${masked(given)}`));
          return;
        }

        const resource = RESOURCES[url.pathname as keyof typeof RESOURCES];
        if (req.method !== 'GET' || resource === undefined) {
          send(
            res,
            404,
            stripeError(
              'invalid_request_error',
              `Unrecognized request URL (${req.method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
            ),
          );
          return;
        }
        for (const name of url.searchParams.keys()) {
          if (!LIST_PARAMS.has(name)) {
            send(res, 400, stripeError('invalid_request_error', `Received unknown parameter: ${name}`, { param: name }));
            return;
          }
        }
        const limitText = url.searchParams.get('limit') ?? '10';
        const limit = Number(limitText);
        if (!/^\d+$/.test(limitText) || limit < 1 || limit > 100) {
          send(res, 400, stripeError('invalid_request_error', 'Invalid integer: limit must be between 1 and 100', { param: 'limit' }));
          return;
        }
        const gteText = url.searchParams.get('created[gte]');
        if (gteText !== null && !/^\d+$/.test(gteText)) {
          send(res, 400, stripeError('invalid_request_error', `Invalid integer: ${gteText}`, { param: 'created[gte]' }));
          return;
        }
        const gte = gteText === null ? undefined : Number(gteText);

        // Newest first, as Stripe lists; ties keep insertion order.
        const all = [...state.data[resource]]
          .filter((o) => gte === undefined || (typeof o.created === 'number' && o.created >= gte))
          .sort((a, b) => Number(b.created ?? 0) - Number(a.created ?? 0));
        let start = 0;
        const after = url.searchParams.get('starting_after');
        if (after !== null) {
          const index = all.findIndex((o) => o.id === after);
          if (index < 0) {
            send(
              res,
              400,
              stripeError('invalid_request_error', `No such ${OBJECT_NAMES[resource]}: '${after}'`, {
                code: 'resource_missing',
                param: 'starting_after',
              }),
            );
            return;
          }
          start = index + 1;
        }
        const data = all.slice(start, start + limit);
        send(res, 200, { object: 'list', data, has_more: start + limit < all.length, url: url.pathname });
      };
      return answer;
    },
    () => state.delayMs,
  );
  return Object.assign(state, server);
}

/**
 * A `Stripe-Signature` header as Stripe builds it: `t=<unix s>,v1=<hex HMAC-SHA256 of "t.body">`,
 * keyed with the whole `whsec_...` secret.
 *
 * @example
 * ```ts
 * const headers = { 'stripe-signature': signStripeWebhook(body, stripeTime('2025-03-12T09:00:00Z')) };
 * ```
 */
export function signStripeWebhook(body: string, timestamp: number, secret = FAKE_STRIPE_WEBHOOK_SECRET): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}
