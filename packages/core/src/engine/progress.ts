/**
 * Ladder progress read from the timeline: which steps are done, how often, and which attempts failed.
 *
 * @module
 */
import type { Activity } from '../model/activity.js';
import type { CompiledLadder } from '../model/policy.js';
import type { ChannelKind } from '../model/primitives.js';
import { MAX_ATTEMPTS, summarizeTimeline, type TimelineSummary } from './summary.js';

export { MAX_ATTEMPTS } from './summary.js';

/** What the timeline says about a ladder. */
export interface LadderProgress {
  /** Index of the furthest step done, or -1. */
  readonly position: number;
  /** Completed occurrences per step index. */
  readonly occurrences: readonly number[];
  /** Whether an agency referral went out. */
  readonly referred: boolean;
  /** Id of the step that referred the invoice. */
  readonly referredBy: string | undefined;
}

const NONE: readonly number[] = [];

/** An array of `n` zeros, allocated once at its final size. */
function zeros(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = 0;
  return out;
}

/**
 * Reads ladder progress from activities. An action counts as done in any outcome except `failed`;
 * a step occurrence that failed {@link MAX_ATTEMPTS} times counts as done too (given up).
 *
 * @example
 * ```ts
 * ladderProgress(snapshot.activities, ladder).position; // -1 before the first step
 * ```
 */
export function ladderProgress(activities: readonly Activity[], ladder: CompiledLadder): LadderProgress {
  return progressOf(summarizeTimeline(activities), ladder);
}

/**
 * Ladder progress from a timeline summary: the steps of `ladder` taken (or given up after
 * {@link MAX_ATTEMPTS} failures). Steps of other ladders in the summary are ignored.
 *
 * @example
 * ```ts
 * progressOf(summarizeTimeline(snapshot.activities), ladder).position; // -1 before the first step
 * ```
 */
export function progressOf(summary: TimelineSummary, ladder: CompiledLadder): LadderProgress {
  let position = -1;
  let occurrences: number[] | undefined;
  let referredBy: string | undefined;
  const indexOf = ladder.indexOf;
  const ladderSteps = ladder.steps;
  const steps = summary.steps;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    const index = indexOf.get(s.stepId);
    if (index === undefined) continue;
    occurrences ??= zeros(ladderSteps.length);
    if (s.occurrence > occurrences[index]!) occurrences[index] = s.occurrence;
    if (index > position) position = index;
    if (s.referral === true) referredBy ??= s.stepId;
  }
  // Occurrences given up after MAX_ATTEMPTS failures count as done too.
  if (summary.anyFailed) {
    for (const f of summary.failures) {
      const index = f.count >= MAX_ATTEMPTS ? indexOf.get(f.stepId) : undefined;
      if (index === undefined) continue;
      occurrences ??= zeros(ladderSteps.length);
      if (f.occurrence > occurrences[index]!) occurrences[index] = f.occurrence;
      if (index > position) position = index;
    }
  }
  return {
    position,
    occurrences: occurrences ?? NONE,
    referred: referredBy !== undefined,
    referredBy,
  };
}

/**
 * Failed attempts of one step occurrence, and the channels they failed on permanently, reading
 * the timeline one outcome per action key.
 *
 * @example
 * ```ts
 * failedAttempts(snapshot.activities, 'overdue-notice', 1); // { count: 1, channels: ['email'] }
 * ```
 */
export function failedAttempts(
  activities: readonly Activity[],
  stepId: string,
  occurrence: number,
): { count: number; channels: ChannelKind[] } {
  const f = summarizeTimeline(activities).failures.find((x) => x.stepId === stepId && x.occurrence === occurrence);
  return { count: f?.count ?? 0, channels: f === undefined ? [] : [...f.channels] };
}
