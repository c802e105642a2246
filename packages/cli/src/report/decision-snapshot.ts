/**
 * The snapshot the engine would decide on inside a tick: the stored snapshot, with the
 * customer's statistics as of now (segments and adaptive timing read them) and one outcome per
 * action key.
 *
 * @module
 */
import { effectiveActivities } from '@dueflow/core/engine';
import type { CustomerStats, Invoice, Snapshot } from '@dueflow/core';
import type { Storage } from '@dueflow/runtime/ports';

const RECENT_CONTACT_DAYS = 30;

/**
 * Loads an invoice's snapshot as the collector decides on it, with the customer's statistics as
 * of `now`; `undefined` for an unknown invoice. Pass a `statsCache` when loading many invoices:
 * each customer's statistics are then computed once, with its first invoice.
 *
 * @example
 * ```ts
 * const snapshot = await loadDecisionSnapshot(storage, invoice, Date.now());
 * if (snapshot) explainDecision(snapshot, Date.now(), policy);
 * ```
 */
export async function loadDecisionSnapshot(
  storage: Storage,
  invoice: Pick<Invoice, 'id' | 'customerId'>,
  now: number,
  statsCache?: Map<string, CustomerStats>,
): Promise<Snapshot | undefined> {
  const cached = statsCache?.get(invoice.customerId);
  const recentContactsSince = now - RECENT_CONTACT_DAYS * 86_400_000;
  const loaded = await storage.loadSnapshot(
    invoice.id,
    cached === undefined ? { recentContactsSince, statsAsOf: now } : { recentContactsSince },
  );
  if (loaded === undefined) return undefined;
  const customerStats = cached ?? loaded.customerStats;
  if (customerStats !== undefined) statsCache?.set(loaded.customer.id, customerStats);
  return { ...loaded, ...(customerStats !== undefined ? { customerStats } : {}), activities: effectiveActivities(loaded.activities) };
}
