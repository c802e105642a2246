/**
 * What the timeline summary says about one step: whether it was taken, and its failed attempts
 * with the channels that failed permanently.
 *
 * @module
 */
import type { ChannelKind } from '../model/primitives.js';
import { MAX_ATTEMPTS, type TimelineSummary } from './summary.js';

/** Failed attempts of one step occurrence, and the channels that failed permanently. */
export interface StepFailures {
  readonly count: number;
  readonly channels: readonly ChannelKind[];
}

const NO_FAILURES: StepFailures = { count: 0, channels: [] };

/** Failed attempts of one step occurrence and the channels that failed permanently. */
export function failuresOf(summary: TimelineSummary, stepId: string, occurrence: number): StepFailures {
  if (!summary.anyFailed) return NO_FAILURES;
  for (const f of summary.failures) if (f.stepId === stepId && f.occurrence === occurrence) return f;
  return NO_FAILURES;
}

/** Whether an engine step (promise, plan, write-off) was already taken, or given up after failing. */
export function targetDone(summary: TimelineSummary, id: string, occurrence: number): boolean {
  for (const s of summary.steps) if (s.stepId === id && s.occurrence >= occurrence) return true;
  return failuresOf(summary, id, occurrence).count >= MAX_ATTEMPTS;
}
