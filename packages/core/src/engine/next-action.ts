/**
 * `nextAction(snapshot, now, policy)`: the deterministic decision for one invoice.
 *
 * Pure and synchronous: no clock, no I/O, no randomness. The same arguments always give a
 * deep-equal result. See `docs/decision-engine.md` for the rules in prose.
 *
 * @module
 */
import { isBusinessDay, nextBusinessDay, slotAtOrAfter, type CompiledCalendar, type Slot } from '../calendar/business-calendar.js';
import { toEpochDay } from '../calendar/day.js';
import type { ZoneCache } from '../calendar/zone.js';
import type { Contact, Customer } from '../model/customer.js';
import type { Money } from '../model/money.js';
import type { CompiledLadder, CompiledPolicy, CompiledStep } from '../model/policy.js';
import type { ChannelKind } from '../model/primitives.js';
import { outstandingAmount } from './balance.js';
import type { ActDecision, ChannelSkip, Decision, DecidedAction, Reason, StepTrace, WaitDecision, WaitReason } from './decision.js';
import { failedAttempts, ladderProgress, MAX_ATTEMPTS, type LadderProgress } from './progress.js';
import { resolveLadder, resolveSegment } from './segment.js';
import type { Snapshot } from './snapshot.js';

/** Options of {@link nextAction}. */
export interface NextActionOptions {
  /**
   * When given, the engine pushes how it evaluated every step of the ladder into this array
   * (what `explain` shows). Off by default: it costs time.
   */
  readonly trace?: StepTrace[];
}

/** An instant: a `Date`, or epoch milliseconds. */
export type InstantLike = Date | number;

function wait(zones: ZoneCache, invoiceId: string, until: number | null, reason: WaitReason, reasons: Reason[]): WaitDecision {
  return { kind: 'wait', invoiceId, until: until === null ? null : zones.iso(until), reason, reasons };
}

const CUSTOMER_FACING = new Set(['message', 'demand-letter']);

function isInternal(step: CompiledStep): boolean {
  return !CUSTOMER_FACING.has(step.step.action.type);
}

function conditionFailure(step: CompiledStep, owed: Money, segment: string): string | undefined {
  const c = step.step.conditions;
  if (c === undefined) return undefined;
  const min = c.minOutstanding?.[owed.currency];
  if (min !== undefined && owed.amount < min) return `outstanding ${owed.amount} is below the minimum ${min} ${owed.currency}`;
  if (c.segments !== undefined && !c.segments.includes(segment)) return `applies only to segments ${c.segments.join(', ')}`;
  if (c.exceptSegments?.includes(segment) === true) return `does not apply to segment ${segment}`;
  return undefined;
}

function addressFor(contact: Contact, channel: ChannelKind): string | undefined {
  switch (channel) {
    case 'email':
      return contact.email;
    case 'sms':
    case 'voice':
      return contact.phone;
    case 'letter':
      return contact.postalAddress !== undefined && contact.postalAddress.length > 0 ? 'postal' : undefined;
    case 'webhook':
      return contact.webhook;
  }
}

const ROLE_RANK: Record<Contact['role'], number> = { billing: 0, 'accounts-payable': 1, primary: 2, executive: 3, other: 4 };

/** Contacts in the order the engine tries them: billing first, then by declared order. */
function contactsByRole(customer: Customer): readonly Contact[] {
  const contacts = customer.contacts;
  if (contacts.length < 2) return contacts;
  return [...contacts].sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role]);
}

interface Reach {
  readonly channel: ChannelKind;
  readonly contact: Contact;
  readonly skipped: readonly ChannelSkip[];
}

function chooseReach(customer: Customer, channels: readonly ChannelKind[], failedOn: readonly ChannelKind[]): Reach | { skipped: readonly ChannelSkip[] } {
  const contacts = contactsByRole(customer);
  const skipped: ChannelSkip[] = [];
  for (const channel of channels) {
    if (failedOn.includes(channel)) {
      skipped.push({ channel, why: 'failed-before' });
      continue;
    }
    let why: ChannelSkip['why'] = 'no-address';
    for (const contact of contacts) {
      if (addressFor(contact, channel) === undefined) continue;
      if (contact.optOuts.includes(channel)) {
        why = 'opted-out';
        continue;
      }
      if (contact.suppressed.includes(channel)) {
        if (why === 'no-address') why = 'suppressed';
        continue;
      }
      return { channel, contact, skipped };
    }
    skipped.push({ channel, why });
  }
  return { skipped };
}

interface Evaluation {
  /** The step to act on, with the occurrence. */
  chosen: { step: CompiledStep; occurrence: number; day: number } | undefined;
  /** The earliest moment a not-yet-due step becomes due. */
  nextAt: number;
  nextStep: CompiledStep | undefined;
  nextDay: number;
  superseded: string[] | undefined;
}

interface Context {
  readonly snapshot: Snapshot;
  readonly nowMs: number;
  readonly calendar: CompiledCalendar;
  readonly zones: ZoneCache;
  readonly ladder: CompiledLadder;
  readonly progress: LadderProgress;
  readonly owed: Money;
  readonly segment: string;
  readonly customerZone: string;
  readonly todayCustomer: number;
  readonly todayBusiness: number;
  readonly trace: StepTrace[] | undefined;
}

function anchorDay(ctx: Context, step: CompiledStep): number {
  return toEpochDay(step.step.anchor === 'due' ? ctx.snapshot.invoice.dueDate : ctx.snapshot.invoice.issueDate) + step.offsetDays;
}

function zoneOf(ctx: Context, step: CompiledStep): string {
  return isInternal(step) ? ctx.calendar.timeZone : ctx.customerZone;
}

/** The first slot start at or after local day `day`: the moment a step falling on `day` becomes due. */
function dueAt(ctx: Context, zone: string, day: number): { at: number; day: number } {
  const d = nextBusinessDay(ctx.calendar, day);
  return { at: ctx.zones.instantOf(zone, d, ctx.calendar.windowStart), day: d };
}

function traceStep(ctx: Context, step: CompiledStep, day: number, status: StepTrace['status'], detail: string): void {
  ctx.trace?.push({ stepId: step.step.id, name: step.step.name, index: step.index, date: ctx.zones.day(day), status, detail });
}

function consider(ctx: Context, result: Evaluation, step: CompiledStep, day: number, occurrence: number): void {
  const zone = zoneOf(ctx, step);
  const today = zone === ctx.customerZone ? ctx.todayCustomer : ctx.todayBusiness;
  if (day <= today) {
    const due = dueAt(ctx, zone, day);
    if (due.at <= ctx.nowMs) {
      if (result.chosen === undefined) {
        result.chosen = { step, occurrence, day: due.day };
        traceStep(ctx, step, due.day, 'due', occurrence > 1 ? `due again (occurrence ${occurrence})` : 'due');
      } else {
        (result.superseded ??= []).push(step.step.id);
        traceStep(ctx, step, due.day, 'superseded', `also due, superseded by ${result.chosen.step.step.id}`);
      }
      return;
    }
    if (due.at < result.nextAt) {
      result.nextAt = due.at;
      result.nextStep = step;
      result.nextDay = due.day;
    }
    traceStep(ctx, step, due.day, 'upcoming', `becomes due at ${ctx.zones.iso(due.at)}`);
    return;
  }
  // Not due before a future day: only the earliest such step needs its exact instant.
  if (ctx.trace !== undefined || result.nextStep === undefined || day <= result.nextDay) {
    const due = dueAt(ctx, zone, day);
    if (due.at < result.nextAt) {
      result.nextAt = due.at;
      result.nextStep = step;
      result.nextDay = due.day;
    }
    traceStep(ctx, step, due.day, 'upcoming', `falls on ${ctx.zones.day(due.day)}`);
  }
}

/**
 * Walks the ladder from the last step down to the current position: the highest step that is
 * due wins, steps below it that are also due are superseded (catching up never floods the
 * customer with stale reminders), and the earliest step not yet due sets the next wake-up.
 */
function evaluate(ctx: Context): Evaluation {
  const { ladder, progress } = ctx;
  const steps = ladder.steps;
  const result: Evaluation = { chosen: undefined, nextAt: Infinity, nextStep: undefined, nextDay: 0, superseded: undefined };

  for (let i = steps.length - 1; i > progress.position; i--) {
    const step = steps[i]!;
    const day = anchorDay(ctx, step);
    if (step.skipped) {
      traceStep(ctx, step, day, 'skipped-by-segment', `skipped for segment ${ctx.segment}`);
      continue;
    }
    const failure = conditionFailure(step, ctx.owed, ctx.segment);
    if (failure !== undefined) {
      traceStep(ctx, step, day, 'condition-not-met', failure);
      continue;
    }
    if (result.chosen !== undefined && ctx.trace === undefined) break;
    consider(ctx, result, step, day, 1);
  }

  // The step at the current position may repeat ("every 7 days until paid").
  const p = progress.position;
  if (p >= 0) {
    const step = steps[p]!;
    const repeat = step.step.repeat;
    const done = progress.occurrences[p] ?? 1;
    const day = anchorDay(ctx, step) + done * (repeat?.everyDays ?? 0);
    if (repeat !== undefined && (repeat.maxOccurrences === undefined || done < repeat.maxOccurrences) && !step.skipped && conditionFailure(step, ctx.owed, ctx.segment) === undefined) {
      if (result.chosen === undefined || ctx.trace !== undefined) consider(ctx, result, step, day, done + 1);
    } else {
      traceStep(ctx, step, anchorDay(ctx, step), 'done', done > 1 ? `done ${done} times` : 'done');
    }
  }
  if (ctx.trace !== undefined) {
    for (let i = p - 1; i >= 0; i--) {
      const step = steps[i]!;
      const count = ctx.progress.occurrences[i] ?? 0;
      traceStep(ctx, step, anchorDay(ctx, step), count > 0 ? 'done' : 'passed', count > 0 ? 'done' : 'passed over by a later step');
    }
    ctx.trace.sort((a, b) => a.index - b.index);
  }
  return result;
}

/**
 * Decides the next collection step for one invoice at instant `now` under `policy`.
 *
 * Returns `act` (which step, which action, on which channel to which contact, inside which send
 * window, whether it needs approval, a stable idempotency key, and the reasons), `wait` (until
 * when, and why) or `done` (why nothing will happen again). Pure: the same arguments always give
 * a deep-equal result. The snapshot must be valid (see `parseSnapshot`); the policy compiled
 * with `compilePolicy`.
 *
 * @example
 * ```ts
 * const policy = compilePolicy();
 * const decision = nextAction(snapshot, new Date('2025-03-10T10:00:00Z'), policy);
 * if (decision.kind === 'act') console.log(decision.idempotencyKey, explain(decision));
 * ```
 */
export function nextAction(snapshot: Snapshot, now: InstantLike, policy: CompiledPolicy, options: NextActionOptions = {}): Decision {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const invoice = snapshot.invoice;
  const invoiceId = invoice.id;
  const zones = policy.zones;

  switch (invoice.status) {
    case 'paid':
      return { kind: 'done', invoiceId, reason: 'paid', reasons: [{ code: 'status', status: 'paid' }] };
    case 'void':
      return { kind: 'done', invoiceId, reason: 'void', reasons: [{ code: 'status', status: 'void' }] };
    case 'written-off':
      return { kind: 'done', invoiceId, reason: 'written-off', reasons: [{ code: 'status', status: 'written-off' }] };
    case 'draft':
      return wait(zones, invoiceId, null, 'draft', [{ code: 'status', status: 'draft' }]);
    case 'open':
      break;
  }

  const owedAmount = outstandingAmount(invoice, snapshot.payments, snapshot.credits);
  if (owedAmount === 0) return { kind: 'done', invoiceId, reason: 'paid', reasons: [{ code: 'status', status: 'settled' }] };
  const owed: Money = { amount: owedAmount, currency: invoice.total.currency };
  const reasons: Reason[] = [{ code: 'outstanding', amount: owed }];

  if (invoice.dispute !== undefined) {
    reasons.push({ code: 'disputed', since: invoice.dispute.openedAt, reason: invoice.dispute.reason });
    return wait(zones, invoiceId, null, 'disputed', reasons);
  }

  const calendar = policy.calendar;
  const todayBusiness = zones.localDay(calendar.timeZone, nowMs);
  const pause = invoice.pause;
  if (pause !== undefined) {
    const untilDay = pause.until === undefined ? undefined : toEpochDay(pause.until);
    if (untilDay === undefined || todayBusiness < untilDay) {
      reasons.push(pause.until === undefined ? { code: 'paused', reason: pause.reason } : { code: 'paused', reason: pause.reason, until: pause.until });
      return wait(zones, invoiceId, untilDay === undefined ? null : zones.instantOf(calendar.timeZone, untilDay, 0), 'paused', reasons);
    }
  }

  const { segment, source: segmentSource } = resolveSegment(snapshot, policy);
  const { ladderId, source: ladderSource } = resolveLadder(snapshot, policy, segment);
  const ladder = policy.ladderFor(ladderId, segment)!;
  reasons.push({ code: 'segment', segment, source: segmentSource }, { code: 'ladder', ladderId, source: ladderSource });

  const progress = ladderProgress(snapshot.activities, ladder);
  if (progress.referred) {
    reasons.push({ code: 'referred', stepId: progress.referredBy! });
    return { kind: 'done', invoiceId, reason: 'referred', reasons };
  }

  const customerZone = snapshot.customer.timeZone;
  const ctx: Context = {
    snapshot,
    nowMs,
    calendar,
    zones,
    ladder,
    progress,
    owed,
    segment,
    customerZone,
    todayCustomer: customerZone === calendar.timeZone ? todayBusiness : zones.localDay(customerZone, nowMs),
    todayBusiness,
    trace: options.trace,
  };
  const evaluation = evaluate(ctx);
  const chosen = evaluation.chosen;

  if (chosen === undefined) {
    if (evaluation.nextStep === undefined) {
      reasons.push({ code: 'ladder-complete', ladderId });
      return { kind: 'done', invoiceId, reason: 'ladder-complete', reasons };
    }
    const next = evaluation.nextStep.step;
    reasons.push({ code: 'next-step', stepId: next.id, stepName: next.name, date: ctx.zones.day(evaluation.nextDay) });
    return wait(zones, invoiceId, evaluation.nextAt, 'next-step', reasons);
  }

  const step = chosen.step;
  const spec = step.step.action;
  const dueDay = toEpochDay(invoice.dueDate);
  reasons.push({
    code: 'step-due',
    stepId: step.step.id,
    stepName: step.step.name,
    date: ctx.zones.day(chosen.day),
    daysPastDue: ctx.todayCustomer - dueDay,
    occurrence: chosen.occurrence,
  });
  if (evaluation.superseded !== undefined) reasons.push({ code: 'superseded', stepIds: evaluation.superseded });

  const failed = failedAttempts(snapshot.activities, step.step.id, chosen.occurrence);
  const attempt = Math.min(failed.count, MAX_ATTEMPTS - 1) + 1;
  if (attempt > 1) reasons.push({ code: 'retry', stepId: step.step.id, attempt });

  let action: DecidedAction;
  let zone: string;
  if (spec.type === 'message' || spec.type === 'demand-letter') {
    const reach = chooseReach(snapshot.customer, spec.channels, failed.channels);
    if (!('contact' in reach)) {
      reasons.push({ code: 'no-reachable-contact', stepId: step.step.id, skipped: reach.skipped });
      // Re-check on the next working day: an edited contact or a later step may change things.
      const retry = slotAtOrAfter(calendar, zones, customerZone, zones.instantOf(customerZone, ctx.todayCustomer + 1, 0));
      return wait(zones, invoiceId, Math.min(retry.start, evaluation.nextAt), 'no-reachable-contact', reasons);
    }
    zone = reach.contact.timeZone ?? customerZone;
    reasons.push({ code: 'channel', channel: reach.channel, contactId: reach.contact.id, skipped: reach.skipped });
    action = {
      type: spec.type,
      channel: reach.channel,
      contactId: reach.contact.id,
      template: spec.template,
      tone: spec.tone,
      ...(step.copyAccountManager ? { copyAccountManager: true } : {}),
    };
  } else {
    zone = calendar.timeZone;
    reasons.push({ code: 'internal', timeZone: zone });
    action =
      spec.type === 'webhook'
        ? { type: 'webhook', event: spec.event, ...(spec.template !== undefined ? { template: spec.template } : {}) }
        : spec.type === 'call-task'
          ? { type: spec.type, template: spec.template, tone: spec.tone }
          : { type: spec.type, template: spec.template };
  }

  const slot: Slot = slotAtOrAfter(calendar, zones, zone, nowMs);
  if (slot.start > nowMs) {
    reasons.push({ code: 'outside-send-window', timeZone: zone });
    return wait(zones, invoiceId, slot.start, 'outside-send-window', reasons);
  }
  if (step.requiresApproval) reasons.push({ code: 'approval-required', stepId: step.step.id });

  const key = `${invoiceId}:${step.step.id}:${chosen.occurrence}${attempt > 1 ? `:${attempt}` : ''}`;
  const decision: ActDecision = {
    kind: 'act',
    invoiceId,
    ladderId,
    segment,
    step: { id: step.step.id, name: step.step.name, index: step.index, occurrence: chosen.occurrence, attempt },
    action,
    window: { start: zones.iso(slot.start), end: zones.iso(slot.end) },
    requiresApproval: step.requiresApproval,
    idempotencyKey: key,
    outstanding: owed,
    reasons,
  };
  return decision;
}

/** Whether local epoch day `day` is a working day under the policy (re-exported for adapters). */
export function isWorkingDay(policy: CompiledPolicy, day: number): boolean {
  return isBusinessDay(policy.calendar, day);
}
