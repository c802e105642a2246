/**
 * Reads the public IBM accounts-receivable sample and maps its rows to core's shapes.
 *
 * Only issue-time facts reach the features: the invoice (dates, amount), whether it was billed
 * on paper, and the customer's other invoices with their settlement dates (features ignore any
 * settled after the scoring instant). `Disputed`, `DaysToSettle` and `DaysLate` are outcomes and
 * are never mapped into features; `DaysLate` is read only as the label.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { parseMoney, type Invoice, type Payment } from '@dueflow/core';
import type { HistoricalInvoice, RiskInput } from '@dueflow/core/scoring';

/**
 * Where the sample lives unless `DUEFLOW_IBM_AR_CSV` or a path argument says otherwise.
 *
 * @example
 * ```ts
 * loadIbmInvoices(process.env.DUEFLOW_IBM_AR_CSV ?? DEFAULT_IBM_AR_CSV);
 * ```
 */
export const DEFAULT_IBM_AR_CSV = '/work/shared/data/ibm-ar/invoices.csv';

/** One row of the sample, mapped. */
export interface IbmInvoice {
  readonly invoice: Invoice;
  readonly history: HistoricalInvoice;
  readonly payment: Payment;
  readonly paperBilling: boolean;
  /** Label source: days after the due date the invoice was settled (an outcome). */
  readonly daysLate: number;
  readonly settledDate: string;
}

/**
 * `M/D/YYYY` to `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * usDate('1/2/2013'); // '2013-01-02'
 * ```
 */
export function usDate(text: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (m === null) throw new Error(`not a M/D/YYYY date: ${JSON.stringify(text)}`);
  return `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

/**
 * Parses the CSV. Amounts carry no currency in the sample; they are read as USD.
 *
 * @example
 * ```ts
 * const rows = loadIbmInvoices(process.env.DUEFLOW_IBM_AR_CSV ?? DEFAULT_IBM_AR_CSV);
 * ```
 */
export function loadIbmInvoices(path: string): IbmInvoice[] {
  const records = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  return records.map((r) => {
    const issueDate = usDate(r.InvoiceDate!);
    const dueDate = usDate(r.DueDate!);
    const settledDate = usDate(r.SettledDate!);
    const total = parseMoney(r.InvoiceAmount!, 'USD');
    const id = r.invoiceNumber!;
    const customerId = r.customerID!;
    // Settlement is known once the day is over: a payment dated on the issue day is not yet history.
    const settledAt = `${settledDate}T23:59:59.999Z`;
    const invoice: Invoice = { id, number: id, customerId, issueDate, dueDate, total, status: 'paid', terms: 'NET30' };
    return {
      invoice,
      history: { id, issueDate, dueDate, total, settledAt, paperBilling: r.PaperlessBill === 'Paper' },
      payment: {
        id: `pay-${id}`,
        customerId,
        amount: total,
        status: 'succeeded',
        method: 'other',
        at: settledAt,
        allocations: [{ invoiceId: id, amount: total.amount }],
      },
      paperBilling: r.PaperlessBill === 'Paper',
      daysLate: Number(r.DaysLate),
      settledDate,
    };
  });
}

/**
 * The risk input of one invoice: the invoice, its customer's other invoices and payments.
 *
 * @example
 * ```ts
 * const input = riskInputOf(row, byCustomer.get(row.invoice.customerId)!);
 * ```
 */
export function riskInputOf(row: IbmInvoice, customerRows: readonly IbmInvoice[]): RiskInput {
  return {
    invoice: row.invoice,
    history: customerRows.map((c) => c.history),
    payments: customerRows.map((c) => c.payment),
    paperBilling: row.paperBilling,
  };
}

/**
 * Rows grouped by customer id.
 *
 * @example
 * ```ts
 * byCustomer(rows).get('0379-NEVHP')?.length; // 27
 * ```
 */
export function byCustomer(rows: readonly IbmInvoice[]): Map<string, IbmInvoice[]> {
  const map = new Map<string, IbmInvoice[]>();
  for (const row of rows) {
    const list = map.get(row.invoice.customerId) ?? [];
    list.push(row);
    map.set(row.invoice.customerId, list);
  }
  return map;
}
