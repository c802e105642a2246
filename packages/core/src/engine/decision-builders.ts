/**
 * The three shapes a decision takes: `done`, `wait` and `act`. Every stage of `nextAction`
 * ends in one of these builders, so each kind of decision is made in one place.
 *
 * @module
 */
import type { ActDecision, DecidedAction, DoneDecision, Reason, WaitDecision, WaitReason } from './decision.js';
import type { DecisionContext } from './decision-context.js';
import type { Slot } from '../calendar/business-calendar.js';
import type { Target } from './act-target.js';

/** Nothing will ever happen again for this invoice. */
export function doneDecision(invoiceId: string, reason: DoneDecision['reason'], reasons: Reason[]): DoneDecision {
  return { kind: 'done', invoiceId, reason, reasons };
}

/** A wait until an ISO instant, or until an event (`null`), made before the decision's context exists. */
export function waitDecision(invoiceId: string, until: string | null, reason: WaitReason, reasons: Reason[]): WaitDecision {
  return { kind: 'wait', invoiceId, until, reason, reasons };
}

/** A wait until `until` (epoch ms) with the reasons gathered so far. */
export function waitUntil(ctx: DecisionContext, until: number, reason: WaitReason): WaitDecision {
  return { kind: 'wait', invoiceId: ctx.snapshot.invoice.id, until: ctx.zones.iso(until), reason, reasons: ctx.reasons };
}

/** What an act needs besides the context and the target. */
export interface ActParts {
  readonly action: DecidedAction;
  readonly attempt: number;
  readonly slot: Slot;
}

/** An act on `target` inside `parts.slot`, keyed `invoiceId:stepId:occurrence` (plus `:attempt` after failures). */
export function actDecision(ctx: DecisionContext, target: Target, parts: ActParts): ActDecision {
  const invoiceId = ctx.snapshot.invoice.id;
  const { attempt, slot } = parts;
  return {
    kind: 'act',
    invoiceId,
    ladderId: ctx.ladder.ladder.id,
    segment: ctx.segment,
    step: { id: target.id, name: target.name, index: target.index, occurrence: target.occurrence, attempt },
    action: parts.action,
    window: { start: ctx.zones.iso(slot.start), end: ctx.zones.iso(slot.end) },
    requiresApproval: target.requiresApproval,
    idempotencyKey: `${invoiceId}:${target.id}:${target.occurrence}${attempt > 1 ? `:${attempt}` : ''}`,
    outstanding: ctx.owed,
    reasons: ctx.reasons,
  };
}
