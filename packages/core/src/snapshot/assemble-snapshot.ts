/**
 * Snapshot assembly from plain rows: the pure part of `Storage.loadSnapshot`, shared by every
 * storage adapter so they all hand the engine the same picture of an invoice.
 *
 * @module
 */
import type { CustomerStats, RecentContact, Snapshot } from '../engine/snapshot.js';
import type { TimelineSummary } from '../engine/summary.js';
import type { Activity } from '../model/activity.js';
import type { Customer } from '../model/customer.js';
import type { CreditNote, Invoice, Payment } from '../model/invoice.js';
import type { InstallmentPlan, PromiseToPay } from '../model/promise.js';

/** The rows {@link assembleSnapshot} reads. Extra rows (other invoices' payments...) are filtered out. */
export interface SnapshotRows {
  readonly invoice: Invoice;
  readonly customer: Customer;
  readonly payments: readonly Payment[];
  readonly credits: readonly CreditNote[];
  /** The invoice's timeline. */
  readonly activities: readonly Activity[];
  readonly promises: readonly PromiseToPay[];
  readonly plans: readonly InstallmentPlan[];
  readonly customerStats?: CustomerStats;
  /**
   * The invoice's timeline summary as storage keeps it (`extendSummary` on every append); passed
   * through when it covers exactly the invoice's activities, so the engine does not fold them.
   */
  readonly summary?: TimelineSummary;
  /** The customer's timeline across invoices since the recent-contacts horizon. */
  readonly customerActivities?: readonly Activity[];
}

/** How the dispatcher names the consolidated message a member's `sent` activity went out in. */
const CONSOLIDATED = /\((group:[^\s]+)\)$/;

/**
 * Turns a customer's timeline into the touches the engine counts for contact caps: sent
 * messages (a consolidated message once, not once per invoice it listed), and calls (a reached
 * call is a conversation, any other outcome an attempt).
 *
 * @example
 * ```ts
 * recentContactsFrom(activities, Date.parse('2025-03-01T00:00:00Z'));
 * // [{ at: '2025-03-04T09:00:00.000Z', invoiceId: 'inv_1', kind: 'message', channel: 'email' }]
 * ```
 */
export function recentContactsFrom(activities: readonly Activity[], since: number): RecentContact[] {
  const out: RecentContact[] = [];
  const groups = new Set<string>();
  for (const a of activities) {
    if (Date.parse(a.at) < since) continue;
    const invoice = a.invoiceId !== undefined ? { invoiceId: a.invoiceId } : {};
    if (a.type === 'action' && a.outcome === 'sent' && a.channel !== undefined) {
      // A consolidated message is one touch, however many invoices it listed.
      const group = CONSOLIDATED.exec(a.detail ?? '')?.[1];
      if (group !== undefined) {
        if (groups.has(group)) continue;
        groups.add(group);
      }
      out.push({ at: a.at, ...invoice, kind: 'message', channel: a.channel });
    } else if (a.type === 'call') {
      out.push({ at: a.at, ...invoice, kind: a.outcome === 'reached' ? 'conversation' : 'call-attempt', channel: 'voice' });
    }
  }
  return out;
}

function byInstantThenId<T extends { readonly id: string }>(at: (row: T) => string) {
  return (a: T, b: T): number => Date.parse(at(a)) - Date.parse(at(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Builds the snapshot of one invoice: its payments (those allocated to it or, when a plan covers
 * it, to any invoice of the plan), its credit notes,
 * its timeline in time order, its latest promise, the plan covering it (an active or proposed
 * plan first, else the most recent), the customer statistics and recent contacts.
 *
 * @example
 * ```ts
 * const snapshot = assembleSnapshot({ invoice, customer, payments, credits: [], activities, promises: [], plans: [] });
 * nextAction(snapshot, now, policy);
 * ```
 */
export function assembleSnapshot(rows: SnapshotRows, recentContactsSince?: number): Snapshot {
  const id = rows.invoice.id;
  const plans = rows.plans.filter((p) => p.invoiceIds.includes(id)).sort(byInstantThenId((p) => p.createdAt));
  const live = plans.filter((p) => p.status === 'active' || p.status === 'proposed');
  const plan = live.length > 0 ? live[live.length - 1] : plans[plans.length - 1];
  // A plan is paid through any of its invoices: its state needs the payments of all of them.
  const covered = new Set(plan?.invoiceIds ?? [id]);
  covered.add(id);
  const payments = rows.payments.filter((p) => p.allocations.some((a) => covered.has(a.invoiceId))).sort(byInstantThenId((p) => p.at));
  const credits = rows.credits.filter((c) => c.invoiceId === id).sort(byInstantThenId((c) => c.at));
  const activities = rows.activities.filter((a) => a.invoiceId === id);
  const promises = rows.promises.filter((p) => p.invoiceId === id).sort(byInstantThenId((p) => p.madeAt));
  const promise = promises[promises.length - 1];
  return {
    invoice: rows.invoice,
    customer: rows.customer,
    payments,
    credits,
    activities,
    ...(promise !== undefined ? { promise } : {}),
    ...(plan !== undefined ? { plan } : {}),
    ...(rows.customerStats !== undefined ? { customerStats: rows.customerStats } : {}),
    ...(rows.summary !== undefined && rows.summary.entries === activities.length ? { summary: rows.summary } : {}),
    recentContacts: recentContactsSince === undefined ? [] : recentContactsFrom(rows.customerActivities ?? [], recentContactsSince),
  };
}
