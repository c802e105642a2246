/**
 * When a step falls and when it becomes due: its anchor (due or issue date) plus its offset in
 * days, moved later by the time the ladder clock stood still, moved to the next working day, and
 * due at the start of that day's send window in the customer's zone (the business's for internal
 * actions).
 *
 * @module
 */
import { isBusinessDay, nextBusinessDay } from '../calendar/business-calendar.js';
import { toEpochDay } from '../calendar/day.js';
import type { CompiledPolicy, CompiledStep } from '../model/policy.js';
import type { DecisionContext } from './decision-context.js';

/** The issue date as an epoch day, parsed on first use in this decision. */
export function issueDayOf(ctx: DecisionContext): number {
  const memo = ctx.memo;
  if (memo.issueDay === undefined) memo.issueDay = toEpochDay(ctx.snapshot.invoice.issueDate);
  return memo.issueDay;
}

/** Local day on which a step falls: its nominal day, moved later by suspensions for steps still to come. */
export function anchorDay(ctx: DecisionContext, step: CompiledStep): number {
  const nominal = (step.step.anchor === 'due' ? ctx.dueDay : issueDayOf(ctx)) + step.offsetDays;
  return step.index > ctx.progress.position ? nominal + ctx.shift : nominal;
}

/** The zone a step is scheduled in: the business's for internal actions, else the customer's. */
export function zoneOf(ctx: DecisionContext, step: CompiledStep): string {
  return step.internal ? ctx.calendar.timeZone : ctx.customerZone;
}

/** The working day on which a step falling on local day `day` becomes due (the day itself, or the next working day). */
export function dueDayOf(ctx: DecisionContext, day: number): number {
  return nextBusinessDay(ctx.calendar, day);
}

/** The moment a step becomes due on working day `dueDay` in `zone`: the start of that day's send window. */
export function dueInstant(ctx: DecisionContext, zone: string, dueDay: number): number {
  return ctx.zones.instantOf(zone, dueDay, ctx.calendar.windowStart);
}

/**
 * Whether local epoch day `day` is a working day under the policy's calendar (business days
 * and holidays).
 *
 * @example
 * ```ts
 * const policy = compilePolicy({ calendar: { holidays: ['2025-12-25'] } });
 * isWorkingDay(policy, toEpochDay('2025-12-25')); // false
 * isWorkingDay(policy, toEpochDay('2025-12-26')); // true (a Friday)
 * ```
 */
export function isWorkingDay(policy: CompiledPolicy, day: number): boolean {
  return isBusinessDay(policy.calendar, day);
}
