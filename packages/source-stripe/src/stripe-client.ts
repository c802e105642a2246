/**
 * A minimal Stripe REST client for list endpoints: `fetch`, bearer auth, cursor paging one page
 * at a time, retries of 429 and 5xx answers (honouring `Retry-After` and
 * `Stripe-Should-Retry`) and of network failures, and typed errors that never carry the key.
 *
 * @module
 */
import { AdapterError } from '@dueflow/runtime';
import { redactSecrets, stopIfPullAborted, waitUnlessPullAborted } from '@dueflow/runtime/adapters';
import { StripeErrorBodySchema, StripeListSchema } from './stripe-objects.js';

/**
 * Stripe refused a request, answered something unreadable, or could not be reached after every
 * retry. `status` is the HTTP status (`undefined` when no answer came); `type` and `code` are
 * Stripe's error type and code. Messages never contain the API key.
 *
 * @example
 * ```ts
 * try { for await (const record of source.pull()) handle(record); }
 * catch (e) { if (e instanceof StripeApiError && e.status === 401) console.error('check STRIPE_SECRET_KEY'); }
 * ```
 */
export class StripeApiError extends AdapterError {
  /** HTTP status, or `undefined` for a network failure or timeout. */
  readonly status: number | undefined;
  /** Stripe's `error.type`, e.g. `invalid_request_error`. */
  readonly type: string | undefined;
  /** Stripe's `error.code`, e.g. `rate_limit`. */
  readonly stripeCode: string | undefined;
  /** Stripe's `Request-Id`, for support tickets. */
  readonly requestId: string | undefined;

  constructor(input: {
    adapter: string;
    operation: string;
    message: string;
    status?: number;
    type?: string;
    stripeCode?: string;
    requestId?: string;
    cause?: unknown;
  }) {
    super({ adapter: input.adapter, kind: 'source', operation: input.operation, cause: input.cause, message: input.message });
    this.status = input.status;
    this.type = input.type;
    this.stripeCode = input.stripeCode;
    this.requestId = input.requestId;
  }
}

/** Settings of the client (validated by `createStripeSource`). */
export interface StripeClientSettings {
  readonly name: string;
  readonly apiKey: string;
  readonly apiBase: string;
  readonly stripeVersion: string | undefined;
  readonly stripeAccount: string | undefined;
  readonly fetch: typeof fetch;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly retryDelayMs: (attempt: number, retryAfterSeconds: number | undefined) => number;
}

function retryAfterSeconds(header: string | null): number | undefined {
  return header !== null && /^\d{1,6}$/.test(header.trim()) ? Number(header.trim()) : undefined;
}

/** Whether to retry an HTTP answer: Stripe's own `Stripe-Should-Retry` wins, else 429 and 5xx. */
function retryable(response: Response): boolean {
  const advice = response.headers.get('stripe-should-retry');
  if (advice === 'true') return true;
  if (advice === 'false') return false;
  return response.status === 429 || response.status >= 500;
}

/** A client over list endpoints. */
export interface StripeClient {
  /** The pages of a list endpoint, fetched one at a time as they are consumed. */
  pages(path: string, params: Readonly<Record<string, string>>, limit: number, signal: AbortSignal | undefined): AsyncGenerator<unknown[]>;
}

/**
 * Creates the list client.
 *
 * @example
 * ```ts
 * const client = createStripeClient(settings);
 * for await (const page of client.pages('/v1/customers', {}, 100, undefined)) console.log(page.length);
 * ```
 */
export function createStripeClient(s: StripeClientSettings): StripeClient {
  const headers: Record<string, string> = { authorization: `Bearer ${s.apiKey}`, accept: 'application/json' };
  if (s.stripeVersion !== undefined) headers['stripe-version'] = s.stripeVersion;
  if (s.stripeAccount !== undefined) headers['stripe-account'] = s.stripeAccount;
  const base = s.apiBase.replace(/\/+$/, '');

  async function get(path: string, query: URLSearchParams, signal: AbortSignal | undefined): Promise<unknown> {
    const operation = `GET ${path}`;
    const fail = (
      message: string,
      extra: Omit<ConstructorParameters<typeof StripeApiError>[0], 'adapter' | 'operation' | 'message'> = {},
    ): StripeApiError => new StripeApiError({ adapter: s.name, operation, message: `${s.name}: ${operation} ${message}`, ...extra });
    for (let attempt = 1; ; attempt++) {
      stopIfPullAborted(s.name, signal);
      const timeout = AbortSignal.timeout(s.timeoutMs);
      let response: Response;
      try {
        response = await s.fetch(`${base}${path}?${query}`, {
          method: 'GET',
          headers,
          signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
        });
      } catch (cause) {
        stopIfPullAborted(s.name, signal);
        const why = timeout.aborted
          ? `timed out after ${s.timeoutMs} ms`
          : `failed: ${cause instanceof Error ? redactSecrets(cause.message, [s.apiKey]) : 'network error'}`;
        if (attempt > s.maxRetries) throw fail(`${why} (${attempt} attempts)`, { cause });
        await waitUnlessPullAborted(s.retryDelayMs(attempt, undefined), s.name, signal);
        continue;
      }
      const requestId = response.headers.get('request-id') ?? undefined;
      const text = await response.text().catch(() => '');
      stopIfPullAborted(s.name, signal);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      if (response.ok) {
        if (json === undefined)
          throw fail(`answered HTTP ${response.status} with a body that is not JSON`, { status: response.status, requestId });
        return json;
      }
      if (retryable(response) && attempt <= s.maxRetries) {
        await waitUnlessPullAborted(s.retryDelayMs(attempt, retryAfterSeconds(response.headers.get('retry-after'))), s.name, signal);
        continue;
      }
      const body = StripeErrorBodySchema.safeParse(json);
      const error = body.success ? body.data.error : undefined;
      const detail = error?.message === undefined ? '' : `: ${redactSecrets(error.message, [s.apiKey])}`;
      const kind = error?.type === undefined ? '' : ` (${error.type}${error.code === undefined ? '' : `/${error.code}`})`;
      const tries = attempt > 1 ? ` after ${attempt} attempts` : '';
      throw fail(`answered HTTP ${response.status}${kind}${tries}${detail}`, {
        status: response.status,
        ...(error?.type === undefined ? {} : { type: error.type }),
        ...(error?.code === undefined ? {} : { stripeCode: error.code }),
        ...(requestId === undefined ? {} : { requestId }),
      });
    }
  }

  return {
    async *pages(path, params, limit, signal) {
      let after: string | undefined;
      for (;;) {
        const query = new URLSearchParams({ limit: String(limit), ...params });
        if (after !== undefined) query.set('starting_after', after);
        const json = await get(path, query, signal);
        const page = StripeListSchema.safeParse(json);
        if (!page.success) {
          throw new StripeApiError({
            adapter: s.name,
            operation: `GET ${path}`,
            message: `${s.name}: GET ${path} did not answer a list object`,
          });
        }
        yield page.data.data;
        if (!page.data.has_more || page.data.data.length === 0) return;
        const last = page.data.data.at(-1);
        const lastId = typeof last === 'object' && last !== null && 'id' in last && typeof last.id === 'string' ? last.id : undefined;
        if (lastId === undefined) {
          throw new StripeApiError({
            adapter: s.name,
            operation: `GET ${path}`,
            message: `${s.name}: GET ${path} has more pages but its last object has no id to continue after`,
          });
        }
        after = lastId;
      }
    },
  };
}
