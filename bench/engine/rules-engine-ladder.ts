/**
 * The default ladder written with `json-rules-engine`, the way a developer would write it
 * without Dueflow: facts computed from the invoice (status, dispute, pause, outstanding balance,
 * days past due in the customer's time zone, the furthest step already done, the segment), one
 * rule per step with its conditions and a priority equal to its rank, and one shared `Engine`
 * run per invoice; the step to act on is the highest-ranked rule that fired.
 *
 * @module
 */
import { DEFAULT_LADDER, type LadderInput, type Snapshot } from '@dueflow/core';
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { DEFAULT_SEGMENT, furthestStep, plainSteps } from './ladder-shape.js';

/** A condition inside an `all` list. */
type Condition = Extract<TopLevelCondition, { all: unknown }>['all'][number];

const DAY = 86_400_000;

/** The facts the rules read. */
export interface LadderFacts {
  readonly status: string;
  readonly disputed: boolean;
  readonly paused: boolean;
  /** Minor units still owed. */
  readonly outstanding: number;
  /** Whole days since the due date, in the customer's time zone (negative before it). */
  readonly daysPastDue: number;
  /** Rank of the furthest step already done, -1 before the first. */
  readonly lastStepIndex: number;
  readonly segment: string;
}

/** Event a step rule emits when it fires. */
export interface StepEvent {
  readonly type: 'collection-step';
  readonly params: { readonly stepId: string; readonly index: number };
}

/**
 * One rule per ladder step, in JSON as `json-rules-engine` takes it.
 *
 * @example
 * ```ts
 * const engine = new Engine(ladderRules());
 * engine.setCondition('collectible', COLLECTIBLE);
 * ```
 */
export function ladderRules(ladder: LadderInput = DEFAULT_LADDER): RuleProperties[] {
  return plainSteps(ladder).map((step) => {
    const all: Condition[] = [
      { condition: 'collectible' },
      { fact: 'daysPastDue', operator: 'greaterThanInclusive', value: step.offsetDays },
      { fact: 'lastStepIndex', operator: 'lessThan', value: step.index },
    ];
    if (step.segments !== undefined) all.push({ fact: 'segment', operator: 'in', value: [...step.segments] });
    if (step.exceptSegments !== undefined) all.push({ fact: 'segment', operator: 'notIn', value: [...step.exceptSegments] });
    return {
      name: step.id,
      priority: step.index + 1,
      conditions: { all },
      event: { type: 'collection-step', params: { stepId: step.id, index: step.index } },
    };
  });
}

/** The condition every step shares: an open, undisputed, unpaused invoice with money owed. */
export const COLLECTIBLE: TopLevelCondition = {
  all: [
    { fact: 'status', operator: 'equal', value: 'open' },
    { fact: 'disputed', operator: 'equal', value: false },
    { fact: 'paused', operator: 'equal', value: false },
    { fact: 'outstanding', operator: 'greaterThan', value: 0 },
  ],
};

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Local calendar day (days since 1970-01-01) of `nowMs` in `timeZone`. */
function localDay(timeZone: string, nowMs: number): number {
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return Date.parse(`${format.format(nowMs)}T00:00:00Z`) / DAY;
}

/**
 * Computes the facts of one invoice at `nowMs`.
 *
 * @example
 * ```ts
 * ladderFacts(snapshot, Date.now(), stepIndex).daysPastDue; // 12
 * ```
 */
export function ladderFacts(snapshot: Snapshot, nowMs: number, stepIndex: ReadonlyMap<string, number>): LadderFacts {
  const { invoice, customer } = snapshot;
  const today = localDay(customer.timeZone, nowMs);
  let outstanding = invoice.total.amount;
  for (const p of snapshot.payments) {
    if (p.status === 'succeeded') for (const a of p.allocations) if (a.invoiceId === invoice.id) outstanding -= a.amount;
  }
  for (const c of snapshot.credits) if (c.invoiceId === invoice.id) outstanding -= c.amount.amount;

  const lastStepIndex = furthestStep(snapshot.summary, stepIndex);
  const pause = invoice.pause;
  return {
    status: invoice.status,
    disputed: invoice.dispute !== undefined,
    paused: pause !== undefined && (pause.until === undefined || today < Date.parse(`${pause.until}T00:00:00Z`) / DAY),
    outstanding,
    daysPastDue: today - Date.parse(`${invoice.dueDate}T00:00:00Z`) / DAY,
    lastStepIndex,
    segment: customer.segment ?? DEFAULT_SEGMENT,
  };
}

/** A ladder decided with `json-rules-engine`. */
export interface RulesEngineLadder {
  readonly engine: Engine;
  /** The id of the step to act on for `snapshot` at `nowMs`, or `null`. */
  decide(snapshot: Snapshot, nowMs: number): Promise<string | null>;
}

/**
 * Builds the engine once (rules, shared condition) for reuse across invoices.
 *
 * @example
 * ```ts
 * const ladder = createRulesEngineLadder();
 * await ladder.decide(snapshot, Date.now()); // 'overdue-notice'
 * ```
 */
export function createRulesEngineLadder(ladder: LadderInput = DEFAULT_LADDER): RulesEngineLadder {
  const engine = new Engine(ladderRules(ladder));
  engine.setCondition('collectible', COLLECTIBLE);
  const stepIndex = new Map(plainSteps(ladder).map((s) => [s.id, s.index]));
  return {
    engine,
    async decide(snapshot, nowMs) {
      const { events } = await engine.run({ ...ladderFacts(snapshot, nowMs, stepIndex) });
      let best: StepEvent['params'] | undefined;
      for (const event of events) {
        const params = event.params as StepEvent['params'] | undefined;
        if (params !== undefined && (best === undefined || params.index > best.index)) best = params;
      }
      return best?.stepId ?? null;
    },
  };
}
