/**
 * `nextAction(snapshot, now, policy)`: the deterministic decision for one invoice.
 *
 * Pure and synchronous: no clock, no I/O, no randomness. The same arguments always give a
 * deep-equal result. See `docs/decision-engine.md` for the rules in prose.
 *
 * @module
 */
import { isBusinessDay, nextBusinessDay, slotAtOrAfter, slotInAllZones, type CompiledCalendar, type Slot } from '../calendar/business-calendar.js';
import { toEpochDay } from '../calendar/day.js';
import type { ZoneCache } from '../calendar/zone.js';
import type { Contact } from '../model/customer.js';
import type { Money } from '../model/money.js';
import type { CompiledLadder, CompiledPolicy, CompiledStep } from '../model/policy.js';
import { outstandingAmount } from './balance.js';
import { chooseReach, orderChannels } from './channel-strategy.js';
import type { ActDecision, Decision, DecidedAction, Reason, StepTrace, WaitDecision, WaitReason } from './decision.js';
import { checkGuardrails } from './guardrails.js';
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

function conditionFailure(step: CompiledStep, owed: Money, segment: string): string | undefined {
  const c = step.step.conditions;
  if (c === undefined) return undefined;
  const min = c.minOutstanding?.[owed.currency];
  if (min !== undefined && owed.amount < min) return `outstanding ${owed.amount} is below the minimum ${min} ${owed.currency}`;
  if (c.segments !== undefined && !c.segments.includes(segment)) return `applies only to segments ${c.segments.join(', ')}`;
  if (c.exceptSegments?.includes(segment) === true) return `does not apply to segment ${segment}`;
  return undefined;
}

interface Evaluation {
  /** The step to act on, with the occurrence. */
  chosen: { step: CompiledStep; occurrence: number; day: number } | undefined;
  /** The earliest moment a not-yet-due step becomes due. */
  nextAt: number;
  nextStep: CompiledStep | undefined;
  nextDay: number;
  /** Earliest future step per zone, by nominal day: resolved to an instant only at the end. */
  laterCustomer: { step: CompiledStep; day: number } | undefined;
  laterBusiness: { step: CompiledStep; day: number } | undefined;
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
  readonly dueDay: number;
  readonly issueDay: number;
  readonly trace: StepTrace[] | undefined;
}

function anchorDay(ctx: Context, step: CompiledStep): number {
  return (step.step.anchor === 'due' ? ctx.dueDay : ctx.issueDay) + step.offsetDays;
}

function zoneOf(ctx: Context, step: CompiledStep): string {
  return step.internal ? ctx.calendar.timeZone : ctx.customerZone;
}

/** The first slot start at or after local day `day`: the moment a step falling on `day` becomes due. */
function dueAt(ctx: Context, zone: string, day: number): { at: number; day: number } {
  const d = nextBusinessDay(ctx.calendar, day);
  return { at: ctx.zones.instantOf(zone, d, ctx.calendar.windowStart), day: d };
}

function traceStep(ctx: Context, step: CompiledStep, day: number, status: StepTrace['status'], detail: string): void {
  ctx.trace?.push({ stepId: step.step.id, name: step.step.name, index: step.index, date: ctx.zones.day(day), status, detail });
}

function noteUpcoming(result: Evaluation, step: CompiledStep, at: number, day: number): void {
  if (at < result.nextAt) {
    result.nextAt = at;
    result.nextStep = step;
    result.nextDay = day;
  }
}

function consider(ctx: Context, result: Evaluation, step: CompiledStep, day: number, occurrence: number): void {
  const zone = zoneOf(ctx, step);
  const customer = !step.internal || zone === ctx.customerZone;
  const today = customer ? ctx.todayCustomer : ctx.todayBusiness;
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
    noteUpcoming(result, step, due.at, due.day);
    traceStep(ctx, step, due.day, 'upcoming', `becomes due at ${ctx.zones.iso(due.at)}`);
    return;
  }
  // A future day: only the earliest such step per zone needs its exact instant, found at the end.
  if (customer) {
    if (result.laterCustomer === undefined || day <= result.laterCustomer.day) result.laterCustomer = { step, day };
  } else if (result.laterBusiness === undefined || day <= result.laterBusiness.day) {
    result.laterBusiness = { step, day };
  }
  if (ctx.trace !== undefined) {
    const due = dueAt(ctx, zone, day);
    traceStep(ctx, step, due.day, 'upcoming', `falls on ${ctx.zones.day(due.day)}`);
  }
}

function resolveLater(ctx: Context, result: Evaluation): void {
  for (const later of [result.laterCustomer, result.laterBusiness]) {
    if (later === undefined) continue;
    const due = dueAt(ctx, zoneOf(ctx, later.step), later.day);
    noteUpcoming(result, later.step, due.at, due.day);
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
  const result: Evaluation = {
    chosen: undefined,
    nextAt: Infinity,
    nextStep: undefined,
    nextDay: 0,
    laterCustomer: undefined,
    laterBusiness: undefined,
    superseded: undefined,
  };

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
  if (result.chosen === undefined) resolveLater(ctx, result);
  return result;
}

/**
 * The send slot at or after `instant` valid in every zone of the recipient. When the windows of
 * the zones never overlap, the recipient's own (first) zone decides, and `reasons` says so.
 */
function slotFor(policy: CompiledPolicy, zones: readonly string[], instant: number, reasons?: Reason[]): Slot {
  if (zones.length === 1) return slotAtOrAfter(policy.calendar, policy.zones, zones[0]!, instant);
  const common = slotInAllZones(policy.calendar, policy.zones, zones, instant);
  if (common !== undefined) return common;
  reasons?.push({ code: 'no-common-window', timeZones: zones });
  return slotAtOrAfter(policy.calendar, policy.zones, zones[0]!, instant);
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

  const { segment, source: segmentSource } = resolveSegment(snapshot, policy, nowMs);
  const { ladderId, source: ladderSource } = resolveLadder(snapshot, policy, segment);
  const stats = snapshot.customerStats;
  const adaptive = policy.source.adaptiveTiming;
  const habituallyLate =
    adaptive.enabled && stats !== undefined && stats.settledInvoices >= adaptive.minInvoices && stats.averageDaysLate >= adaptive.minAverageDaysLate;
  const ladder = policy.ladderFor(ladderId, segment, habituallyLate)!;
  reasons.push({ code: 'segment', segment, source: segmentSource }, { code: 'ladder', ladderId, source: ladderSource });
  if (ladder.adaptive) {
    reasons.push({ code: 'adaptive-timing', averageDaysLate: stats!.averageDaysLate, invoices: stats!.settledInvoices, offsets: adaptive.preDueOffsets });
  }

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
    dueDay: toEpochDay(invoice.dueDate),
    issueDay: toEpochDay(invoice.issueDate),
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
  const dueDay = ctx.dueDay;
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
  let recipientZones: readonly string[];
  let contact: Contact | undefined;
  if (spec.type === 'message' || spec.type === 'demand-letter' || spec.type === 'offer') {
    const order = orderChannels(spec.channels, snapshot.customer, policy.segments.get(segment), stats, policy);
    const reach = chooseReach(snapshot.customer, order.channels, failed.channels);
    if (!('contact' in reach)) {
      reasons.push({ code: 'no-reachable-contact', stepId: step.step.id, skipped: reach.skipped });
      // Re-check on the next working day: an edited contact or a later step may change things.
      const retry = slotAtOrAfter(calendar, zones, customerZone, zones.instantOf(customerZone, ctx.todayCustomer + 1, 0));
      return wait(zones, invoiceId, Math.min(retry.start, evaluation.nextAt), 'no-reachable-contact', reasons);
    }
    contact = reach.contact;
    const own = contact.timeZone ?? customerZone;
    recipientZones = contact.otherTimeZones === undefined ? [own] : [own, ...contact.otherTimeZones];
    reasons.push({ code: 'channel', channel: reach.channel, contactId: contact.id, skipped: reach.skipped, order: order.source });
    if (step.copyAccountManager && snapshot.customer.accountManager !== undefined) reasons.push({ code: 'copy-account-manager' });
    action = {
      type: spec.type,
      channel: reach.channel,
      contactId: contact.id,
      template: spec.template,
      tone: spec.tone,
      ...(step.copyAccountManager ? { copyAccountManager: true } : {}),
    };
  } else {
    recipientZones = [calendar.timeZone];
    reasons.push({ code: 'internal', timeZone: calendar.timeZone });
    action =
      spec.type === 'webhook'
        ? { type: 'webhook', event: spec.event, ...(spec.template !== undefined ? { template: spec.template } : {}) }
        : spec.type === 'call-task'
          ? { type: spec.type, template: spec.template, tone: spec.tone }
          : { type: spec.type, template: spec.template };
  }

  const guardrails = policy.source.guardrails;
  const customerFacing = contact !== undefined || spec.type === 'call-task';
  if (customerFacing) {
    const block = checkGuardrails(snapshot, nowMs, action.channel, spec.type === 'call-task', guardrails);
    if (block !== undefined) {
      reasons.push({ code: 'guardrail', rule: block.rule, until: zones.iso(block.until) });
      const slot = slotFor(policy, recipientZones, block.until);
      return wait(zones, invoiceId, slot.start > block.until ? slot.start : block.until, 'contact-cap', reasons);
    }
  }

  let slot: Slot = slotFor(policy, recipientZones, nowMs, reasons);
  const bestHour = stats?.bestContactHour;
  if (contact !== undefined && bestHour !== undefined && guardrails.useBestContactHour) {
    const zone = recipientZones[0]!;
    const best = zones.instantOf(zone, zones.localDay(zone, slot.start), bestHour * 60);
    if (best > slot.start && best < slot.end) {
      slot = { start: best, end: slot.end };
      reasons.push({ code: 'best-contact-hour', hour: bestHour });
    }
  }
  if (slot.start > nowMs) {
    reasons.push({ code: 'outside-send-window', timeZone: recipientZones.join(' + ') });
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
    window: { start: policy.zones.iso(slot.start), end: policy.zones.iso(slot.end) },
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
