/**
 * Writing model rows and their timeline together.
 *
 * The storage port writes each kind of row with its own method, so a failure between two of them
 * leaves a change half-written. A storage that can do better implements `commit`: every row and
 * activity of one change in one transaction. The collector uses it when present and otherwise
 * falls back to writing the rows first and the activities last, with deterministic activity ids,
 * so repeating the operation completes it.
 *
 * @module
 */
import type { ModelChanges, Storage } from '../ports/storage.js';

/** A storage whose optional `commit` is present. */
export type CommittingStorage = Required<Pick<Storage, 'commit'>>;

export type { ModelChanges };

/**
 * Whether a storage implements {@link CommittingStorage}.
 *
 * @example
 * ```ts
 * if (canCommit(storage)) await storage.commit({ invoices: [paused], activities });
 * ```
 */
export function canCommit(storage: Storage): storage is Storage & CommittingStorage {
  return typeof storage.commit === 'function';
}

/**
 * Persists a change: in one transaction when the storage can commit, otherwise rows first and
 * activities last (see the module comment).
 *
 * @example
 * ```ts
 * await commitChanges(storage, { promises: [promise], activities, touch: [promise.invoiceId] });
 * ```
 */
export async function commitChanges(storage: Storage, changes: ModelChanges): Promise<void> {
  if (canCommit(storage)) return storage.commit(changes);
  if (changes.customers !== undefined && changes.customers.length > 0) await storage.putCustomers(changes.customers);
  if (changes.invoices !== undefined && changes.invoices.length > 0) await storage.putInvoices(changes.invoices);
  if (changes.payments !== undefined && changes.payments.length > 0) await storage.putPayments(changes.payments);
  if (changes.credits !== undefined && changes.credits.length > 0) await storage.putCreditNotes(changes.credits);
  if (changes.promises !== undefined && changes.promises.length > 0) await storage.putPromises(changes.promises);
  if (changes.plans !== undefined && changes.plans.length > 0) await storage.putPlans(changes.plans);
  if (changes.activities !== undefined && changes.activities.length > 0) await storage.appendActivities(changes.activities);
  if (changes.touch !== undefined && changes.touch.length > 0) await storage.touchInvoices(changes.touch);
}
