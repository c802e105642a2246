/**
 * Writing an import all or nothing. The storage port makes each call atomic but has no
 * transaction spanning calls, so:
 *
 * 1. When the storage implements the port's optional `commit(changes)` (every list in one
 *    transaction), the batch is written with that one call.
 * 2. Otherwise the lists are written in dependency order, one atomic call each: customers,
 *    invoices, payments, credit notes, then activities (the timeline is append-only, so it goes last: when it
 *    fails, nothing of it was written). If a call fails, the calls that succeeded are undone in
 *    reverse order by writing back the stored version of every record they replaced. Records
 *    they inserted cannot be deleted through the port; they are listed in the error's `residue`.
 *
 * @module
 */
import type { CreditNote, Customer, Invoice, Payment } from '@dueflow/core';
import { ImportWriteError } from '../errors.js';
import type { Storage } from '../ports/index.js';
import type { ImportBatch, ReconcileResult } from '@dueflow/core';

/**
 * Whether a storage can write a whole import in one transaction (the port's optional `commit`).
 *
 * @example
 * ```ts
 * if (supportsAtomicImport(storage)) await storage.commit(batch);
 * ```
 */
export function supportsAtomicImport(storage: Storage): storage is Storage & { commit: NonNullable<Storage['commit']> } {
  return typeof storage.commit === 'function';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes a reconciliation's batch, all or nothing as far as the port allows (see the module
 * comment). Resolves with how it wrote; rejects with an `ImportWriteError` saying whether
 * storage was fully restored.
 *
 * @example
 * ```ts
 * const mode = await writeImport(storage, reconcile(fileRecords, stored, options));
 * ```
 */
export async function writeImport(storage: Storage, result: Pick<ReconcileResult, 'writes' | 'previous'>): Promise<'atomic' | 'sequential'> {
  const { writes, previous } = result;
  if (supportsAtomicImport(storage)) {
    try {
      await storage.commit(writes);
    } catch (cause) {
      throw new ImportWriteError(`Import not written: ${message(cause)}`, true, { customers: [], invoices: [], payments: [], credits: [] }, { cause });
    }
    return 'atomic';
  }

  const undo: { kind: 'customers' | 'invoices' | 'payments' | 'credits'; run: () => Promise<void>; inserted: string[] }[] = [];
  const restoreOf = <T extends { id: string }>(list: readonly T[], before: ReadonlyMap<string, T | undefined>): { restore: T[]; inserted: string[] } => {
    const restore: T[] = [];
    const inserted: string[] = [];
    for (const item of list) {
      const old = before.get(item.id);
      if (old === undefined) inserted.push(item.id);
      else restore.push(old);
    }
    return { restore, inserted };
  };
  const steps: { kind: 'customers' | 'invoices' | 'payments' | 'credits' | 'activities'; write: () => Promise<void>; prepareUndo?: () => (typeof undo)[number] }[] = [
    {
      kind: 'customers',
      write: () => storage.putCustomers(writes.customers),
      prepareUndo: () => {
        const { restore, inserted } = restoreOf<Customer>(writes.customers, previous.customers);
        return { kind: 'customers', run: () => storage.putCustomers(restore), inserted };
      },
    },
    {
      kind: 'invoices',
      write: () => storage.putInvoices(writes.invoices),
      prepareUndo: () => {
        const { restore, inserted } = restoreOf<Invoice>(writes.invoices, previous.invoices);
        return { kind: 'invoices', run: () => storage.putInvoices(restore), inserted };
      },
    },
    {
      kind: 'payments',
      write: () => storage.putPayments(writes.payments),
      prepareUndo: () => {
        const { restore, inserted } = restoreOf<Payment>(writes.payments, previous.payments);
        return { kind: 'payments', run: () => storage.putPayments(restore), inserted };
      },
    },
    {
      kind: 'credits',
      write: () => storage.putCreditNotes(writes.credits),
      prepareUndo: () => {
        const { restore, inserted } = restoreOf<CreditNote>(writes.credits, previous.credits);
        return { kind: 'credits', run: () => storage.putCreditNotes(restore), inserted };
      },
    },
    { kind: 'activities', write: () => storage.appendActivities(writes.activities) },
  ];

  for (const step of steps) {
    const empty = step.kind === 'activities' ? writes.activities.length === 0 : writes[step.kind].length === 0;
    if (empty) continue;
    try {
      await step.write();
    } catch (cause) {
      const residue = { customers: [] as string[], invoices: [] as string[], payments: [] as string[], credits: [] as string[] };
      let restored = true;
      for (const done of undo.reverse()) {
        try {
          await done.run();
        } catch {
          restored = false;
        }
        residue[done.kind].push(...done.inserted);
      }
      const left = residue.customers.length + residue.invoices.length + residue.payments.length + residue.credits.length;
      if (left > 0) restored = false;
      throw new ImportWriteError(
        `Import failed while writing ${step.kind}: ${message(cause)}. ${restored ? 'Storage was restored.' : `Storage was not fully restored: ${left} inserted record${left === 1 ? '' : 's'} remain (see residue).`}`,
        restored,
        residue,
        { cause },
      );
    }
    if (step.prepareUndo !== undefined) undo.push(step.prepareUndo());
  }
  return 'sequential';
}
