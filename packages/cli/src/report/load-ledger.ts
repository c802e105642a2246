/**
 * Reading what the metrics need from storage, page by page.
 *
 * @module
 */
import type { Invoice, Payment } from '@dueflow/core';
import type { MetricsData } from '@dueflow/core/metrics';
import type { Storage } from '@dueflow/runtime/ports';

/**
 * Every invoice of the tenant, in id order.
 *
 * @example
 * ```ts
 * const invoices = await listAllInvoices(storage, ['open']);
 * ```
 */
export async function listAllInvoices(storage: Storage, status?: readonly Invoice['status'][]): Promise<Invoice[]> {
  const out: Invoice[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await storage.listInvoices({
      limit: 1000,
      ...(after !== undefined ? { after } : {}),
      ...(status !== undefined ? { status } : {}),
    });
    out.push(...page);
    if (page.length < 1000) return out;
    after = page.at(-1)!.id;
  }
}

/**
 * Invoices and payments of the tenant, ready for the core's metrics.
 *
 * @example
 * ```ts
 * const data = await loadLedger(storage);
 * dso(data, { start: '2026-03-01', end: '2026-03-31' });
 * ```
 */
export async function loadLedger(storage: Storage): Promise<MetricsData & { readonly invoices: Invoice[]; readonly payments: Payment[] }> {
  const [invoices, payments] = [await listAllInvoices(storage), await storage.listPayments()];
  return { invoices, payments };
}
