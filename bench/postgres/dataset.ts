/**
 * The benchmark data set: invoices streamed in batches (never all in memory), about 10% of
 * them acting at {@link NOW}, the rest waiting for a later step.
 *
 * @module
 */
import type { Customer, Invoice } from '@dueflow/core';

/** The instant the tick runs at: Monday 10:00 UTC, inside the default send window. */
export const NOW = Date.parse('2025-03-10T10:00:00Z');
const DAY = 86_400_000;

function day(offset: number): string {
  return new Date(NOW + offset * DAY).toISOString().slice(0, 10);
}

/** Customers for `invoices` invoices: five invoices each. */
export function customerCount(invoices: number): number {
  return Math.max(1, Math.floor(invoices / 5));
}

/** Customer `i`, with one billing contact. */
export function benchCustomer(i: number): Customer {
  return {
    id: `c${i}`,
    name: `Customer ${i}`,
    tags: [],
    contacts: [{ id: `c${i}-ap`, role: 'billing', email: `ap${i}@example.com`, phone: '+14155550100', optOuts: [], suppressed: [] }],
    timeZone: 'UTC',
    locale: 'en-US',
  };
}

/**
 * Invoice `i`. One in ten is due between 2 and 61 days ago (it acts at NOW); the others fall
 * due 9 to 68 days after NOW (they wait for the pre-due reminder).
 */
export function benchInvoice(i: number, customers: number): Invoice {
  const offset = i % 10 === 0 ? -2 - (i % 60) : 9 + (i % 60);
  return {
    id: `inv${String(i).padStart(8, '0')}`,
    number: `INV-${i}`,
    customerId: `c${i % customers}`,
    issueDate: day(offset - 30),
    dueDate: day(offset),
    total: { amount: 10_000 + (i % 1000) * 100, currency: 'USD' },
    status: 'open',
  };
}

/** Streams `count` invoices. */
export function* invoiceStream(count: number): Generator<Invoice> {
  const customers = customerCount(count);
  for (let i = 0; i < count; i++) yield benchInvoice(i, customers);
}

/** Customers in batches of `size`. */
export function* customerBatches(count: number, size: number): Generator<Customer[]> {
  for (let start = 0; start < count; start += size) {
    const batch: Customer[] = [];
    for (let i = start; i < Math.min(count, start + size); i++) batch.push(benchCustomer(i));
    yield batch;
  }
}

function csvField(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/**
 * The same invoices as CSV rows of the `invoices` table, for the server's own `COPY` (the
 * practical limit of a bulk load).
 */
export function* invoiceCsvChunks(count: number, tenantId: string, rowsPerChunk: number): Generator<string> {
  const customers = customerCount(count);
  let chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    const inv = benchInvoice(i, customers);
    chunk.push(
      [
        tenantId,
        inv.id,
        inv.customerId,
        inv.number,
        inv.status,
        inv.issueDate,
        inv.dueDate,
        String(inv.total.amount),
        inv.total.currency,
        csvField(JSON.stringify(inv)),
        String(Number.MIN_SAFE_INTEGER),
      ].join(','),
    );
    if (chunk.length === rowsPerChunk) {
      yield `${chunk.join('\n')}\n`;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield `${chunk.join('\n')}\n`;
}

/** Columns written by {@link invoiceCsvChunks}, in order. */
export const CSV_COLUMNS = '(tenant_id, id, customer_id, number, status, issue_date, due_date, total_amount, currency, doc, next_check_at)';
