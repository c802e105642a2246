/**
 * What is still owed on an invoice: the total less succeeded payments applied to it and credits.
 *
 * @module
 */
import type { CreditNote, Invoice, Payment } from '../model/invoice.js';

/**
 * Outstanding balance of an invoice in minor units of its currency (never below zero).
 *
 * @example
 * ```ts
 * outstandingAmount(invoice, payments, credits); // 420000 for 4,200.00 unpaid
 * ```
 */
export function outstandingAmount(invoice: Invoice, payments: readonly Payment[], credits: readonly CreditNote[] = []): number {
  let owed = invoice.total.amount;
  for (const p of payments) {
    if (p.status !== 'succeeded') continue;
    for (const a of p.allocations) if (a.invoiceId === invoice.id) owed -= a.amount;
  }
  for (const c of credits) if (c.invoiceId === invoice.id) owed -= c.amount.amount;
  return Math.max(owed, 0);
}
