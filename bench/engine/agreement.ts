/**
 * Checks that the benchmark's equivalents choose the same step as `nextAction`.
 *
 * @module
 */
import { nextAction, type CompiledPolicy, type Decision, type Snapshot } from '@dueflow/core';
import { HAND_LOOP_STEP_IDS, handLoopStep } from './hand-loop.js';
import type { RulesEngineLadder } from './rules-engine-ladder.js';

/**
 * The step `nextAction` chose to act on, or `null`: the act's step, or, for a wait, the step of
 * its `step-due` reason (a chosen step can still wait for its send window, a contact cap or a
 * reachable contact).
 *
 * @example
 * ```ts
 * chosenStep(nextAction(snapshot, now, policy)); // 'overdue-notice'
 * ```
 */
export function chosenStep(decision: Decision): string | null {
  if (decision.kind === 'act') return decision.step.id;
  for (const reason of decision.reasons) if (reason.code === 'step-due') return reason.stepId;
  return null;
}

/** One invoice on which the implementations disagree. */
export interface Disagreement {
  readonly invoiceId: string;
  readonly nextAction: string | null;
  readonly rulesEngine: string | null;
  readonly handLoop: string | null;
  /** The reason codes of `nextAction`'s decision, to see why it decided otherwise. */
  readonly reasons: readonly string[];
}

/** What {@link compareStepChoices} found. */
export interface Agreement {
  readonly compared: number;
  /**
   * Invoices left out because `nextAction` chose an engine rule outside the ladder (a write-off
   * warning, a promise reminder...), which the equivalents do not implement.
   */
  readonly outsideLadder: number;
  /** Invoices on which a step was chosen (the rest have nothing due). */
  readonly withStep: number;
  readonly disagreements: readonly Disagreement[];
}

/**
 * Snapshots of customers in UTC, the only ones on which the zone-free hand loop is expected to
 * agree, spread over the portfolio: every `stride`-th one.
 *
 * @example
 * ```ts
 * utcSample(snapshots, 10).length; // a tenth of the UTC customers' invoices
 * ```
 */
export function utcSample(snapshots: readonly Snapshot[], stride = 1): Snapshot[] {
  return snapshots.filter((s) => s.customer.timeZone === 'UTC').filter((_, i) => i % stride === 0);
}

/**
 * Decides snapshots three ways, until `limit` of them have been compared, and lists the
 * disagreements on the ladder step to act on.
 *
 * @example
 * ```ts
 * const { disagreements } = await compareStepChoices(sample, now, policy, createRulesEngineLadder(), 1_000);
 * ```
 */
export async function compareStepChoices(
  snapshots: readonly Snapshot[],
  nowMs: number,
  policy: CompiledPolicy,
  rules: RulesEngineLadder,
  limit = Infinity,
): Promise<Agreement> {
  const disagreements: Disagreement[] = [];
  const ladder = new Set(HAND_LOOP_STEP_IDS);
  let withStep = 0;
  let compared = 0;
  let outsideLadder = 0;
  for (const snapshot of snapshots) {
    if (compared >= limit) break;
    const decision = nextAction(snapshot, nowMs, policy);
    const expected = chosenStep(decision);
    if (expected !== null && !ladder.has(expected)) {
      outsideLadder++;
      continue;
    }
    compared++;
    const byRules = await rules.decide(snapshot, nowMs);
    const index = handLoopStep(snapshot, nowMs);
    const byHand = index < 0 ? null : HAND_LOOP_STEP_IDS[index]!;
    if (expected !== null) withStep++;
    if (byRules !== expected || byHand !== expected) {
      disagreements.push({
        invoiceId: snapshot.invoice.id,
        nextAction: expected,
        rulesEngine: byRules,
        handLoop: byHand,
        reasons: decision.reasons.map((r) => r.code),
      });
    }
  }
  return { compared, outsideLadder, withStep, disagreements };
}
