/**
 * A local HTTP server speaking the part of the QuickBooks Online Accounting API a source reads:
 * the query endpoint (`GET /v3/company/<realm>/query?query=SELECT * FROM <Entity> [WHERE
 * MetaData.LastUpdatedTime >= '<time>'] [ORDERBY Id] [STARTPOSITION n] [MAXRESULTS n]`), reads
 * by id (`GET /v3/company/<realm>/<entity>/<id>`), bearer auth with fault bodies, injectable
 * 429 and 5xx answers; and a webhook signer (`intuit-signature`). Written from Intuit's API
 * reference and webhook guide. For testing code that reads QuickBooks without the network.
 *
 * @module
 */
import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { startLocalServer } from './local-server.js';

/** The company (realm) id {@link startFakeQuickBooks} serves. */
export const FAKE_QUICKBOOKS_REALM_ID = '9130357766900456';
/** The access token {@link startFakeQuickBooks} accepts until `validToken` is changed. */
export const FAKE_QUICKBOOKS_ACCESS_TOKEN = 'eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..DueflowFakeAccessToken0123';
/** The verifier token {@link signQuickBooksWebhook} signs with unless given another. */
export const FAKE_QUICKBOOKS_VERIFIER_TOKEN = 'a1b2c3d4-dueflow-verifier-token';

/** A QuickBooks entity as JSON. */
export type QuickBooksJson = Record<string, unknown>;

/** One request the server received; `statement` is the decoded query of a query request. */
export interface FakeQuickBooksRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly statement: string | undefined;
  readonly headers: IncomingHttpHeaders;
}

/** A canned answer for the next request, before any other handling. */
export interface FakeQuickBooksFailure {
  readonly status: number;
  /** `Retry-After` header, seconds. */
  readonly retryAfter?: number;
  /** Body to send; a QuickBooks fault for the status by default. */
  readonly body?: unknown;
}

/** The entities the fake serves. */
export interface FakeQuickBooksData {
  Customer: QuickBooksJson[];
  Invoice: QuickBooksJson[];
  Payment: QuickBooksJson[];
}

/** A running fake QuickBooks API. */
export interface FakeQuickBooks {
  /** Origin to use as `apiBase`. */
  readonly url: string;
  readonly realmId: string;
  readonly requests: FakeQuickBooksRequest[];
  readonly data: FakeQuickBooksData;
  /** Answers given to the next requests, in order. */
  readonly failures: FakeQuickBooksFailure[];
  /** The bearer token accepted; set it to expire the one a client holds. */
  validToken: string;
  /** Delay before every answer, for abort tests. */
  delayMs: number;
  close(): Promise<void>;
}

const ENTITIES = ['Customer', 'Invoice', 'Payment'] as const;
const STATEMENT = /^SELECT \* FROM (\w+)(?: WHERE (.+?))?(?: ORDERBY Id)?(?: STARTPOSITION (\d+))?(?: MAXRESULTS (\d+))?$/i;
const SINCE = /^MetaData\.LastUpdatedTime >= '([^']+)'$/i;
const ANY_ACTIVE = /^Active IN \(\s*true\s*,\s*false\s*\)$/i;

/** The filters of a WHERE clause the fake understands (`AND`-joined), or `undefined` for anything else. */
function filtersOf(where: string | undefined): { since?: number; anyActive: boolean } | undefined {
  if (where === undefined) return { anyActive: false };
  let since: number | undefined;
  let anyActive = false;
  for (const clause of where.split(/\s+AND\s+/i)) {
    const time = SINCE.exec(clause.trim());
    if (time !== null) since = Date.parse(time[1]!);
    else if (ANY_ACTIVE.test(clause.trim())) anyActive = true;
    else return undefined;
  }
  if (since !== undefined && Number.isNaN(since)) return undefined;
  return since === undefined ? { anyActive } : { since, anyActive };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', intuit_tid: `1-${Math.random().toString(16).slice(2, 14)}`, ...headers });
  res.end(JSON.stringify(body));
}

function fault(type: string, code: string, message: string, detail: string): unknown {
  return { Fault: { Error: [{ Message: message, Detail: detail, code }], type }, time: new Date().toISOString() };
}

function defaultFailureBody(status: number): unknown {
  if (status === 429) return fault('ThrottlingFault', '003001', 'ThrottleExceeded', 'The request limit was reached.');
  if (status >= 500)
    return fault('SystemFault', '10000', 'An application error has occurred while processing your request', 'System Failure Error');
  return fault('ValidationFault', '4000', `HTTP ${status}`, `HTTP ${status}`);
}

function idNumber(entity: QuickBooksJson): number {
  return Number(entity.Id ?? 0);
}

function lastUpdated(entity: QuickBooksJson): number {
  const meta = entity.MetaData as { LastUpdatedTime?: unknown } | undefined;
  return typeof meta?.LastUpdatedTime === 'string' ? Date.parse(meta.LastUpdatedTime) : Number.NaN;
}

/**
 * Starts the server on 127.0.0.1 and a free port; fill `data`, point the code under test at
 * `url` with {@link FAKE_QUICKBOOKS_REALM_ID} and {@link FAKE_QUICKBOOKS_ACCESS_TOKEN}, and
 * `close()` it after.
 *
 * @example
 * ```ts
 * const fake = await startFakeQuickBooks();
 * Object.assign(fake.data, quickBooksCompany());
 * const source = createQuickBooksSource({ realmId: FAKE_QUICKBOOKS_REALM_ID, accessToken: FAKE_QUICKBOOKS_ACCESS_TOKEN, apiBase: fake.url });
 * // ...
 * await fake.close();
 * ```
 */
export async function startFakeQuickBooks(realmId = FAKE_QUICKBOOKS_REALM_ID): Promise<FakeQuickBooks> {
  const state: FakeQuickBooks = {
    url: '',
    realmId,
    requests: [],
    data: { Customer: [], Invoice: [], Payment: [] },
    failures: [],
    validToken: FAKE_QUICKBOOKS_ACCESS_TOKEN,
    delayMs: 0,
    close: async () => undefined,
  };
  const server = await startLocalServer(
    (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const statement = url.searchParams.get('query') ?? undefined;
      state.requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, statement, headers: req.headers });
      const answer = (): void => {
        const failure = state.failures.shift();
        if (failure !== undefined) {
          send(
            res,
            failure.status,
            failure.body ?? defaultFailureBody(failure.status),
            failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) },
          );
          return;
        }
        const auth = req.headers.authorization ?? '';
        if (!auth.startsWith('Bearer ') || auth.slice(7) !== state.validToken) {
          send(res, 401, {
            fault: {
              error: [
                {
                  message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
                  detail: 'Token expired or invalid',
                  code: '3200',
                },
              ],
              type: 'AuthenticationFault',
            },
            time: new Date().toISOString(),
          });
          return;
        }
        const prefix = `/v3/company/${realmId}/`;
        if (req.method !== 'GET' || !url.pathname.startsWith(prefix)) {
          send(
            res,
            403,
            fault('AuthorizationFault', '5020', 'Permission Denied Error', `You are not authorized to ${req.method} ${url.pathname}`),
          );
          return;
        }
        const rest = url.pathname.slice(prefix.length);
        if (rest === 'query') {
          const match = STATEMENT.exec((statement ?? '').trim());
          const entity = ENTITIES.find((e) => e.toLowerCase() === match?.[1]?.toLowerCase());
          const filters = filtersOf(match?.[2]);
          const start = Number(match?.[3] ?? '1');
          const max = Number(match?.[4] ?? '100');
          if (match === null || entity === undefined || filters === undefined || start < 1 || max < 1 || max > 1000) {
            send(
              res,
              400,
              fault('ValidationFault', '4000', 'Error parsing query', `QueryParserError: cannot read ${statement ?? '(no query)'}`),
            );
            return;
          }
          const { since, anyActive } = filters;
          const rows = state.data[entity]
            // As QuickBooks does, a name list (customers) answers only active entries unless asked for both.
            .filter((e) => entity !== 'Customer' || anyActive || e.Active !== false)
            .filter((e) => since === undefined || lastUpdated(e) >= since)
            .sort((a, b) => idNumber(a) - idNumber(b))
            .slice(start - 1, start - 1 + max);
          const body = rows.length === 0 ? {} : { [entity]: rows, startPosition: start, maxResults: rows.length };
          send(res, 200, { QueryResponse: body, time: new Date().toISOString() });
          return;
        }
        const read = /^(customer|invoice|payment)\/([^/]+)$/.exec(rest);
        if (read !== null) {
          const entity = ENTITIES.find((e) => e.toLowerCase() === read[1])!;
          const found = state.data[entity].find((e) => e.Id === decodeURIComponent(read[2]!));
          if (found === undefined) {
            send(
              res,
              400,
              fault(
                'ValidationFault',
                '610',
                'Object Not Found',
                `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.`,
              ),
            );
            return;
          }
          send(res, 200, { [entity]: found, time: new Date().toISOString() });
          return;
        }
        send(res, 400, fault('ValidationFault', '4000', 'Unsupported operation', `The fake does not serve ${url.pathname}`));
        return;
      };
      return answer;
    },
    () => state.delayMs,
  );
  return Object.assign(state, server);
}

/**
 * An `intuit-signature` header as QuickBooks builds it: base64 of the HMAC-SHA256 of the raw
 * body, keyed with the app's verifier token.
 *
 * @example
 * ```ts
 * const headers = { 'intuit-signature': signQuickBooksWebhook(body) };
 * ```
 */
export function signQuickBooksWebhook(body: string, verifierToken = FAKE_QUICKBOOKS_VERIFIER_TOKEN): string {
  return createHmac('sha256', verifierToken).update(body).digest('base64');
}
