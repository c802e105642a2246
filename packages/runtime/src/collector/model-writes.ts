/**
 * Writing one kind of row: small helpers over the storage port's single write,
 * {@link Storage.commit}, for scripts and tests that put one kind of record at a time. Each call
 * is one `commit`, so it is all or nothing; to write several kinds together (rows with their
 * timeline), call `commit` once with all of them.
 *
 * @module
 */
import type { Activity, CreditNote, Customer, InstallmentPlan, Invoice, Payment, PromiseToPay } from '@dueflow/core';
import type { Storage } from '../ports/storage.js';

/** Anything with the storage port's write. */
export type ModelWriter = Pick<Storage, 'commit'>;

/**
 * Inserts or replaces customers by id.
 *
 * @example
 * ```ts
 * await putCustomers(storage, [{ id: 'c1', name: 'Acme', contacts: [], timeZone: 'Europe/Paris' }]);
 * ```
 */
export function putCustomers(storage: ModelWriter, customers: readonly Customer[]): Promise<void> {
  return storage.commit({ customers });
}

/**
 * Inserts or replaces invoices by id; new invoices and invoices whose content changed are
 * scheduled for an immediate decision.
 *
 * @example
 * ```ts
 * await putInvoices(storage, invoices);
 * ```
 */
export function putInvoices(storage: ModelWriter, invoices: readonly Invoice[]): Promise<void> {
  return storage.commit({ invoices });
}

/**
 * Inserts or replaces payments by id; the invoices they are allocated to are decided again.
 *
 * @example
 * ```ts
 * await putPayments(storage, [payment]);
 * ```
 */
export function putPayments(storage: ModelWriter, payments: readonly Payment[]): Promise<void> {
  return storage.commit({ payments });
}

/**
 * Inserts or replaces credit notes by id; their invoices are decided again.
 *
 * @example
 * ```ts
 * await putCreditNotes(storage, [creditNote]);
 * ```
 */
export function putCreditNotes(storage: ModelWriter, credits: readonly CreditNote[]): Promise<void> {
  return storage.commit({ credits });
}

/**
 * Inserts or replaces promises to pay by id; their invoices are decided again.
 *
 * @example
 * ```ts
 * await putPromises(storage, [promise]);
 * ```
 */
export function putPromises(storage: ModelWriter, promises: readonly PromiseToPay[]): Promise<void> {
  return storage.commit({ promises });
}

/**
 * Inserts or replaces installment plans by id; their invoices are decided again.
 *
 * @example
 * ```ts
 * await putPlans(storage, [plan]);
 * ```
 */
export function putPlans(storage: ModelWriter, plans: readonly InstallmentPlan[]): Promise<void> {
  return storage.commit({ plans });
}

/**
 * Appends activities to the timeline (an id already present is skipped).
 *
 * @example
 * ```ts
 * await appendActivities(storage, [note]);
 * ```
 */
export function appendActivities(storage: ModelWriter, activities: readonly Activity[]): Promise<void> {
  return storage.commit({ activities });
}

/**
 * Schedules invoices for an immediate decision.
 *
 * @example
 * ```ts
 * await touchInvoices(storage, ['inv-1', 'inv-2']);
 * ```
 */
export function touchInvoices(storage: ModelWriter, invoiceIds: readonly string[]): Promise<void> {
  return storage.commit({ touch: invoiceIds });
}
