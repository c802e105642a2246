/**
 * What the engine may act on: a ladder step at its occurrence, or a step outside the ladder (a
 * promise or installment reminder, the write-off warning), with what its action needs (channels,
 * template, tone, webhook event, fee or interest charge).
 *
 * @module
 */
import { nextBusinessDay } from '../calendar/business-calendar.js';
import type { ActionType } from '../model/activity.js';
import type { CompiledStep } from '../model/policy.js';
import type { ChannelKind, Tone } from '../model/primitives.js';
import { computeInterest, computeLateFee, type Charge } from '../operations/fees.js';
import type { DecisionContext } from './decision-context.js';

/** Something the engine may act on: a ladder step, or a promise, plan or write-off step. */
export interface Target {
  readonly id: string;
  readonly name: string;
  /** Ladder index; -1 for steps outside the ladder. */
  readonly index: number;
  readonly occurrence: number;
  readonly actionType: ActionType;
  /** Channels in preference order: present for customer-facing actions. */
  readonly channels: readonly ChannelKind[] | undefined;
  readonly template: string | undefined;
  readonly tone: Tone | undefined;
  readonly event: string | undefined;
  readonly requiresApproval: boolean;
  readonly copyAccountManager: boolean;
  readonly charge: Charge | undefined;
}

/** What {@link target} is given: a target's fields, the optional ones left out. */
export interface TargetOptions {
  readonly id: string;
  readonly name: string;
  /** @default -1 (a step outside the ladder) */
  readonly index?: number;
  /** @default 1 */
  readonly occurrence?: number;
  readonly actionType: ActionType;
  readonly channels?: readonly ChannelKind[] | undefined;
  readonly template?: string | undefined;
  readonly tone?: Tone | undefined;
  readonly event?: string | undefined;
  /** @default false */
  readonly requiresApproval?: boolean;
  /** @default false */
  readonly copyAccountManager?: boolean;
  readonly charge?: Charge | undefined;
}

/** Builds a target with every field present, so all targets share one shape. */
export function target(options: TargetOptions): Target {
  return {
    id: options.id,
    name: options.name,
    index: options.index ?? -1,
    occurrence: options.occurrence ?? 1,
    actionType: options.actionType,
    channels: options.channels,
    template: options.template,
    tone: options.tone,
    event: options.event,
    requiresApproval: options.requiresApproval ?? false,
    copyAccountManager: options.copyAccountManager ?? false,
    charge: options.charge,
  };
}

/**
 * The target of a due ladder step at `occurrence`, whose nominal local day is `nominalDay`: a
 * late fee charges the outstanding amount's fee, an interest step the period since the previous
 * occurrence (the first: since the due date).
 */
export function targetOfStep(ctx: DecisionContext, step: CompiledStep, occurrence: number, nominalDay: number): Target {
  const spec = step.step.action;
  const { id, name } = step.step;
  const { index, requiresApproval, copyAccountManager } = step;
  switch (spec.type) {
    case 'message':
    case 'demand-letter':
    case 'offer':
      return target({
        id,
        name,
        index,
        occurrence,
        actionType: spec.type,
        channels: spec.channels,
        template: spec.template,
        tone: spec.tone,
        requiresApproval,
        copyAccountManager,
      });
    case 'call-task':
      return target({
        id,
        name,
        index,
        occurrence,
        actionType: spec.type,
        template: spec.template,
        tone: spec.tone,
        requiresApproval,
        copyAccountManager,
      });
    case 'webhook':
      return target({
        id,
        name,
        index,
        occurrence,
        actionType: spec.type,
        template: spec.template,
        event: spec.event,
        requiresApproval,
        copyAccountManager,
      });
    case 'late-fee':
      return target({
        id,
        name,
        index,
        occurrence,
        actionType: spec.type,
        template: spec.template,
        requiresApproval,
        copyAccountManager,
        charge: computeLateFee(ctx.owed, spec.fee),
      });
    case 'interest': {
      // Occurrence n charges the period from occurrence n-1's day (the first: the due date) to its
      // own, both moved to working days the same way, so periods touch and never overlap.
      const every = step.step.repeat?.everyDays ?? 0;
      const to = nextBusinessDay(ctx.calendar, nominalDay);
      const from = occurrence === 1 ? ctx.dueDay : nextBusinessDay(ctx.calendar, nominalDay - every);
      const charge = computeInterest(ctx.owed, ctx.zones.day(Math.min(from, to)), ctx.zones.day(to), spec.interest);
      return target({
        id,
        name,
        index,
        occurrence,
        actionType: spec.type,
        template: spec.template,
        requiresApproval,
        copyAccountManager,
        charge,
      });
    }
    default:
      return target({ id, name, index, occurrence, actionType: spec.type, template: spec.template, requiresApproval, copyAccountManager });
  }
}
