/**
 * Consolidation: when several invoices of one customer reach the same step on the same day,
 * one message lists them all instead of one message per invoice.
 *
 * @module
 */
import type { ActDecision } from '../engine/decision.js';

/** Decisions that go out as one message. */
export interface ConsolidatedAction {
  /** The decision whose message carries the group (the largest outstanding, then the smallest invoice id). */
  readonly lead: ActDecision;
  /** Every decision of the group, lead included, ordered by invoice id. */
  readonly members: readonly ActDecision[];
  /** Key of the combined message: stable for the same members. */
  readonly key: string;
}

/**
 * Groups act decisions of one customer that share the step, the action, the channel, the
 * contact and the send window's start, so one message can list every invoice. Decisions that
 * need approval or that have no customer channel are never grouped. Deterministic: the output
 * does not depend on the input order.
 *
 * @example
 * ```ts
 * for (const group of consolidate(decisions, (d) => customerOf(d.invoiceId))) {
 *   send(group.lead, group.members); // one email listing every invoice
 * }
 * ```
 */
export function consolidate(decisions: readonly ActDecision[], customerOf: (decision: ActDecision) => string): ConsolidatedAction[] {
  const groups = new Map<string, ActDecision[]>();
  const singles: ActDecision[] = [];
  for (const d of decisions) {
    if (d.requiresApproval || d.action.channel === undefined || d.action.contactId === undefined) {
      singles.push(d);
      continue;
    }
    const key = [customerOf(d), d.step.id, d.action.type, d.action.channel, d.action.contactId, d.window.start].join('\u0000');
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [d]);
    else list.push(d);
  }
  const out: ConsolidatedAction[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => (a.invoiceId < b.invoiceId ? -1 : a.invoiceId > b.invoiceId ? 1 : 0));
    const lead = [...list].sort((a, b) => b.outstanding.amount - a.outstanding.amount || (a.invoiceId < b.invoiceId ? -1 : 1))[0]!;
    out.push({
      lead,
      members: list,
      key: list.length === 1 ? lead.idempotencyKey : `group:${list.map((d) => d.idempotencyKey).join('|')}`,
    });
  }
  for (const d of singles) out.push({ lead: d, members: [d], key: d.idempotencyKey });
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
