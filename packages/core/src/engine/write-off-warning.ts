/**
 * Rule 7: once, `warnDaysBefore` days before an invoice reaches the write-off age, an internal
 * alert.
 *
 * @module
 */
import type { Decision } from './decision.js';
import type { DecisionContext } from './decision-context.js';
import { actOn } from './act-on.js';
import { target } from './act-target.js';
import { targetDone } from './step-history.js';
import { dueDayOf, dueInstant, issueDayOf } from './step-schedule.js';

/** The write-off warning's decision when it is due, or the instant it will be (`at`), or nothing. */
export interface WriteOffWarning {
  readonly decision?: Decision;
  readonly at?: number;
}

const NOTHING: WriteOffWarning = {};

/** The write-off warning if it is due now, else when it will be (or nothing when it is off or done). */
export function decideWriteOffWarning(ctx: DecisionContext): WriteOffWarning {
  const w = ctx.policy.source.writeOffWarning;
  if (!w.enabled) return NOTHING;
  const id = 'write-off-warning';
  if (targetDone(ctx.summary, id, 1)) return NOTHING;
  const anchor = w.anchor === 'issue' ? issueDayOf(ctx) : ctx.dueDay;
  const warnDay = anchor + w.ageDays - w.warnDaysBefore;
  const at = dueInstant(ctx, ctx.calendar.timeZone, dueDayOf(ctx, warnDay));
  if (at > ctx.nowMs) return { at };
  ctx.reasons.push({ code: 'write-off-warning', writeOffDate: ctx.zones.day(anchor + w.ageDays), ageDays: w.ageDays });
  const warning = target({ id, name: 'Write-off warning', actionType: 'write-off-warning', template: 'internal.write-off-warning' });
  return { decision: actOn(ctx, warning, Infinity) };
}
