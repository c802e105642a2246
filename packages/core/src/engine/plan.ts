/**
 * `plan(...)`: the communications to come if nothing is paid ("upcoming communications").
 *
 * @module
 */
import { MS_PER_DAY } from '../calendar/day.js';
import type { CompiledPolicy } from '../model/policy.js';
import { actionActivity } from './action-activity.js';
import type { ActDecision, Decision } from './decision.js';
import { nextAction, type InstantLike } from './next-action.js';
import type { Snapshot } from './snapshot.js';
import { extendSummary, summaryOf } from './summary.js';

/** Options of {@link plan}. */
export interface PlanOptions {
  /** Stop at this instant. */
  readonly until: InstantLike;
  /**
   * Stop after this many actions (a safety net for repeating steps).
   * @default 100
   */
  readonly maxActions?: number;
}

/** The simulated future of an invoice. */
export interface PlanResult {
  /** Actions in the order they would happen, each with the instant it would be decided. */
  readonly actions: readonly { readonly at: string; readonly decision: ActDecision }[];
  /** The decision the simulation stopped on (a wait beyond `until`, or done). */
  readonly last: Decision;
}

/**
 * Simulates the engine forward from `now` assuming no payment and no reply: every action is
 * taken at the start of its window (approval steps count as approved), and the engine is asked
 * again at each wait's end. Pure, like `nextAction`.
 *
 * @example
 * ```ts
 * const { actions } = plan(snapshot, new Date('2025-03-01T00:00:00Z'), policy, { until: new Date('2025-06-01T00:00:00Z') });
 * for (const a of actions) console.log(a.at, a.decision.step.name);
 * ```
 */
export function plan(snapshot: Snapshot, now: InstantLike, policy: CompiledPolicy, options: PlanOptions): PlanResult {
  const limit = typeof options.until === 'number' ? options.until : options.until.getTime();
  const maxActions = options.maxActions ?? 100;
  let t = typeof now === 'number' ? now : now.getTime();
  const activities = [...snapshot.activities];
  const actions: { at: string; decision: ActDecision }[] = [];
  let current: Snapshot = snapshot;
  let summary = summaryOf(snapshot);
  let last: Decision = nextAction(current, t, policy);
  // Every act adds an activity and every wait moves time forward (by at most a day while nobody
  // can be reached), so the loop ends; the bound only guards against a bug.
  const bound = maxActions * 4 + Math.max(0, Math.ceil((limit - t) / MS_PER_DAY)) * 4 + 16;
  for (let guard = 0; guard < bound; guard++) {
    if (last.kind === 'done') break;
    if (last.kind === 'wait') {
      if (last.until === null) break;
      const next = Date.parse(last.until);
      if (next > limit) break;
      t = next;
    } else {
      if (actions.length >= maxActions) break;
      const at = new Date(t).toISOString();
      actions.push({ at, decision: last });
      const taken = actionActivity(last, {
        id: `plan:${last.idempotencyKey}`,
        customerId: snapshot.customer.id,
        at: t,
        outcome: last.requiresApproval ? 'approved' : 'sent',
      });
      activities.push(taken);
      // The summary grows with the timeline, so the engine never folds the simulated history again.
      summary = extendSummary(summary, [taken]);
      current = { ...snapshot, activities: [...activities], summary };
    }
    last = nextAction(current, t, policy);
  }
  return { actions, last };
}
