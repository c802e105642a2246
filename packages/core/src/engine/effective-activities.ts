/**
 * The timeline as the engine should read it: one action activity per idempotency key.
 *
 * The runtime appends an action activity each time an action changes outcome (`queued`, then
 * `sent` or `failed`...), and the timeline is append-only. A `queued` followed by a `failed` must
 * read as a failure, or the fallback to another channel would never happen. `nextAction` reads
 * the same view through the timeline summary (`summarizeTimeline`); this list form is for
 * reports and exports. (Two outcomes of one key equally final at the same instant: here the later
 * in the list wins, in the summary the larger activity id, so that it never depends on order.)
 *
 * @module
 */
import type { ActionActivity, Activity } from '../model/activity.js';
import { OUTCOME_RANK } from './summary.js';

function supersedes(next: ActionActivity, nextIndex: number, kept: { a: ActionActivity; i: number }): boolean {
  const rank = OUTCOME_RANK[next.outcome] - OUTCOME_RANK[kept.a.outcome];
  if (rank !== 0) return rank > 0;
  const dt = Date.parse(next.at) - Date.parse(kept.a.at);
  return dt !== 0 ? dt > 0 : nextIndex > kept.i;
}

/**
 * Keeps, for each action idempotency key, only its latest outcome (final outcomes over
 * intermediate ones, then the later instant, then the later position); other activities are
 * kept as they are, in their order.
 *
 * @example
 * ```ts
 * effectiveActivities([queued('k'), failed('k')]); // [failed('k')]: the step may be retried
 * ```
 */
export function effectiveActivities(activities: readonly Activity[]): Activity[] {
  const kept = new Map<string, { a: ActionActivity; i: number }>();
  activities.forEach((a, i) => {
    if (a.type !== 'action' || a.idempotencyKey === undefined) return;
    const current = kept.get(a.idempotencyKey);
    if (current === undefined || supersedes(a, i, current)) kept.set(a.idempotencyKey, { a, i });
  });
  if (kept.size === 0) return [...activities];
  return activities.filter((a) => a.type !== 'action' || a.idempotencyKey === undefined || kept.get(a.idempotencyKey)?.a === a);
}
