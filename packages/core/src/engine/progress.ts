/**
 * Ladder progress read from the timeline: which steps are done, how often, and which attempts failed.
 *
 * @module
 */
import type { Activity } from '../model/activity.js';
import type { CompiledLadder } from '../model/policy.js';
import type { ChannelKind } from '../model/primitives.js';

/** Failed attempts of one step occurrence before the engine gives up on it. */
export const MAX_ATTEMPTS = 3;

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
  return scanTimeline(activities, ladder);
}

/** Everything the engine needs from one pass over the timeline. */
export interface TimelineScan extends LadderProgress {
  /** Some action failed: the timeline must be read one outcome per key (see `effectiveActivities`). */
  readonly anyFailed: boolean;
  /** The timeline holds pauses, disputes, promises or plans: suspensions may move the ladder. */
  readonly suspensions: boolean;
  /** The write-off warning was taken. */
  readonly writeOffWarned: boolean;
}

/**
 * One pass over the timeline: ladder progress, and the flags that tell the engine which rarer
 * (costlier) questions it must ask at all. The timeline is the longest input of a decision, so
 * it is walked once.
 *
 * @example
 * ```ts
 * scanTimeline(snapshot.activities, ladder).position; // -1 before the first step
 * ```
 */
export function scanTimeline(activities: readonly Activity[], ladder: CompiledLadder): TimelineScan {
  let position = -1;
  let occurrences: number[] | undefined;
  let failures: Map<string, number> | undefined;
  let referredBy: string | undefined;
  let anyFailed = false;
  let suspensions = false;
  let writeOffWarned = false;
  const indexOf = ladder.indexOf;
  for (let i = 0; i < activities.length; i++) {
    const a = activities[i]!;
    const type = a.type;
    if (type !== 'action') {
      if (type === 'promise' || type === 'plan' || (type === 'status' && (a.change === 'paused' || a.change === 'dispute-opened'))) suspensions = true;
      continue;
    }
    const failed = a.outcome === 'failed';
    if (failed) anyFailed = true;
    const index = indexOf.get(a.stepId);
    if (index === undefined) {
      if (!failed && a.stepId === 'write-off-warning') writeOffWarned = true;
      continue;
    }
    let done = !failed;
    if (!done) {
      failures ??= new Map();
      const key = `${index}:${a.occurrence}`;
      const count = (failures.get(key) ?? 0) + 1;
      failures.set(key, count);
      done = count >= MAX_ATTEMPTS;
    }
    if (!done) continue;
    occurrences ??= new Array<number>(ladder.steps.length).fill(0);
    if (a.occurrence > (occurrences[index] ?? 0)) occurrences[index] = a.occurrence;
    if (index > position) position = index;
    if (a.action === 'agency-referral' && (a.outcome === 'sent' || a.outcome === 'approved')) referredBy = a.stepId;
  }
  return { position, occurrences: occurrences ?? NONE, referred: referredBy !== undefined, referredBy, anyFailed, suspensions, writeOffWarned };
}

/**
 * Failed attempts of one step occurrence, and the channels they failed on.
 *
 * @example
 * ```ts
 * failedAttempts(snapshot.activities, 'overdue-notice', 1); // { count: 1, channels: ['email'] }
 * ```
 */
export function failedAttempts(activities: readonly Activity[], stepId: string, occurrence: number): { count: number; channels: ChannelKind[] } {
  let count = 0;
  const channels: ChannelKind[] = [];
  for (const a of activities) {
    if (a.type === 'action' && a.outcome === 'failed' && a.stepId === stepId && a.occurrence === occurrence) {
      count++;
      if (a.channel !== undefined && a.permanent === true) channels.push(a.channel);
    }
  }
  return { count, channels };
}
