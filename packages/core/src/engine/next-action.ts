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
import { progressOf, type LadderProgress } from './progress.js';
import { MAX_ATTEMPTS, summaryOf, type TimelineSummary } from './summary.js';
import { resolveLadder, resolveSegment } from './segment.js';
import { suspendedDays } from './suspension.js';
import { planState } from '../operations/installment-plan.js';
import { promiseState, type PromiseState } from '../operations/promise.js';
import { computeInterest, computeLateFee, lateFeeApplies, type Charge } from '../operations/fees.js';
import type { ActionType } from '../model/activity.js';
import type { InstallmentPlan, PromiseToPay } from '../model/promise.js';
import type { ChannelKind, Tone } from '../model/primitives.js';
import type { Snapshot } from './snapshot.js';

const NO_FAILURES: { readonly count: number; readonly channels: readonly ChannelKind[] } = { count: 0, channels: [] };

/** Failed attempts of one step occurrence and the channels that failed permanently. */
function failuresOf(summary: TimelineSummary, stepId: string, occurrence: number): { readonly count: number; readonly channels: readonly ChannelKind[] } {
  if (!summary.anyFailed) return NO_FAILURES;
  for (const f of summary.failures) if (f.stepId === stepId && f.occurrence === occurrence) return f;
  return NO_FAILURES;
}

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
  const action = step.step.action;
  if (action.type === 'late-fee' && !lateFeeApplies(action.fee, owed.currency)) return `the fee does not apply to ${owed.currency} invoices`;
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
  chosen: { step: CompiledStep; occurrence: number; day: number; nominal: number } | undefined;
  /** The earliest moment a not-yet-due step becomes due. */
  nextAt: number;
  nextStep: CompiledStep | undefined;
  nextDay: number;
  /** Earliest future step per zone, by nominal day: resolved to an instant only at the end. */
  laterCustomer: CompiledStep | undefined;
  laterCustomerDay: number;
  laterBusiness: CompiledStep | undefined;
  laterBusinessDay: number;
  superseded: string[] | undefined;
}

interface Context {
  readonly policy: CompiledPolicy;
  readonly snapshot: Snapshot;
  readonly nowMs: number;
  readonly calendar: CompiledCalendar;
  readonly zones: ZoneCache;
  readonly ladder: CompiledLadder;
  readonly progress: LadderProgress;
  readonly summary: TimelineSummary;
  readonly owed: Money;
  readonly segment: string;
  readonly customerZone: string;
  readonly todayCustomer: number;
  readonly todayBusiness: number;
  readonly dueDay: number;
  /** The issue date's epoch day, read only when a step or the write-off warning anchors on it (see {@link issueDayOf}). */
  issueDay: number | undefined;
  /** Days the ladder clock stood still (pauses, disputes, promises, plans) since the last step. */
  readonly shift: number;
  readonly trace: StepTrace[] | undefined;
}

/** The issue date as an epoch day, parsed on first use: most ladders anchor every step on the due date. */
function issueDayOf(ctx: Context): number {
  return (ctx.issueDay ??= toEpochDay(ctx.snapshot.invoice.issueDate));
}

/** Local day on which a step falls: its nominal day, moved later by suspensions for steps still to come. */
function anchorDay(ctx: Context, step: CompiledStep): number {
  const nominal = (step.step.anchor === 'due' ? ctx.dueDay : issueDayOf(ctx)) + step.offsetDays;
  return step.index > ctx.progress.position ? nominal + ctx.shift : nominal;
}

function zoneOf(ctx: Context, step: CompiledStep): string {
  return step.internal ? ctx.calendar.timeZone : ctx.customerZone;
}

/** The working day on which a step falling on local day `day` becomes due (the day itself, or the next working day). */
function dueDayOf(ctx: Context, day: number): number {
  return nextBusinessDay(ctx.calendar, day);
}

/** The moment a step becomes due on working day `dueDay` in `zone`: the start of that day's send window. */
function dueInstant(ctx: Context, zone: string, dueDay: number): number {
  return ctx.zones.instantOf(zone, dueDay, ctx.calendar.windowStart);
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
  const chosen = result.chosen;
  // Below the chosen step only bookkeeping is left: what was superseded, and the trace. Nothing
  // here may change the decision, so tracing never does either.
  if (chosen !== undefined) {
    if (day > today) {
      if (ctx.trace !== undefined) traceStep(ctx, step, dueDayOf(ctx, day), 'upcoming', `falls on ${ctx.zones.day(dueDayOf(ctx, day))}`);
      return;
    }
    const dueDay = dueDayOf(ctx, day);
    const at = dueInstant(ctx, zone, dueDay);
    if (at <= ctx.nowMs && occurrence === 1) {
      (result.superseded ??= []).push(step.step.id);
      traceStep(ctx, step, dueDay, 'superseded', `also due, superseded by ${chosen.step.step.id}`);
    } else traceStep(ctx, step, dueDay, 'upcoming', `becomes due at ${ctx.zones.iso(at)}`);
    return;
  }
  if (day <= today) {
    const dueDay = dueDayOf(ctx, day);
    const at = dueInstant(ctx, zone, dueDay);
    if (at <= ctx.nowMs) {
      result.chosen = { step, occurrence, day: dueDay, nominal: day };
      traceStep(ctx, step, dueDay, 'due', occurrence > 1 ? `due again (occurrence ${occurrence})` : 'due');
      return;
    }
    noteUpcoming(result, step, at, dueDay);
    traceStep(ctx, step, dueDay, 'upcoming', `becomes due at ${ctx.zones.iso(at)}`);
    return;
  }
  // A future day: only the earliest such step per zone needs its exact instant, found at the end.
  if (customer) {
    if (result.laterCustomer === undefined || day <= result.laterCustomerDay) {
      result.laterCustomer = step;
      result.laterCustomerDay = day;
    }
  } else if (result.laterBusiness === undefined || day <= result.laterBusinessDay) {
    result.laterBusiness = step;
    result.laterBusinessDay = day;
  }
  if (ctx.trace !== undefined) {
    const dueDay = dueDayOf(ctx, day);
    traceStep(ctx, step, dueDay, 'upcoming', `falls on ${ctx.zones.day(dueDay)}`);
  }
}

function resolveLater(ctx: Context, result: Evaluation): void {
  const customer = result.laterCustomer;
  const business = result.laterBusiness;
  if (customer !== undefined) {
    const dueDay = dueDayOf(ctx, result.laterCustomerDay);
    noteUpcoming(result, customer, dueInstant(ctx, zoneOf(ctx, customer), dueDay), dueDay);
  }
  if (business !== undefined) {
    const dueDay = dueDayOf(ctx, result.laterBusinessDay);
    noteUpcoming(result, business, dueInstant(ctx, zoneOf(ctx, business), dueDay), dueDay);
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
    laterCustomerDay: 0,
    laterBusiness: undefined,
    laterBusinessDay: 0,
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
    consider(ctx, result, step, day, 1);
  }

  // Catching up supersedes stale messages, never money: a fee or interest step that is due below
  // the chosen step is charged first, and the chosen step comes on the next decision.
  if (result.chosen !== undefined && ladder.charges) {
    for (let i = progress.position + 1; i < result.chosen.step.index; i++) {
      const step = steps[i]!;
      const type = step.step.action.type;
      if ((type !== 'late-fee' && type !== 'interest') || step.skipped || conditionFailure(step, ctx.owed, ctx.segment) !== undefined) continue;
      const day = anchorDay(ctx, step);
      const dueDay = dueDayOf(ctx, day);
      if (dueInstant(ctx, zoneOf(ctx, step), dueDay) <= ctx.nowMs) {
        result.chosen = { step, occurrence: 1, day: dueDay, nominal: day };
        result.superseded = undefined;
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
    if (repeat !== undefined && (repeat.maxOccurrences === undefined || done < repeat.maxOccurrences) && !step.skipped && conditionFailure(step, ctx.owed, ctx.segment) === undefined) {
      consider(ctx, result, step, day, done + 1);
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

  // The timeline read one outcome per action key (a `queued` then `failed` reads as failed), as
  // storage keeps it next to the invoice or folded here.
  const summary = summaryOf(snapshot);
  const progress = progressOf(summary, ladder);
  if (progress.referred) {
    reasons.push({ code: 'referred', stepId: progress.referredBy! });
    return { kind: 'done', invoiceId, reason: 'referred', reasons };
  }

  const customerZone = snapshot.customer.timeZone;
  const todayCustomer = customerZone === calendar.timeZone ? todayBusiness : zones.localDay(customerZone, nowMs);
  const promise = snapshot.promise !== undefined && snapshot.promise.invoiceId === invoiceId ? snapshot.promise : undefined;
  const promiseSettings = policy.source.promises;
  const promiseNow =
    promise === undefined ? undefined : promiseState(promise, snapshot.payments, nowMs, { graceDays: promiseSettings.graceDays, zone: customerZone, zones });
  const shift = summary.suspensions
    ? suspendedDays(snapshot, nowMs, (key) =>
        promise !== undefined && promiseNow !== undefined && key === `promise:${promise.id}` && promiseNow.status !== 'pending' ? promiseNow.breaksAt : undefined,
      )
    : 0;
  const ctx: Context = {
    policy,
    // A summary folded here goes along, so the guardrails read it instead of folding again.
    snapshot: summary === snapshot.summary ? snapshot : { ...snapshot, summary },
    nowMs,
    calendar,
    zones,
    ladder,
    progress,
    summary,
    owed,
    segment,
    customerZone,
    todayCustomer,
    todayBusiness,
    dueDay: toEpochDay(invoice.dueDate),
    issueDay: undefined,
    shift,
    trace: options.trace,
  };

  const plan = snapshot.plan;
  if (plan !== undefined && plan.status === 'active' && plan.invoiceIds.includes(invoiceId)) {
    const decided = decidePlan(ctx, plan, reasons);
    if (decided !== undefined) return decided;
  }
  if (promise !== undefined && promiseNow !== undefined && promise.status !== 'cancelled' && promise.status !== 'kept') {
    const decided = decidePromise(ctx, promise, promiseNow, reasons);
    if (decided !== undefined) return decided;
  }
  const warning = decideWriteOffWarning(ctx, reasons);
  if (warning.decision !== undefined) return warning.decision;
  if (shift > 0) reasons.push({ code: 'suspended', days: shift });

  const evaluation = evaluate(ctx);
  const chosen = evaluation.chosen;

  if (chosen === undefined) {
    if (evaluation.nextStep === undefined && warning.at === undefined) {
      reasons.push({ code: 'ladder-complete', ladderId });
      return { kind: 'done', invoiceId, reason: 'ladder-complete', reasons };
    }
    if (evaluation.nextStep === undefined || (warning.at !== undefined && warning.at < evaluation.nextAt)) {
      return wait(zones, invoiceId, warning.at!, 'next-step', reasons);
    }
    const next = evaluation.nextStep.step;
    reasons.push({ code: 'next-step', stepId: next.id, stepName: next.name, date: ctx.zones.day(evaluation.nextDay) });
    return wait(zones, invoiceId, evaluation.nextAt, 'next-step', reasons);
  }

  const step = chosen.step;
  reasons.push({
    code: 'step-due',
    stepId: step.step.id,
    stepName: step.step.name,
    date: ctx.zones.day(chosen.day),
    daysPastDue: ctx.todayCustomer - ctx.dueDay,
    occurrence: chosen.occurrence,
  });
  if (evaluation.superseded !== undefined) reasons.push({ code: 'superseded', stepIds: evaluation.superseded });
  return actOn(ctx, targetOfStep(ctx, step, chosen.occurrence, chosen.nominal), reasons, evaluation.nextAt);
}

/** Something the engine may act on: a ladder step, or a promise, plan or write-off step. */
interface Target {
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

/** Builds a target with every field present, so all targets share one shape (no spreads in the hot path). */
function target(
  id: string,
  name: string,
  index: number,
  occurrence: number,
  actionType: ActionType,
  channels: readonly ChannelKind[] | undefined,
  template: string | undefined,
  tone: Tone | undefined,
  requiresApproval: boolean,
  copyAccountManager: boolean,
  event?: string,
  charge?: Charge,
): Target {
  return { id, name, index, occurrence, actionType, channels, template, tone, event, requiresApproval, copyAccountManager, charge };
}

function targetOfStep(ctx: Context, step: CompiledStep, occurrence: number, nominalDay: number): Target {
  const spec = step.step.action;
  const { id, name } = step.step;
  switch (spec.type) {
    case 'message':
    case 'demand-letter':
    case 'offer':
      return target(id, name, step.index, occurrence, spec.type, spec.channels, spec.template, spec.tone, step.requiresApproval, step.copyAccountManager);
    case 'call-task':
      return target(id, name, step.index, occurrence, spec.type, undefined, spec.template, spec.tone, step.requiresApproval, step.copyAccountManager);
    case 'webhook':
      return target(id, name, step.index, occurrence, spec.type, undefined, spec.template, undefined, step.requiresApproval, step.copyAccountManager, spec.event);
    case 'late-fee':
      return target(id, name, step.index, occurrence, spec.type, undefined, spec.template, undefined, step.requiresApproval, step.copyAccountManager, undefined, computeLateFee(ctx.owed, spec.fee));
    case 'interest': {
      // Occurrence n charges the period from occurrence n-1's day (the first: the due date) to its
      // own, both moved to working days the same way, so periods touch and never overlap.
      const every = step.step.repeat?.everyDays ?? 0;
      const to = nextBusinessDay(ctx.calendar, nominalDay);
      const from = occurrence === 1 ? ctx.dueDay : nextBusinessDay(ctx.calendar, nominalDay - every);
      const charge = computeInterest(ctx.owed, ctx.zones.day(Math.min(from, to)), ctx.zones.day(to), spec.interest);
      return target(id, name, step.index, occurrence, spec.type, undefined, spec.template, undefined, step.requiresApproval, step.copyAccountManager, undefined, charge);
    }
    default:
      return target(id, name, step.index, occurrence, spec.type, undefined, spec.template, undefined, step.requiresApproval, step.copyAccountManager);
  }
}

/**
 * Turns a due target into an act, or into a wait when no contact can be reached, a guardrail
 * holds it back, or the send window is closed.
 */
function actOn(ctx: Context, target: Target, reasons: Reason[], nextAt: number): Decision {
  const { snapshot, policy, zones, nowMs } = ctx;
  const invoiceId = snapshot.invoice.id;
  const customerZone = ctx.customerZone;
  const stats = snapshot.customerStats;
  const failed = failuresOf(ctx.summary, target.id, target.occurrence);
  const attempt = Math.min(failed.count, MAX_ATTEMPTS - 1) + 1;
  if (attempt > 1) reasons.push({ code: 'retry', stepId: target.id, attempt });

  let action: DecidedAction;
  let recipientZones: readonly string[];
  let contact: Contact | undefined;
  if (target.channels !== undefined) {
    const order = orderChannels(target.channels, snapshot.customer, policy.segments.get(ctx.segment), stats, policy);
    const reach = chooseReach(snapshot.customer, order.channels, failed.channels);
    if (!('contact' in reach)) {
      reasons.push({ code: 'no-reachable-contact', stepId: target.id, skipped: reach.skipped });
      // Re-check on the next working day: an edited contact or a later step may change things.
      const retry = slotAtOrAfter(ctx.calendar, zones, customerZone, zones.instantOf(customerZone, ctx.todayCustomer + 1, 0));
      return wait(zones, invoiceId, Math.min(retry.start, nextAt), 'no-reachable-contact', reasons);
    }
    contact = reach.contact;
    const own = contact.timeZone ?? customerZone;
    recipientZones = contact.otherTimeZones === undefined ? [own] : [own, ...contact.otherTimeZones];
    reasons.push({ code: 'channel', channel: reach.channel, contactId: contact.id, skipped: reach.skipped, order: order.source });
    if (target.copyAccountManager && snapshot.customer.accountManager !== undefined) reasons.push({ code: 'copy-account-manager' });
    const built: { -readonly [K in keyof DecidedAction]: DecidedAction[K] } = { type: target.actionType, channel: reach.channel, contactId: contact.id };
    if (target.template !== undefined) built.template = target.template;
    if (target.tone !== undefined) built.tone = target.tone;
    if (target.copyAccountManager) built.copyAccountManager = true;
    action = built;
  } else {
    recipientZones = [ctx.calendar.timeZone];
    reasons.push({ code: 'internal', timeZone: ctx.calendar.timeZone });
    if (target.charge !== undefined) reasons.push({ code: 'charge', amount: target.charge.amount, kind: String(target.charge.inputs['kind']) });
    const built: { -readonly [K in keyof DecidedAction]: DecidedAction[K] } = { type: target.actionType };
    if (target.template !== undefined) built.template = target.template;
    if (target.tone !== undefined) built.tone = target.tone;
    if (target.event !== undefined) built.event = target.event;
    if (target.charge !== undefined) built.charge = target.charge;
    action = built;
  }

  const guardrails = policy.source.guardrails;
  const isCall = target.actionType === 'call-task';
  if (contact !== undefined || isCall) {
    const agreed = target.actionType === 'promise-reminder' || target.actionType === 'installment-reminder';
    const block = checkGuardrails(snapshot, nowMs, action.channel, isCall, guardrails, agreed);
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
  if (target.requiresApproval) reasons.push({ code: 'approval-required', stepId: target.id });

  const decision: ActDecision = {
    kind: 'act',
    invoiceId,
    ladderId: ctx.ladder.ladder.id,
    segment: ctx.segment,
    step: { id: target.id, name: target.name, index: target.index, occurrence: target.occurrence, attempt },
    action,
    window: { start: zones.iso(slot.start), end: zones.iso(slot.end) },
    requiresApproval: target.requiresApproval,
    idempotencyKey: `${invoiceId}:${target.id}:${target.occurrence}${attempt > 1 ? `:${attempt}` : ''}`,
    outstanding: ctx.owed,
    reasons,
  };
  return decision;
}

/** Whether an engine step (promise, plan, write-off) was already taken, or given up after failing. */
function targetDone(summary: TimelineSummary, id: string, occurrence: number): boolean {
  for (const s of summary.steps) if (s.stepId === id && s.occurrence >= occurrence) return true;
  return failuresOf(summary, id, occurrence).count >= MAX_ATTEMPTS;
}

/**
 * A pending promise suspends the ladder until its date plus grace, with a reminder before the
 * date; a broken or partly kept one gets a follow-up, then the ladder resumes.
 */
function decidePromise(ctx: Context, promise: PromiseToPay, state: PromiseState, reasons: Reason[]): Decision | undefined {
  const { snapshot, zones, nowMs, customerZone } = ctx;
  const settings = ctx.policy.source.promises;
  const invoiceId = snapshot.invoice.id;
  if (state.status === 'kept' || state.status === 'cancelled') return undefined;
  if (state.status === 'pending') {
    reasons.push({ code: 'promise', promiseId: promise.id, status: 'pending', amount: promise.amount, date: promise.date, paid: state.paid });
    if (settings.reminderDaysBefore > 0) {
      const id = `promise:${promise.id}:reminder`;
      const promisedDay = toEpochDay(promise.date);
      const reminderDay = promisedDay - settings.reminderDaysBefore;
      const madeDay = zones.localDay(customerZone, Date.parse(promise.madeAt));
      if (reminderDay > madeDay && ctx.todayCustomer <= promisedDay && !targetDone(ctx.summary, id, 1)) {
        const dueAt = dueInstant(ctx, customerZone, dueDayOf(ctx, reminderDay));
        if (dueAt <= nowMs) {
          const { channels, template, tone } = settings.reminder;
          const reminder = target(id, 'Promise reminder', -1, 1, 'promise-reminder', channels, template, tone, false, false);
          return actOn(ctx, reminder, reasons, state.breaksAt);
        }
        if (dueAt < state.breaksAt) return wait(zones, invoiceId, dueAt, 'promise', reasons);
      }
    }
    return wait(zones, invoiceId, state.breaksAt, 'promise', reasons);
  }
  const id = `promise:${promise.id}:follow-up`;
  if (targetDone(ctx.summary, id, 1)) return undefined;
  reasons.push({ code: 'promise', promiseId: promise.id, status: state.status, amount: promise.amount, date: promise.date, paid: state.paid });
  const name = state.status === 'broken' ? 'Broken promise follow-up' : 'Partly kept promise follow-up';
  const { channels, template, tone } = settings.followUp;
  return actOn(ctx, target(id, name, -1, 1, 'promise-follow-up', channels, template, tone, false, false), reasons, Infinity);
}

/**
 * An active plan replaces the ladder: only installment reminders (before the due date, on it,
 * and after a missed installment) go out, from the plan's first invoice. A defaulted, completed
 * or cancelled plan hands the invoice back to the ladder.
 */
function decidePlan(ctx: Context, plan: InstallmentPlan, reasons: Reason[]): Decision | undefined {
  const { snapshot, zones, nowMs, customerZone } = ctx;
  const state = planState(plan, snapshot.payments, ctx.todayCustomer);
  if (state.status !== 'on-track' && state.status !== 'in-arrears') return undefined;
  const settings = ctx.policy.source.plans;
  // Payments fill installments oldest first, so the unpaid ones are a suffix; remind about the
  // latest one whose first reminder is due (or the first unpaid), and the arrears go in the reasons.
  const unpaid = state.installments.filter((i) => i.paid < i.amount.amount);
  let current = unpaid[0]!;
  for (const i of unpaid) if (toEpochDay(i.dueDate) - settings.reminderDaysBefore <= ctx.todayCustomer) current = i;
  const dueDay = toEpochDay(current.dueDate);
  reasons.push({
    code: 'plan',
    planId: plan.id,
    status: state.status,
    arrears: state.arrears,
    daysInArrears: state.daysInArrears,
    missed: state.missed,
    installment: { seq: current.seq, dueDate: current.dueDate, remaining: { amount: current.amount.amount - current.paid, currency: current.amount.currency } },
  });
  // The plan is re-examined when the oldest unpaid installment turns missed (it may default then).
  const oldestMissedAt = zones.instantOf(customerZone, toEpochDay(unpaid[0]!.dueDate) + plan.graceDays + 1, 0);
  const missedAt = zones.instantOf(customerZone, dueDay + plan.graceDays + 1, 0);
  const recheck = [oldestMissedAt, missedAt].filter((t) => t > nowMs).reduce((a, b) => Math.min(a, b), Infinity);
  // One invoice speaks for the plan, so a plan over several invoices sends one reminder.
  if (snapshot.invoice.id !== plan.invoiceIds[0]) return wait(zones, snapshot.invoice.id, recheck === Infinity ? nowMs + 86_400_000 : recheck, 'plan', reasons);
  const kinds: { kind: 'upcoming' | 'due' | 'missed'; day: number }[] = [];
  if (settings.reminderDaysBefore > 0) kinds.push({ kind: 'upcoming', day: dueDay - settings.reminderDaysBefore });
  if (settings.remindOnDueDate) kinds.push({ kind: 'due', day: dueDay });
  kinds.push({ kind: 'missed', day: dueDay + plan.graceDays + 1 });
  let nextAt = recheck;
  const createdDay = zones.localDay(customerZone, Date.parse(plan.createdAt));
  for (let i = kinds.length - 1; i >= 0; i--) {
    const { kind, day } = kinds[i]!;
    const id = `plan:${plan.id}:${current.seq}:${kind}`;
    if (targetDone(ctx.summary, id, 1) || day < createdDay) break; // never step back to an earlier reminder
    const at = dueInstant(ctx, customerZone, dueDayOf(ctx, day));
    if (at > nowMs) {
      if (at < nextAt) nextAt = at;
      continue;
    }
    const { channels, template, tone } = settings[kind];
    const name = kind === 'upcoming' ? `Installment ${current.seq} reminder` : kind === 'due' ? `Installment ${current.seq} due` : `Installment ${current.seq} missed`;
    return actOn(ctx, target(id, name, -1, 1, 'installment-reminder', channels, template, tone, false, false), reasons, nextAt);
  }
  return wait(zones, snapshot.invoice.id, nextAt === Infinity ? nowMs + 86_400_000 : nextAt, 'plan', reasons);
}

/** A few days before an invoice reaches the write-off age, an internal alert (once). */
function decideWriteOffWarning(ctx: Context, reasons: Reason[]): { decision?: Decision; at?: number } {
  const w = ctx.policy.source.writeOffWarning;
  if (!w.enabled) return {};
  const id = 'write-off-warning';
  if (targetDone(ctx.summary, id, 1)) return {};
  const anchor = w.anchor === 'issue' ? issueDayOf(ctx) : ctx.dueDay;
  const warnDay = anchor + w.ageDays - w.warnDaysBefore;
  const at = dueInstant(ctx, ctx.calendar.timeZone, dueDayOf(ctx, warnDay));
  if (at > ctx.nowMs) return { at };
  reasons.push({ code: 'write-off-warning', writeOffDate: ctx.zones.day(anchor + w.ageDays), ageDays: w.ageDays });
  const warning = target(id, 'Write-off warning', -1, 1, 'write-off-warning', undefined, 'internal.write-off-warning', undefined, false, false);
  return { decision: actOn(ctx, warning, reasons, Infinity) };
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
