/**
 * The snapshot the engine would decide on inside a tick: the stored snapshot, with the
 * customer's statistics as of now (segments and adaptive timing read them) and one outcome per
 * action key.
 *
 * @module
 */
import { effectiveActivities } from '@dueflow/core/engine';
import type { Snapshot } from '@dueflow/core';
import type { Storage } from '@dueflow/runtime/ports';

const RECENT_CONTACT_DAYS = 30;

/**
 * Loads an invoice's snapshot as the collector decides on it, with the customer's statistics as
 * of `now`; `undefined` for an unknown invoice.
 *
 * @example
 * ```ts
 * const snapshot = await loadDecisionSnapshot(storage, 'inv-00042', Date.now());
 * if (snapshot) explainDecision(snapshot, Date.now(), policy);
 * ```
 */
export async function loadDecisionSnapshot(storage: Storage, invoiceId: string, now: number): Promise<Snapshot | undefined> {
  const loaded = await storage.loadSnapshot(invoiceId, { recentContactsSince: now - RECENT_CONTACT_DAYS * 86_400_000, statsAsOf: now });
  if (loaded === undefined) return undefined;
  return { ...loaded, activities: effectiveActivities(loaded.activities) };
}
