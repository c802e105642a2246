/**
 * Rule 9, the send window: customer-facing messages go out inside the window of every zone of the
 * recipient (the contact's own zone decides when they never overlap), internal actions inside
 * the business's; a learned best contact hour inside the window becomes its start.
 *
 * @module
 */
import { slotAtOrAfter, slotInAllZones, type Slot } from '../calendar/business-calendar.js';
import type { CompiledPolicy } from '../model/policy.js';
import type { Reason } from './decision.js';
import type { DecisionContext } from './decision-context.js';
import type { Recipient } from './recipient.js';

/**
 * The send slot at or after `instant` valid in every zone of the recipient. When the windows of
 * the zones never overlap, the recipient's own (first) zone decides, and `reasons` says so.
 */
export function slotFor(policy: CompiledPolicy, zones: readonly string[], instant: number, reasons?: Reason[]): Slot {
  if (zones.length === 1) return slotAtOrAfter(policy.calendar, policy.zones, zones[0]!, instant);
  const common = slotInAllZones(policy.calendar, policy.zones, zones, instant);
  if (common !== undefined) return common;
  reasons?.push({ code: 'no-common-window', timeZones: zones });
  return slotAtOrAfter(policy.calendar, policy.zones, zones[0]!, instant);
}

/** The slot the recipient is sent to now or next: the window's, started at the customer's best contact hour when it falls inside. */
export function sendSlot(ctx: DecisionContext, recipient: Recipient): Slot {
  const slot = slotFor(ctx.policy, recipient.zones, ctx.nowMs, ctx.reasons);
  const bestHour = ctx.snapshot.customerStats?.bestContactHour;
  if (recipient.contact === undefined || bestHour === undefined || !ctx.policy.source.guardrails.useBestContactHour) return slot;
  const zones = ctx.zones;
  const zone = recipient.zones[0]!;
  const best = zones.instantOf(zone, zones.localDay(zone, slot.start), bestHour * 60);
  if (best <= slot.start || best >= slot.end) return slot;
  ctx.reasons.push({ code: 'best-contact-hour', hour: bestHour });
  return { start: best, end: slot.end };
}
