/**
 * Rule 9: turns a due target into an act, or into a wait when no contact can be reached, a
 * guardrail holds it back, or the send window is closed. Attempts after failures get their own
 * idempotency key.
 *
 * @module
 */
import { slotAtOrAfter } from '../calendar/business-calendar.js';
import type { Decision } from './decision.js';
import type { DecisionContext } from './decision-context.js';
import { actDecision, waitUntil } from './decision-builders.js';
import type { Target } from './act-target.js';
import { checkGuardrails } from './guardrails.js';
import { recipientOf } from './recipient.js';
import { sendSlot, slotFor } from './send-window.js';
import { failuresOf } from './step-history.js';
import { MAX_ATTEMPTS } from './summary.js';

/**
 * The decision for a due `target`: an act, or a wait for a reachable contact, a guardrail or the
 * send window. `nextAt` is when the next step becomes due, the latest a contact wait lasts.
 */
export function actOn(ctx: DecisionContext, target: Target, nextAt: number): Decision {
  const { zones, nowMs, reasons } = ctx;
  const failed = failuresOf(ctx.summary, target.id, target.occurrence);
  const attempt = Math.min(failed.count, MAX_ATTEMPTS - 1) + 1;
  if (attempt > 1) reasons.push({ code: 'retry', stepId: target.id, attempt });

  const recipient = recipientOf(ctx, target, failed);
  if (recipient === undefined) {
    // Re-check on the next working day: an edited contact or a later step may change things.
    const zone = ctx.customerZone;
    const retry = slotAtOrAfter(ctx.calendar, zones, zone, zones.instantOf(zone, ctx.todayCustomer + 1, 0));
    return waitUntil(ctx, Math.min(retry.start, nextAt), 'no-reachable-contact');
  }
  const action = recipient.action;

  const isCall = target.actionType === 'call-task';
  if (recipient.contact !== undefined || isCall) {
    const agreed = target.actionType === 'promise-reminder' || target.actionType === 'installment-reminder';
    const block = checkGuardrails(ctx.snapshot, nowMs, {
      rules: ctx.policy.source.guardrails,
      channel: action.channel,
      isCall,
      agreed,
      zones,
    });
    if (block !== undefined) {
      reasons.push({ code: 'guardrail', rule: block.rule, until: zones.iso(block.until) });
      const slot = slotFor(ctx.policy, recipient.zones, block.until);
      return waitUntil(ctx, Math.max(slot.start, block.until), 'contact-cap');
    }
  }

  const slot = sendSlot(ctx, recipient);
  if (slot.start > nowMs) {
    reasons.push({ code: 'outside-send-window', timeZone: recipient.zones.join(' + ') });
    return waitUntil(ctx, slot.start, 'outside-send-window');
  }
  if (target.requiresApproval) reasons.push({ code: 'approval-required', stepId: target.id });
  return actDecision(ctx, target, { action, attempt, slot });
}
