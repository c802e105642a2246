/**
 * The source conformance kit: every source adapter runs it against itself (against a local
 * file, or a local server speaking the provider's API, never the internet). It checks the rules
 * of the source port (see `@dueflow/runtime/ports`, `source.ts`): records the core schemas
 * accept as they are, the same records on every pull, each record once and after what it refers
 * to, bad rows reported as issues without ending the stream, an aborted pull ending with a typed
 * error, and webhooks verified before they are read.
 *
 * @module
 */
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from './vitest.js';
import { CreditNoteSchema, CustomerSchema, DueflowError, InvoiceSchema, NoteActivitySchema, PaymentSchema } from '@dueflow/core';
import { WebhookVerificationError } from '@dueflow/runtime';
import type { SourceMapping } from '@dueflow/runtime/adapters';
import type { InboundRequest, Source, SourceRecord } from '@dueflow/runtime/ports';

/** A fresh source for one test, with the hooks the kit needs. */
export interface SourceFixture {
  /** A source over good data: at least one customer and one invoice, no issues. */
  readonly source: Source;
  /** A source over data with at least one bad row followed by a good one. */
  readonly withBadRows?: Source;
  /** For sources that parse webhooks: a request the provider signed, and the same body unsigned. */
  readonly webhook?: { readonly signed: InboundRequest; readonly unsigned: InboundRequest };
  /** Stops servers and removes files the fixture created. */
  cleanup(): Promise<void>;
}

/** Options of {@link runSourceConformance}. */
export interface SourceConformanceOptions {
  /** Adapter name, shown in test titles. */
  readonly name: string;
  /** Creates a fresh source and its hooks for one test. */
  create(): Promise<SourceFixture>;
}

/** Every record of one pull, in order. */
async function drain(source: Source, signal?: AbortSignal): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const record of source.pull(signal === undefined ? {} : { signal })) out.push(record);
  return out;
}

const SCHEMAS = {
  customer: CustomerSchema,
  invoice: InvoiceSchema,
  payment: PaymentSchema,
  'credit-note': CreditNoteSchema,
  note: NoteActivitySchema,
} as const;

/**
 * What breaks the source port's rules in the records of one pull, as sentences: a record the
 * core schema rejects or would change (defaults not applied), a record yielded twice, a record
 * that refers to a customer or invoice not yielded before it, an issue without a message.
 *
 * @example
 * ```ts
 * const records: SourceRecord[] = [];
 * for await (const record of source.pull()) records.push(record);
 * expect(sourceRecordProblems(records)).toEqual([]);
 * ```
 */
export function sourceRecordProblems(records: readonly SourceRecord[]): string[] {
  const problems: string[] = [];
  const seen = {
    customer: new Set<string>(),
    invoice: new Set<string>(),
    payment: new Set<string>(),
    'credit-note': new Set<string>(),
    note: new Set<string>(),
  };
  const refer = (what: string, kind: 'customer' | 'invoice', id: string | undefined): void => {
    if (id !== undefined && !seen[kind].has(id)) problems.push(`${what} refers to ${kind} ${id}, not yielded before it`);
  };
  for (const record of records) {
    if (record.kind === 'issue') {
      if (record.issue.message.length === 0) problems.push('an issue without a message');
      continue;
    }
    const what = `${record.kind} ${record.data.id}`;
    const parsed = SCHEMAS[record.kind].safeParse(record.data);
    if (!parsed.success)
      problems.push(`${what} fails the core schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    else if (!isDeepStrictEqual(parsed.data, record.data))
      problems.push(`${what} is not in the form the core schema gives it (defaults missing or extra fields)`);
    if (seen[record.kind].has(record.data.id)) problems.push(`${what} yielded twice`);
    seen[record.kind].add(record.data.id);
    switch (record.kind) {
      case 'invoice':
        refer(what, 'customer', record.data.customerId);
        break;
      case 'payment':
        refer(what, 'customer', record.data.customerId);
        for (const allocation of record.data.allocations) refer(what, 'invoice', allocation.invoiceId);
        break;
      case 'credit-note':
        refer(what, 'invoice', record.data.invoiceId);
        break;
      case 'note':
        refer(what, 'customer', record.data.customerId);
        refer(what, 'invoice', record.data.invoiceId);
        break;
      case 'customer':
        break;
    }
  }
  return problems;
}

/**
 * A schema as the mapping check needs it (any zod schema fits).
 * @inline
 */
interface CheckSchema {
  safeParse(value: unknown): { readonly success: boolean; readonly data?: unknown };
}

/**
 * Checks the outcome of mapping one provider object (a `SourceMapping` of `@dueflow/runtime`):
 * exactly one of a record, issues or a skip; a record in the form `schema` gives it; issues
 * that name a field of one of `collections` (`invoices[in_1].currency`) and say something.
 * Made for property tests of an adapter's mapping functions.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(fc.jsonValue(), (raw) => expectSourceMapping(mapStripeCustomer(raw), CustomerSchema, 'customers')));
 * ```
 */
export function expectSourceMapping(result: SourceMapping<unknown>, schema: CheckSchema, ...collections: string[]): void {
  const outcomes = ['record', 'issues', 'skipped'].filter((k) => k in result);
  expect(outcomes).toHaveLength(1);
  if ('record' in result) {
    const parsed = schema.safeParse(result.record);
    expect(parsed.success).toBe(true);
    expect(isDeepStrictEqual(parsed.data, result.record)).toBe(true);
  } else if ('issues' in result) {
    expect(result.issues.length).toBeGreaterThan(0);
    for (const issue of result.issues) {
      expect(collections.some((c) => issue.field?.startsWith(`${c}[`))).toBe(true);
      expect(issue.message.length).toBeGreaterThan(0);
    }
  }
}

/**
 * Registers the source conformance suite (vitest `describe`/`it`) for an adapter.
 *
 * @example
 * ```ts
 * runSourceConformance({
 *   name: 'csv',
 *   create: async () => ({ source: createCsvSource({ file: goodCsv }), withBadRows: createCsvSource({ file: badCsv }), cleanup: async () => {} }),
 * });
 * ```
 */
export function runSourceConformance(options: SourceConformanceOptions): void {
  describe(`source conformance: ${options.name}`, () => {
    let fixture: SourceFixture | undefined;
    const open = async (): Promise<SourceFixture> => (fixture = await options.create());
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    });

    it('yields records the core schemas accept as they are, each once and after what it refers to', async () => {
      const { source } = await open();
      expect(source.name.length).toBeGreaterThan(0);
      const records = await drain(source);
      expect(records.some((r) => r.kind === 'customer')).toBe(true);
      expect(records.some((r) => r.kind === 'invoice')).toBe(true);
      expect(records.filter((r) => r.kind === 'issue')).toEqual([]);
      expect(sourceRecordProblems(records)).toEqual([]);
    });

    it('yields the same records on every pull', async () => {
      const { source } = await open();
      const first = await drain(source);
      expect(await drain(source)).toEqual(first);
    });

    it('reports bad rows as issues and goes on with the rows after them', async () => {
      const { withBadRows } = await open();
      if (withBadRows === undefined) return;
      const records = await drain(withBadRows);
      const firstIssue = records.findIndex((r) => r.kind === 'issue');
      expect(firstIssue).toBeGreaterThanOrEqual(0);
      expect(records.slice(firstIssue).some((r) => r.kind !== 'issue')).toBe(true);
      expect(sourceRecordProblems(records)).toEqual([]);
    });

    it('ends an aborted pull with a DueflowError', async () => {
      const { source } = await open();
      const controller = new AbortController();
      controller.abort();
      const error = await drain(source, controller.signal).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DueflowError);
    });

    it('verifies webhooks before reading them', async () => {
      const { source, webhook } = await open();
      if (webhook === undefined) {
        expect(source.parseWebhook).toBeUndefined();
        return;
      }
      expect(source.parseWebhook).toBeTypeOf('function');
      const parse = source.parseWebhook!.bind(source);
      await expect(parse(webhook.unsigned)).rejects.toBeInstanceOf(WebhookVerificationError);
      const tampered =
        typeof webhook.signed.rawBody === 'string' ? `${webhook.signed.rawBody} ` : Uint8Array.from([...webhook.signed.rawBody, 32]);
      await expect(parse({ ...webhook.signed, rawBody: tampered })).rejects.toBeInstanceOf(WebhookVerificationError);
      const records = await parse(webhook.signed);
      expect(records.length).toBeGreaterThan(0);
      const problems = sourceRecordProblems(records).filter((p) => !p.includes('not yielded before it'));
      expect(problems).toEqual([]);
    });
  });
}
