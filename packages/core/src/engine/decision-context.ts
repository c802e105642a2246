/**
 * What every stage of `nextAction` reads about the one decision it is making: the inputs, the
 * values derived from them once (segment, ladder, ladder position, today's local dates), the
 * reasons gathered so far, and a memo of the values only some decisions need.
 *
 * @module
 */
import type { CompiledCalendar } from '../calendar/business-calendar.js';
import type { ZoneCache } from '../calendar/zone.js';
import type { Money } from '../model/money.js';
import type { CompiledLadder, CompiledPolicy } from '../model/policy.js';
import type { Reason, StepTrace } from './decision.js';
import type { LadderProgress } from './progress.js';
import type { Snapshot } from './snapshot.js';
import type { TimelineSummary } from './summary.js';

/**
 * Values computed on first use and kept for the rest of one decision: created per call, never
 * shared between decisions.
 */
export interface DecisionMemo {
  /** The issue date's epoch day: most ladders anchor every step on the due date and never need it. */
  issueDay: number | undefined;
}

/** The facts one decision is made from. Read-only: what changes during a decision is in `reasons` and `memo`. */
export interface DecisionContext {
  readonly policy: CompiledPolicy;
  /** The snapshot, carrying its timeline summary (folded once if storage did not keep it). */
  readonly snapshot: Snapshot;
  readonly nowMs: number;
  readonly calendar: CompiledCalendar;
  readonly zones: ZoneCache;
  readonly ladder: CompiledLadder;
  readonly progress: LadderProgress;
  readonly summary: TimelineSummary;
  readonly owed: Money;
  readonly segment: string;
  readonly customerZone: string;
  /** Today's epoch day in the customer's zone. */
  readonly todayCustomer: number;
  /** Today's epoch day in the business's zone. */
  readonly todayBusiness: number;
  readonly dueDay: number;
  /** Days the ladder clock stood still (pauses, disputes, promises, plans) since the last step. */
  readonly shift: number;
  /** The reasons of the decision, in the order the rules used them. */
  readonly reasons: Reason[];
  readonly trace: StepTrace[] | undefined;
  readonly memo: DecisionMemo;
}
