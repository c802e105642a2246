/**
 * The ladder clock stops while collection is suspended: while paused, disputed, under a promise
 * to pay, or on an installment plan. The steps not yet taken move later by the total time spent
 * suspended, so escalation resumes where it stopped instead of jumping ahead, and the spacing
 * between the remaining steps is kept.
 *
 * @module
 */
import { MS_PER_DAY } from '../calendar/day.js';
import type { Activity } from '../model/activity.js';
import type { Snapshot } from './snapshot.js';

interface Edge {
  readonly at: number;
  readonly key: string;
  readonly open: boolean;
}

function edgeOf(a: Activity): Edge | undefined {
  switch (a.type) {
    case 'status':
      if (a.change === 'paused' || a.change === 'resumed') return { at: Date.parse(a.at), key: 'pause', open: a.change === 'paused' };
      if (a.change === 'dispute-opened' || a.change === 'dispute-resolved')
        return { at: Date.parse(a.at), key: 'dispute', open: a.change === 'dispute-opened' };
      return undefined;
    case 'promise':
      return { at: Date.parse(a.at), key: `promise:${a.promiseId}`, open: a.event === 'made' };
    case 'plan':
      if (a.event === 'created') return { at: Date.parse(a.at), key: `plan:${a.planId}`, open: true };
      if (a.event === 'defaulted' || a.event === 'cancelled' || a.event === 'completed')
        return { at: Date.parse(a.at), key: `plan:${a.planId}`, open: false };
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Whole days (rounded up) during which collection was suspended before `nowMs` (overlapping
 * suspensions count once). `endOf` closes suspensions the timeline has not closed yet (a promise
 * that broke at a computed moment); any other still-open suspension counts until `nowMs`.
 *
 * @example
 * ```ts
 * suspendedDays(snapshot, Date.now(), () => undefined); // 0 without pauses, disputes, promises or plans
 * ```
 */
export function suspendedDays(snapshot: Snapshot, nowMs: number, endOf: (key: string) => number | undefined): number {
  let edges: Edge[] | undefined;
  for (const a of snapshot.activities) {
    const e = edgeOf(a);
    if (e !== undefined) (edges ??= []).push(e);
  }
  if (edges === undefined) return 0;
  edges.sort((x, y) => x.at - y.at || (x.open === y.open ? 0 : x.open ? 1 : -1));
  const openSince = new Map<string, number>();
  const intervals: [number, number][] = [];
  for (const e of edges) {
    if (e.open) {
      if (!openSince.has(e.key)) openSince.set(e.key, e.at);
    } else {
      const start = openSince.get(e.key);
      if (start !== undefined) {
        intervals.push([start, e.at]);
        openSince.delete(e.key);
      }
    }
  }
  for (const [key, start] of openSince) intervals.push([start, Math.min(endOf(key) ?? nowMs, nowMs)]);
  // Union of the intervals, up to now.
  intervals.sort((x, y) => x[0] - y[0]);
  let total = 0;
  let curStart = -Infinity;
  let curEnd = -Infinity;
  const flush = (): void => {
    const s = curStart;
    const e = Math.min(curEnd, nowMs);
    if (e > s) total += e - s;
  };
  for (const [s, e] of intervals) {
    if (s > curEnd) {
      flush();
      curStart = s;
      curEnd = e;
    } else if (e > curEnd) curEnd = e;
  }
  flush();
  return Math.ceil(total / MS_PER_DAY);
}
