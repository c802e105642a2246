/**
 * The part of a ladder that the benchmark's stand-alone equivalents of `nextAction` understand:
 * steps anchored on the due date, without repeats or amount conditions, optionally limited to or
 * excluding segments. Anything else makes them refuse the ladder, so a change to the default
 * ladder can never make the comparison silently unfair.
 *
 * @module
 */
import { DEFAULT_LADDER, type LadderInput, type TimelineSummary } from '@dueflow/core';
import { MAX_ATTEMPTS } from '@dueflow/core/engine';

/** One step as the equivalents evaluate it. */
export interface PlainStep {
  readonly id: string;
  readonly index: number;
  readonly offsetDays: number;
  /** The step applies only to these segments. */
  readonly segments: readonly string[] | undefined;
  /** The step never applies to these segments. */
  readonly exceptSegments: readonly string[] | undefined;
}

/** Segment of a customer that names none (the policy default of `compilePolicy()`). */
export const DEFAULT_SEGMENT = 'standard';

/**
 * The steps of `ladder` in escalation order, or an error naming the first feature the
 * equivalents do not implement.
 *
 * @example
 * ```ts
 * plainSteps().map((s) => s.offsetDays); // [-7, 0, 7, 14, 21, 30, 40, 45, 60]
 * ```
 */
export function plainSteps(ladder: LadderInput = DEFAULT_LADDER): readonly PlainStep[] {
  return ladder.steps.map((step, index): PlainStep => {
    const unsupported =
      step.anchor === 'issue'
        ? 'anchor "issue"'
        : step.repeat !== undefined
          ? 'repeat'
          : step.conditions?.minOutstanding !== undefined
            ? 'conditions.minOutstanding'
            : undefined;
    if (unsupported !== undefined) {
      throw new Error(
        `ladder "${ladder.id}" step "${step.id}" uses ${unsupported}, which the benchmark equivalents do not implement; extend bench/engine before comparing`,
      );
    }
    return {
      id: step.id,
      index,
      offsetDays: step.offsetDays,
      segments: step.conditions?.segments,
      exceptSegments: step.conditions?.exceptSegments,
    };
  });
}

/**
 * The furthest ladder step already taken, read from the timeline summary that storage keeps
 * beside each invoice (the same input `nextAction` reads): steps taken in any outcome but
 * `failed`, and step occurrences given up after `MAX_ATTEMPTS` failures.
 *
 * @example
 * ```ts
 * furthestStep(snapshot.summary, new Map([['pre-due-reminder', 0]])); // 0, or -1 before the first step
 * ```
 */
export function furthestStep(summary: TimelineSummary | undefined, stepIndex: ReadonlyMap<string, number>): number {
  if (summary === undefined) return -1;
  let position = -1;
  for (const s of summary.steps) {
    const index = stepIndex.get(s.stepId);
    if (index !== undefined && index > position) position = index;
  }
  for (const f of summary.failures) {
    const index = f.count >= MAX_ATTEMPTS ? stepIndex.get(f.stepId) : undefined;
    if (index !== undefined && index > position) position = index;
  }
  return position;
}
