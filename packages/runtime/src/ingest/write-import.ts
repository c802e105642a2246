/**
 * Writing an import: the whole batch (customers, invoices, payments, credit notes and the notes'
 * activities) in one `commit`, so a failure leaves storage exactly as it was.
 *
 * @module
 */
import { ImportWriteError } from '../errors.js';
import type { Storage } from '../ports/index.js';
import type { ReconcileResult } from '@dueflow/core';

/**
 * Writes a reconciliation's batch in one transaction. Rejects with an {@link ImportWriteError}
 * (the storage's error as `cause`) when storage refused it; nothing of it is written then.
 *
 * @example
 * ```ts
 * await writeImport(storage, reconcile(fileRecords, stored, options));
 * ```
 */
export async function writeImport(storage: Pick<Storage, 'commit'>, result: Pick<ReconcileResult, 'writes'>): Promise<void> {
  try {
    await storage.commit(result.writes);
  } catch (cause) {
    throw new ImportWriteError(`Import not written: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
