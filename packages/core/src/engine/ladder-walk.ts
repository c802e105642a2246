/**
 * Walking the ladder: from the last step down to the current position, the highest step that is
 * due wins, steps below it that are also due are superseded (catching up never floods the
 * customer with stale reminders), and the earliest step not yet due sets the next wake-up. A due
 * fee or interest step below the chosen one is charged first, and the step at the position may
 * repeat.
 *
 * @module
 */
import type { Money } from '../model/money.js';
import type { CompiledStep } from '../model/policy.js';
import { lateFeeApplies } from '../operations/fees.js';
import type { StepTrace } from './decision.js';
import type { DecisionContext } from './decision-context.js';
import { anchorDay, dueDayOf, dueInstant, zoneOf } from './step-schedule.js';

/** The step to act on, at which occurrence, on which working day, and its nominal local day. */
export interface ChosenStep {
  readonly step: CompiledStep;
  readonly occurrence: number;
  readonly day: number;
  readonly nominal: number;
}

/** What walking the ladder found. */
export interface LadderEvaluation {
  /** The step to act on, if one is due. */
  readonly chosen: ChosenStep | undefined;
  /** The earliest moment a not-yet-due step becomes due (`Infinity` when none will). */
  readonly nextAt: number;
  readonly nextStep: CompiledStep | undefined;
  /** The working day `nextStep` becomes due on. */
  readonly nextDay: number;
  /** Steps also due below the chosen one, which it supersedes. */
  readonly superseded: string[] | undefined;
}

/** Why a step's conditions fail for this invoice, or `undefined` when they hold. */
export function conditionFailure(step: CompiledStep, owed: Money, segment: string): string | undefined {
  const action = step.step.action;
  if (action.type === 'late-fee' && !lateFeeApplies(action.fee, owed.currency))
    return `the fee does not apply to ${owed.currency} invoices`;
  const c = step.step.conditions;
  if (c === undefined) return undefined;
  const min = c.minOutstanding?.[owed.currency];
  if (min !== undefined && owed.amount < min) return `outstanding ${owed.amount} is below the minimum ${min} ${owed.currency}`;
  if (c.segments !== undefined && !c.segments.includes(segment)) return `applies only to segments ${c.segments.join(', ')}`;
  if (c.exceptSegments?.includes(segment) === true) return `does not apply to segment ${segment}`;
  return undefined;
}

/** The state of one walk down one ladder, for one decision. */
class LadderWalk implements LadderEvaluation {
  chosen: ChosenStep | undefined = undefined;
  nextAt = Infinity;
  nextStep: CompiledStep | undefined = undefined;
  nextDay = 0;
  superseded: string[] | undefined = undefined;
  /** Earliest future step per zone, by nominal day: resolved to an instant only at the end. */
  laterCustomer: CompiledStep | undefined = undefined;
  laterCustomerDay = 0;
  laterBusiness: CompiledStep | undefined = undefined;
  laterBusinessDay = 0;

  constructor(readonly ctx: DecisionContext) {}

  /** Records a step's verdict when tracing; callers check `ctx.trace` first, so untraced decisions build no text. */
  trace(step: CompiledStep, day: number, status: StepTrace['status'], detail: string): void {
    const ctx = this.ctx;
    ctx.trace?.push({ stepId: step.step.id, name: step.step.name, index: step.index, date: ctx.zones.day(day), status, detail });
  }

  noteUpcoming(step: CompiledStep, at: number, day: number): void {
    if (at < this.nextAt) {
      this.nextAt = at;
      this.nextStep = step;
      this.nextDay = day;
    }
  }

  /** Places one step falling on local day `day` (at `occurrence`): chosen, superseded, upcoming or later. */
  consider(step: CompiledStep, day: number, occurrence: number): void {
    const ctx = this.ctx;
    const zone = zoneOf(ctx, step);
    const customer = !step.internal || zone === ctx.customerZone;
    const today = customer ? ctx.todayCustomer : ctx.todayBusiness;
    const chosen = this.chosen;
    // Below the chosen step only bookkeeping is left: what was superseded, and the trace. Nothing
    // here may change the decision, so tracing never does either.
    if (chosen !== undefined) {
      if (day > today) {
        if (ctx.trace !== undefined) this.trace(step, dueDayOf(ctx, day), 'upcoming', `falls on ${ctx.zones.day(dueDayOf(ctx, day))}`);
        return;
      }
      const dueDay = dueDayOf(ctx, day);
      const at = dueInstant(ctx, zone, dueDay);
      if (at <= ctx.nowMs && occurrence === 1) {
        (this.superseded ??= []).push(step.step.id);
        if (ctx.trace !== undefined) this.trace(step, dueDay, 'superseded', `also due, superseded by ${chosen.step.step.id}`);
      } else if (ctx.trace !== undefined) this.trace(step, dueDay, 'upcoming', `becomes due at ${ctx.zones.iso(at)}`);
      return;
    }
    if (day <= today) {
      const dueDay = dueDayOf(ctx, day);
      const at = dueInstant(ctx, zone, dueDay);
      if (at <= ctx.nowMs) {
        this.chosen = { step, occurrence, day: dueDay, nominal: day };
        if (ctx.trace !== undefined) this.trace(step, dueDay, 'due', occurrence > 1 ? `due again (occurrence ${occurrence})` : 'due');
        return;
      }
      this.noteUpcoming(step, at, dueDay);
      if (ctx.trace !== undefined) this.trace(step, dueDay, 'upcoming', `becomes due at ${ctx.zones.iso(at)}`);
      return;
    }
    // A future day: only the earliest such step per zone needs its exact instant, found at the end.
    if (customer) {
      if (this.laterCustomer === undefined || day <= this.laterCustomerDay) {
        this.laterCustomer = step;
        this.laterCustomerDay = day;
      }
    } else if (this.laterBusiness === undefined || day <= this.laterBusinessDay) {
      this.laterBusiness = step;
      this.laterBusinessDay = day;
    }
    if (ctx.trace !== undefined) {
      const dueDay = dueDayOf(ctx, day);
      this.trace(step, dueDay, 'upcoming', `falls on ${ctx.zones.day(dueDay)}`);
    }
  }

  /** Resolves the earliest later step of each zone to the instant it becomes due. */
  resolveLater(): void {
    const ctx = this.ctx;
    const customer = this.laterCustomer;
    const business = this.laterBusiness;
    if (customer !== undefined) {
      const dueDay = dueDayOf(ctx, this.laterCustomerDay);
      this.noteUpcoming(customer, dueInstant(ctx, zoneOf(ctx, customer), dueDay), dueDay);
    }
    if (business !== undefined) {
      const dueDay = dueDayOf(ctx, this.laterBusinessDay);
      this.noteUpcoming(business, dueInstant(ctx, zoneOf(ctx, business), dueDay), dueDay);
    }
  }
}

/**
 * Walks the ladder of `ctx` (see the module comment) and reports the step to act on, or when the
 * next one becomes due. Pushes every step's verdict to `ctx.trace` when tracing.
 */
export function walkLadder(ctx: DecisionContext): LadderEvaluation {
  const { ladder, progress } = ctx;
  const steps = ladder.steps;
  const walk = new LadderWalk(ctx);

  for (let i = steps.length - 1; i > progress.position; i--) {
    const step = steps[i]!;
    const day = anchorDay(ctx, step);
    if (step.skipped) {
      if (ctx.trace !== undefined) walk.trace(step, day, 'skipped-by-segment', `skipped for segment ${ctx.segment}`);
      continue;
    }
    const failure = conditionFailure(step, ctx.owed, ctx.segment);
    if (failure !== undefined) {
      walk.trace(step, day, 'condition-not-met', failure);
      continue;
    }
    walk.consider(step, day, 1);
  }

  // Catching up supersedes stale messages, never money: a fee or interest step that is due below
  // the chosen step is charged first, and the chosen step comes on the next decision.
  if (walk.chosen !== undefined && ladder.charges) {
    for (let i = progress.position + 1; i < walk.chosen.step.index; i++) {
      const step = steps[i]!;
      const type = step.step.action.type;
      if ((type !== 'late-fee' && type !== 'interest') || step.skipped || conditionFailure(step, ctx.owed, ctx.segment) !== undefined)
        continue;
      const day = anchorDay(ctx, step);
      const dueDay = dueDayOf(ctx, day);
      if (dueInstant(ctx, zoneOf(ctx, step), dueDay) <= ctx.nowMs) {
        walk.chosen = { step, occurrence: 1, day: dueDay, nominal: day };
        walk.superseded = undefined;
        break;
      }
    }
  }

  // The step at the current position may repeat ("every 7 days until paid").
  const p = progress.position;
  if (p >= 0) {
    const step = steps[p]!;
    const repeat = step.step.repeat;
    const done = progress.occurrences[p] ?? 1;
    const day = anchorDay(ctx, step) + done * (repeat?.everyDays ?? 0) + ctx.shift;
    if (
      repeat !== undefined &&
      (repeat.maxOccurrences === undefined || done < repeat.maxOccurrences) &&
      !step.skipped &&
      conditionFailure(step, ctx.owed, ctx.segment) === undefined
    ) {
      walk.consider(step, day, done + 1);
    } else if (ctx.trace !== undefined) {
      walk.trace(step, anchorDay(ctx, step), 'done', done > 1 ? `done ${done} times` : 'done');
    }
  }
  if (ctx.trace !== undefined) {
    for (let i = p - 1; i >= 0; i--) {
      const step = steps[i]!;
      const count = progress.occurrences[i] ?? 0;
      walk.trace(step, anchorDay(ctx, step), count > 0 ? 'done' : 'passed', count > 0 ? 'done' : 'passed over by a later step');
    }
    ctx.trace.sort((a, b) => a.index - b.index);
  }
  if (walk.chosen === undefined) walk.resolveLater();
  return walk;
}
