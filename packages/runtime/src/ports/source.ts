/**
 * # The source port: how to write a source adapter
 *
 * A source reads customers, invoices, payments, credit notes and notes from somewhere else (a
 * CSV export, Stripe, QuickBooks, Xero, a CRM) and yields them as records already mapped to
 * the core schemas. Mapping and validation are the adapter's job; a record that fails the
 * core's schemas is reported as a {@link SourceIssue}, never thrown in the middle of a stream.
 *
 * ## Rules
 * 1. `pull` is an async iterable: stream, never load a whole export into memory.
 * 2. Records carry the source's own ids; the same source row always maps to the same record.
 * 3. Invalid rows are yielded as `{ kind: 'issue' }` with the location (line, field, value),
 *    and the stream goes on.
 * 4. `parseWebhook` verifies signatures like the channel port does.
 * 5. A full pull yields each record once, in the form the core schema gives it (defaults
 *    applied), and after what it refers to (customers before their invoices, invoices before
 *    their payments, credit notes and notes), so writing in order keeps references whole.
 * 6. An aborted pull ends with a `DueflowError`.
 *
 * ```ts
 * import type { Source } from '@dueflow/runtime/ports';
 *
 * export function createLedgerSource(api: LedgerApi): Source {
 *   return {
 *     name: 'ledger',
 *     async *pull({ since, signal } = {}) {
 *       for await (const row of api.customers({ since, signal })) yield toCustomerRecord(row); // or { kind: 'issue', issue }
 *       for await (const row of api.invoices({ since, signal })) yield toInvoiceRecord(row);
 *     },
 *   };
 * }
 * ```
 *
 * `runSourceConformance` in `@dueflow/testing` checks these rules against an adapter.
 *
 * @module
 */
import type { CreditNote, Customer, Invoice, NoteActivity, Payment } from '@dueflow/core';
import type { InboundRequest } from './channel.js';

/** A problem with one input row. */
export interface SourceIssue {
  /** 1-based line (or record number) in the source. */
  readonly line?: number;
  readonly field?: string;
  readonly value?: unknown;
  readonly message: string;
}

/** One record read from a source. */
export type SourceRecord =
  | { readonly kind: 'customer'; readonly data: Customer }
  | { readonly kind: 'invoice'; readonly data: Invoice }
  | { readonly kind: 'payment'; readonly data: Payment }
  | { readonly kind: 'credit-note'; readonly data: CreditNote }
  | { readonly kind: 'note'; readonly data: NoteActivity }
  | { readonly kind: 'issue'; readonly issue: SourceIssue };

/** The source port. */
export interface Source {
  readonly name: string;
  /** Streams every record, optionally only those changed since a cursor the source understands. */
  pull(options?: { readonly since?: string; readonly signal?: AbortSignal }): AsyncIterable<SourceRecord>;
  /** Verifies and parses a push notification from the source. */
  parseWebhook?(request: InboundRequest): Promise<SourceRecord[]>;
}
