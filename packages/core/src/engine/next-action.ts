/**
 * `nextAction(snapshot, now, policy)`: the deterministic decision for one invoice.
 *
 * Pure and synchronous: no clock, no I/O, no randomness. The same arguments always give a
 * deep-equal result. This file is the order of the rules; each stage lives in its own file, and
 * `docs/decision-engine.md` has the rules in prose, in the same order.
 *
 * @module
 */
import { toEpochDay } from '../calendar/day.js';
import type { Money } from '../model/money.js';
import type { CompiledPolicy } from '../model/policy.js';
import { targetOfStep } from './act-target.js';
import { actOn } from './act-on.js';
import { outstandingAmount } from './balance.js';
import type { Decision, Reason, StepTrace } from './decision.js';
import { doneDecision, waitUntil } from './decision-builders.js';
import type { DecisionContext } from './decision-context.js';
import { activePlanOf, decidePlan } from './installment-reminders.js';
import { walkLadder } from './ladder-walk.js';
import { progressOf } from './progress.js';
import { decidePromise, promiseInForce, settledPromiseEnd } from './promise-reminders.js';
import { resolveLadder, resolveSegment } from './segment.js';
import type { Snapshot } from './snapshot.js';
import { decideDispute, decidePause, decideStatus, settledDecision } from './status-checks.js';
import { summaryOf } from './summary.js';
import { suspendedDays } from './suspension.js';
import { decideWriteOffWarning } from './write-off-warning.js';

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
  const { calendar, zones } = policy;

  // 1. Status: paid, void and written-off invoices are done, drafts wait, a covered invoice is paid.
  const closed = decideStatus(invoice);
  if (closed !== undefined) return closed;
  const owedAmount = outstandingAmount(invoice, snapshot.payments, snapshot.credits);
  if (owedAmount === 0) return settledDecision(invoiceId);
  const owed: Money = { amount: owedAmount, currency: invoice.total.currency };
  const reasons: Reason[] = [{ code: 'outstanding', amount: owed }];

  // 2. Dispute, 3. pause.
  const disputed = decideDispute(invoice, reasons);
  if (disputed !== undefined) return disputed;
  const todayBusiness = zones.localDay(calendar.timeZone, nowMs);
  const paused = decidePause(invoice, policy, todayBusiness, reasons);
  if (paused !== undefined) return paused;

  // 4. Segment and ladder (adaptive timing rewrites the pre-due steps of habitual late payers).
  const { segment, source: segmentSource } = resolveSegment(snapshot, policy, nowMs);
  const { ladderId, source: ladderSource } = resolveLadder(snapshot, policy, segment);
  const stats = snapshot.customerStats;
  const adaptive = policy.source.adaptiveTiming;
  const habituallyLate =
    adaptive.enabled &&
    stats !== undefined &&
    stats.settledInvoices >= adaptive.minInvoices &&
    stats.averageDaysLate >= adaptive.minAverageDaysLate;
  const ladder = policy.ladderFor(ladderId, segment, habituallyLate)!;
  reasons.push({ code: 'segment', segment, source: segmentSource }, { code: 'ladder', ladderId, source: ladderSource });
  if (ladder.adaptive) {
    reasons.push({
      code: 'adaptive-timing',
      averageDaysLate: stats!.averageDaysLate,
      invoices: stats!.settledInvoices,
      offsets: adaptive.preDueOffsets,
    });
  }

  // The ladder position, from the timeline read one outcome per action key (a `queued` then
  // `failed` reads as failed), as storage keeps it next to the invoice or folded here.
  const summary = summaryOf(snapshot);
  const progress = progressOf(summary, ladder);
  if (progress.referred) {
    reasons.push({ code: 'referred', stepId: progress.referredBy! });
    return doneDecision(invoiceId, 'referred', reasons);
  }

  const customerZone = snapshot.customer.timeZone;
  const todayCustomer = customerZone === calendar.timeZone ? todayBusiness : zones.localDay(customerZone, nowMs);
  const promised = promiseInForce(snapshot, nowMs, policy, customerZone);
  // Suspensions stop the ladder clock: the steps still to come move later by the days suspended.
  const shift = summary.suspensions ? suspendedDays(snapshot, nowMs, (key) => settledPromiseEnd(promised, key)) : 0;
  const ctx: DecisionContext = {
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
    shift,
    reasons,
    trace: options.trace,
    memo: { issueDay: undefined },
  };

  // 5. An active installment plan replaces the ladder.
  const plan = activePlanOf(ctx);
  if (plan !== undefined) {
    const decided = decidePlan(ctx, plan);
    if (decided !== undefined) return decided;
  }
  // 6. A promise to pay suspends it, then gets a follow-up if broken.
  if (promised !== undefined) {
    const decided = decidePromise(ctx, promised);
    if (decided !== undefined) return decided;
  }
  // 7. The write-off warning.
  const warning = decideWriteOffWarning(ctx);
  if (warning.decision !== undefined) return warning.decision;
  if (shift > 0) reasons.push({ code: 'suspended', days: shift });

  // 8. The ladder: the highest due step wins.
  const evaluation = walkLadder(ctx);
  const chosen = evaluation.chosen;
  if (chosen === undefined) {
    if (evaluation.nextStep === undefined && warning.at === undefined) {
      reasons.push({ code: 'ladder-complete', ladderId });
      return doneDecision(invoiceId, 'ladder-complete', reasons);
    }
    if (evaluation.nextStep === undefined || (warning.at !== undefined && warning.at < evaluation.nextAt)) {
      return waitUntil(ctx, warning.at!, 'next-step');
    }
    const next = evaluation.nextStep.step;
    reasons.push({ code: 'next-step', stepId: next.id, stepName: next.name, date: zones.day(evaluation.nextDay) });
    return waitUntil(ctx, evaluation.nextAt, 'next-step');
  }
  const step = chosen.step;
  reasons.push({
    code: 'step-due',
    stepId: step.step.id,
    stepName: step.step.name,
    date: zones.day(chosen.day),
    daysPastDue: todayCustomer - ctx.dueDay,
    occurrence: chosen.occurrence,
  });
  if (evaluation.superseded !== undefined) reasons.push({ code: 'superseded', stepIds: evaluation.superseded });

  // 9. Channel, contact, guardrails and send window: any of them can turn the act into a wait.
  return actOn(ctx, targetOfStep(ctx, step, chosen.occurrence, chosen.nominal), evaluation.nextAt);
}
