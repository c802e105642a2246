/**
 * Today's action queue from storage: every open invoice decided now with the core's
 * `buildActionQueue` (expected value = outstanding × risk × urgency), plus the actions waiting
 * for a person's approval.
 *
 * @module
 */
import { buildActionQueue, type ActionQueue } from '@dueflow/core/scoring';
import type { CompiledPolicy, CustomerStats, Snapshot } from '@dueflow/core';
import type { Storage } from '@dueflow/runtime/ports';
import { loadDecisionSnapshot } from './decision-snapshot.js';
import { listAllInvoices } from './load-ledger.js';

/**
 * Builds the queue at `now` (epoch ms) for every open invoice in storage.
 *
 * @example
 * ```ts
 * const queue = await loadActionQueue(storage, compilePolicy(), Date.now());
 * queue.entries.slice(0, 10).map((e) => e.invoiceNumber);
 * ```
 */
export async function loadActionQueue(storage: Storage, policy: CompiledPolicy, now: number): Promise<ActionQueue> {
  const snapshots: Snapshot[] = [];
  const stats = new Map<string, CustomerStats>();
  for (const invoice of await listAllInvoices(storage, ['open'])) {
    const snapshot = await loadDecisionSnapshot(storage, invoice, now, stats);
    if (snapshot !== undefined) snapshots.push(snapshot);
  }
  const pending = await storage.listOutbox({ status: ['awaiting-approval'], limit: 10_000 });
  return buildActionQueue({ snapshots, now, policy, pendingApprovals: pending.map((e) => e.decision) });
}
