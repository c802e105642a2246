/**
 * The `decide` callback of the cycle: pure, synchronous, run by storage inside its transaction.
 *
 * @module
 */
import { actionActivity } from '@dueflow/core/engine';
import { extendSummary, nextAction, summaryOf } from '@dueflow/core';
import type { ActDecision, Activity, CompiledPolicy, Decision, Snapshot } from '@dueflow/core';
import type { DecideOutput, NewOutboxEntry } from '../ports/storage.js';

/** Acts decided for one invoice in one pass at most; more is a ladder with many due steps at once. */
const MAX_ACTS_PER_DECISION = 8;
/** When the engine keeps acting (or repeats a key), look again shortly rather than loop now. */
const RECHECK_MS = 60_000;

/**
 * Decides one invoice at `now`: every `act` becomes an outbox entry (`awaiting-approval` when
 * the step needs a person) and a `queued` (or `awaiting-approval`) action activity, and the
 * engine is asked again with that activity on the timeline, so the next check is the following
 * wait and no key is decided twice. A `wait` sets the next check to its end (`null` stays
 * `null`: only an event wakes the invoice); `done` sets it to `null`.
 *
 * @example
 * ```ts
 * await storage.decideDue({ now, limit: 100 }, (snapshot) => decideInvoice(snapshot, now, policy));
 * ```
 */
export function decideInvoice(snapshot: Snapshot, now: number, policy: CompiledPolicy): DecideOutput {
  const outbox: NewOutboxEntry[] = [];
  const activities: Activity[] = [];
  const keys = new Set<string>();
  // The engine reads the timeline one outcome per action key through the summary: folded once
  // here when storage keeps none, then extended with each act, so no question folds it again.
  let view: Snapshot = { ...snapshot, summary: summaryOf(snapshot) };
  let first: Decision | undefined;
  for (let i = 0; i < MAX_ACTS_PER_DECISION; i++) {
    const decision = nextAction(view, now, policy);
    first ??= decision;
    if (decision.kind === 'done') return { nextCheckAt: null, decision: first, outbox, activities };
    if (decision.kind === 'wait') {
      const until = decision.until === null ? null : Math.max(Date.parse(decision.until), now + 1);
      return { nextCheckAt: until, decision: first, outbox, activities };
    }
    if (keys.has(decision.idempotencyKey)) break;
    keys.add(decision.idempotencyKey);
    const entry = newEntry(decision);
    const activity = actionActivity(decision, {
      customerId: snapshot.customer.id,
      at: now,
      outcome: entry.status === 'pending' ? 'queued' : 'awaiting-approval',
    });
    outbox.push(entry);
    activities.push(activity);
    view = { ...view, activities: [...view.activities, activity], summary: extendSummary(summaryOf(view), [activity]) };
  }
  return { nextCheckAt: now + RECHECK_MS, decision: first ?? nextAction(snapshot, now, policy), outbox, activities };
}

function newEntry(decision: ActDecision): NewOutboxEntry {
  return {
    key: decision.idempotencyKey,
    decision,
    status: decision.requiresApproval ? 'awaiting-approval' : 'pending',
    notBefore: Date.parse(decision.window.start),
    notAfter: Date.parse(decision.window.end),
  };
}
