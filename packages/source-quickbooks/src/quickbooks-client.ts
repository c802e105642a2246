/**
 * A minimal QuickBooks Online Accounting API client: `fetch`, OAuth 2 bearer tokens (static, or
 * asked for before each request and once more after a 401), the query endpoint paged with
 * `STARTPOSITION` and `MAXRESULTS`, reads by id, retries of 429 and 5xx answers and of network
 * failures, and typed errors that never carry the token.
 *
 * @module
 */
import { AdapterError } from '@dueflow/runtime';
import { redactSecrets, stopIfPullAborted, waitUnlessPullAborted } from '@dueflow/runtime/adapters';
import { FaultBodySchema, QueryResponseSchema } from './quickbooks-objects.js';

/**
 * QuickBooks refused a request, answered something unreadable, or could not be reached after
 * every retry. `status` is the HTTP status (`undefined` when no answer came); `faultType` and
 * `faultCode` are QuickBooks' fault type and first error code. Messages never contain the token.
 *
 * @example
 * ```ts
 * try { for await (const record of source.pull()) handle(record); }
 * catch (e) { if (e instanceof QuickBooksApiError && e.status === 401) console.error('reconnect QuickBooks'); }
 * ```
 */
export class QuickBooksApiError extends AdapterError {
  /** HTTP status, or `undefined` for a network failure or timeout. */
  readonly status: number | undefined;
  /** QuickBooks' fault `type`, e.g. `AuthenticationFault`. */
  readonly faultType: string | undefined;
  /** The first fault error's `code`, e.g. `3200`. */
  readonly faultCode: string | undefined;
  /** QuickBooks' `intuit_tid` response header, for support tickets. */
  readonly intuitTid: string | undefined;

  constructor(input: {
    adapter: string;
    operation: string;
    message: string;
    status?: number;
    faultType?: string;
    faultCode?: string;
    intuitTid?: string;
    cause?: unknown;
  }) {
    super({ adapter: input.adapter, kind: 'source', operation: input.operation, cause: input.cause, message: input.message });
    this.status = input.status;
    this.faultType = input.faultType;
    this.faultCode = input.faultCode;
    this.intuitTid = input.intuitTid;
  }
}

/** Settings of the client (validated by `createQuickBooksSource`). */
export interface QuickBooksClientSettings {
  readonly name: string;
  readonly realmId: string;
  readonly token: () => Promise<string>;
  /** Whether a 401 may be answered by asking `token` again (only when it is a function). */
  readonly refreshable: boolean;
  readonly apiBase: string;
  readonly minorVersion: number;
  readonly fetch: typeof fetch;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly retryDelayMs: (attempt: number, retryAfterSeconds: number | undefined) => number;
}

function retryAfterSeconds(header: string | null): number | undefined {
  return header !== null && /^\d{1,6}$/.test(header.trim()) ? Number(header.trim()) : undefined;
}

/** What a QuickBooks fault body says. */
interface Fault {
  readonly type: string | undefined;
  readonly code: string | undefined;
  readonly message: string | undefined;
}

function faultOf(json: unknown): Fault {
  const body = FaultBodySchema.safeParse(json);
  if (!body.success) return { type: undefined, code: undefined, message: undefined };
  const fault = body.data.fault ?? body.data.Fault;
  const first = (fault?.error ?? fault?.Error ?? [])[0];
  const message = first?.message ?? first?.Message;
  const detail = first?.detail ?? first?.Detail;
  const text = [message, detail].filter((t) => t !== undefined && t !== '').join(': ');
  return { type: fault?.type, code: first?.code, message: text === '' ? undefined : text };
}

/** A client over the query and read endpoints. */
export interface QuickBooksClient {
  /** The pages of `SELECT * FROM <entity> [WHERE ...]`, fetched one at a time as they are consumed. */
  pages(entity: string, where: string, pageSize: number, signal: AbortSignal | undefined): AsyncGenerator<unknown[]>;
  /** One entity by id; `undefined` when QuickBooks says it does not exist. */
  read(entity: string, id: string, signal: AbortSignal | undefined): Promise<unknown>;
}

/**
 * Creates the client.
 *
 * @example
 * ```ts
 * const client = createQuickBooksClient(settings);
 * for await (const page of client.pages('Customer', '', 1000, undefined)) console.log(page.length);
 * ```
 */
export function createQuickBooksClient(s: QuickBooksClientSettings): QuickBooksClient {
  const base = `${s.apiBase.replace(/\/+$/, '')}/v3/company/${encodeURIComponent(s.realmId)}`;
  const seenTokens: string[] = [];

  async function get(
    path: string,
    operation: string,
    query: URLSearchParams,
    signal: AbortSignal | undefined,
    notFoundOk: boolean,
  ): Promise<unknown> {
    const fail = (
      message: string,
      extra: Omit<ConstructorParameters<typeof QuickBooksApiError>[0], 'adapter' | 'operation' | 'message'> = {},
    ): QuickBooksApiError =>
      new QuickBooksApiError({
        adapter: s.name,
        operation,
        message: `${s.name}: ${operation} ${redactSecrets(message, seenTokens)}`,
        ...extra,
      });
    query.set('minorversion', String(s.minorVersion));
    let refreshed = false;
    let token: string | undefined;
    for (let attempt = 1; ; attempt++) {
      stopIfPullAborted(s.name, signal);
      if (token === undefined || s.refreshable) {
        try {
          token = await s.token();
        } catch (cause) {
          throw new QuickBooksApiError({
            adapter: s.name,
            operation,
            message: `${s.name}: ${operation} could not get an access token: ${cause instanceof Error ? redactSecrets(cause.message, seenTokens) : 'getAccessToken failed'}`,
            cause,
          });
        }
        if (!seenTokens.includes(token)) seenTokens.push(token);
      }
      const timeout = AbortSignal.timeout(s.timeoutMs);
      let response: Response;
      try {
        response = await s.fetch(`${base}${path}?${query}`, {
          method: 'GET',
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
        });
      } catch (cause) {
        stopIfPullAborted(s.name, signal);
        const why = timeout.aborted
          ? `timed out after ${s.timeoutMs} ms`
          : `failed: ${cause instanceof Error ? cause.message : 'network error'}`;
        if (attempt > s.maxRetries) throw fail(`${why} (${attempt} attempts)`, { cause });
        await waitUnlessPullAborted(s.retryDelayMs(attempt, undefined), s.name, signal);
        continue;
      }
      const intuitTid = response.headers.get('intuit_tid') ?? undefined;
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
          throw fail(`answered HTTP ${response.status} with a body that is not JSON`, { status: response.status, intuitTid });
        return json;
      }
      if (response.status === 401 && s.refreshable && !refreshed) {
        // An access token lives an hour: ask for a fresh one once, and try again at once.
        refreshed = true;
        attempt--;
        continue;
      }
      if ((response.status === 429 || response.status >= 500) && attempt <= s.maxRetries) {
        await waitUnlessPullAborted(s.retryDelayMs(attempt, retryAfterSeconds(response.headers.get('retry-after'))), s.name, signal);
        continue;
      }
      const fault = faultOf(json);
      // "Object Not Found" (code 610) on a read: the entity was deleted since the notification.
      if (notFoundOk && (response.status === 404 || fault.code === '610')) return undefined;
      const kind = fault.type === undefined ? '' : ` (${fault.type}${fault.code === undefined ? '' : `/${fault.code}`})`;
      const tries = attempt > 1 ? ` after ${attempt} attempts` : '';
      throw fail(`answered HTTP ${response.status}${kind}${tries}${fault.message === undefined ? '' : `: ${fault.message}`}`, {
        status: response.status,
        ...(fault.type === undefined ? {} : { faultType: fault.type }),
        ...(fault.code === undefined ? {} : { faultCode: fault.code }),
        ...(intuitTid === undefined ? {} : { intuitTid }),
      });
    }
  }

  return {
    async *pages(entity, where, pageSize, signal) {
      for (let start = 1; ; start += pageSize) {
        const statement = `SELECT * FROM ${entity}${where === '' ? '' : ` WHERE ${where}`} ORDERBY Id STARTPOSITION ${start} MAXRESULTS ${pageSize}`;
        const operation = `query ${entity}`;
        const json = await get('/query', operation, new URLSearchParams({ query: statement }), signal, false);
        const page = QueryResponseSchema.safeParse(json);
        if (!page.success)
          throw new QuickBooksApiError({ adapter: s.name, operation, message: `${s.name}: ${operation} did not answer a QueryResponse` });
        const rows = page.data.QueryResponse[entity];
        if (rows === undefined) return;
        if (!Array.isArray(rows))
          throw new QuickBooksApiError({
            adapter: s.name,
            operation,
            message: `${s.name}: ${operation} answered a QueryResponse whose ${entity} is not a list`,
          });
        yield rows;
        if (rows.length < pageSize) return;
      }
    },

    async read(entity, id, signal) {
      const operation = `read ${entity} ${id}`;
      const json = await get(`/${entity.toLowerCase()}/${encodeURIComponent(id)}`, operation, new URLSearchParams(), signal, true);
      if (json === undefined) return undefined;
      const entityJson =
        typeof json === 'object' && json !== null && entity in json ? (json as Record<string, unknown>)[entity] : undefined;
      if (entityJson === undefined)
        throw new QuickBooksApiError({ adapter: s.name, operation, message: `${s.name}: ${operation} answered no ${entity}` });
      return entityJson;
    },
  };
}
