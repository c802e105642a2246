/**
 * The two 90-day runs of the demo: one through the real collector (storage, file channel,
 * templates), one without any reminder (the control), both on the same portfolio and the same
 * random draws, so the difference between them is what the collection effort achieved in the
 * simulation.
 *
 * @module
 */
import { fromEpochDay, isoWeekday, makePromise, type ActDecision, type Invoice, type Payment } from '@dueflow/core';
import { createCollector, createFileChannel, type Collector } from '@dueflow/runtime';
import type { Renderer } from '@dueflow/runtime/ports';
import { manualClock, type Storage } from '@dueflow/runtime/ports';
import type { CompiledPolicy } from '@dueflow/core';
import type { Portfolio } from './generate-portfolio.js';
import { nudgeStrength, paysOn, type Nudge } from './payment-model.js';
import { uniformFor } from './random.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The simulated colleague who approves actions after a day and makes the calls. */
export const SIMULATED_COLLECTOR = 'sam.rivera (simulated collector)';

/** What happened during the run with reminders. */
export interface SimulationCounts {
  readonly ticks: number;
  readonly decided: number;
  /** Messages written to the outbox folder, by channel. */
  readonly messages: Readonly<Record<string, number>>;
  /** Internal tasks completed (calls, alerts, credit holds, referrals), by action. */
  readonly tasks: Readonly<Record<string, number>>;
  /** Actions approved by the simulated collector, one day after they were queued. */
  readonly approvals: number;
  readonly calls: { readonly reached: number; readonly unanswered: number };
  readonly promises: { readonly made: number; readonly kept: number };
  readonly bounces: number;
  readonly smsOptOuts: number;
  readonly disputes: { readonly opened: number; readonly resolved: number };
  readonly payments: number;
}

/** The ledger a run ends with. */
export interface RunLedger {
  readonly invoices: readonly Invoice[];
  readonly payments: readonly Payment[];
}

/** Options of {@link simulateWithCollector}. */
export interface SimulateOptions {
  readonly portfolio: Portfolio;
  readonly storage: Storage;
  readonly policy: CompiledPolicy;
  readonly renderer: Renderer;
  /** Folder the file channel writes the messages to. */
  readonly outboxDir: string;
  /** Called after each simulated day. */
  readonly onDay?: (done: number, total: number) => void;
}

function paymentFor(invoice: Invoice, day: number, method: Payment['method'], reference?: string): Payment {
  return {
    id: `pay-${invoice.id}`,
    customerId: invoice.customerId,
    amount: invoice.total,
    status: 'succeeded',
    method,
    at: new Date(day * DAY + 12 * HOUR).toISOString(),
    allocations: [{ invoiceId: invoice.id, amount: invoice.total.amount }],
    ...(reference !== undefined ? { reference } : {}),
  };
}

/** Invoices still open at the start, and those issued during the run, with their ids. */
function collectible(portfolio: Portfolio): Invoice[] {
  const paid = new Set(portfolio.payments.flatMap((p) => p.allocations.map((a) => a.invoiceId)));
  return [...portfolio.existing.filter((i) => !paid.has(i.id)), ...portfolio.scheduled];
}

/**
 * The control run: the same customers and the same draws, but nobody sends anything, so each
 * invoice is paid on its natural pay day (after its dispute, if any, is resolved).
 *
 * @example
 * ```ts
 * const control = simulateControl(generatePortfolio({ start: '2026-01-05', customers: 10, invoices: 60 }));
 * control.payments.length;
 * ```
 */
export function simulateControl(portfolio: Portfolio): RunLedger {
  const endDay = portfolio.startDay + portfolio.days;
  const payments: Payment[] = [...portfolio.payments];
  for (const invoice of collectible(portfolio)) {
    const fate = portfolio.fates.get(invoice.id)!;
    const day = Math.max(fate.naturalPayDay, fate.issueDay, portfolio.startDay, fate.disputeResolvedDay ?? -Infinity);
    if (day < endDay) payments.push(paymentFor(invoice, day, 'bank-transfer'));
  }
  return { invoices: [...portfolio.existing, ...portfolio.scheduled].map(({ dispute: _d, ...rest }) => rest), payments };
}

interface SentEvent {
  readonly key: string;
  readonly decision: ActDecision;
  readonly channel: string | undefined;
}

/**
 * Runs the portfolio through the real collector for `portfolio.days` days: three ticks a day
 * (02:00, 10:00 and 18:00 UTC, so every contact's working hours are reached), new invoices on
 * their issue dates, payments at noon drawn from the payment-behaviour model, and the
 * customers' and the simulated collector's reactions (calls, promises, bounces, STOP replies,
 * disputes, approvals after one day) recorded through the collector.
 *
 * @example
 * ```ts
 * const counts = await simulateWithCollector({ portfolio, storage, policy, renderer, outboxDir: '.dueflow/outbox' });
 * counts.messages.email;
 * ```
 */
export async function simulateWithCollector(options: SimulateOptions): Promise<SimulationCounts> {
  const { portfolio, storage, policy, renderer } = options;
  const seed = portfolio.seed;
  const clock = manualClock(portfolio.startDay * DAY);
  const channel = createFileChannel({
    directory: options.outboxDir,
    format: 'eml',
    kinds: ['email', 'sms', 'voice', 'letter'],
    from: 'Northwind Supplies AR <ar@northwind-supplies.example>',
    clock,
  });
  const collector: Collector = createCollector({
    storage,
    channels: [channel],
    renderer,
    policy,
    clock,
    dispatch: { batchSize: 200, workerId: 'demo' },
  });
  const sent: SentEvent[] = [];
  collector.on('action.sent', (e) => sent.push(e));
  // Approvals are tracked from the events, so idle ticks cost no query.
  const awaiting: { key: string; at: number }[] = [];
  let tickNow = 0;
  collector.on('action.awaiting-approval', (e) => awaiting.push({ key: e.key, at: tickNow }));

  await storage.init();
  await storage.commit({ customers: portfolio.customers });
  await storage.commit({ invoices: portfolio.existing });
  await storage.commit({ payments: portfolio.payments });
  await storage.commit({ activities: portfolio.activities });

  const open = new Map(collectible(portfolio).map((i) => [i.id, i]));
  const scheduledByDay = new Map<number, Invoice[]>();
  for (const invoice of portfolio.scheduled) {
    const day = portfolio.fates.get(invoice.id)!.issueDay;
    scheduledByDay.set(day, [...(scheduledByDay.get(day) ?? []), invoice]);
  }
  const nudges = new Map<string, Nudge[]>();
  const payDay = new Map<string, number>();
  const disputedUntil = new Map<string, number>();
  const resolveOn = new Map<number, string[]>();
  for (const invoice of open.values()) {
    const fate = portfolio.fates.get(invoice.id)!;
    payDay.set(invoice.id, fate.naturalPayDay);
    if (fate.disputeResolvedDay !== undefined) {
      disputedUntil.set(invoice.id, fate.disputeResolvedDay);
      resolveOn.set(fate.disputeResolvedDay, [...(resolveOn.get(fate.disputeResolvedDay) ?? []), invoice.id]);
    }
  }
  const bounced = new Set<string>();
  const stopped = new Set<string>();
  const disputedOnce = new Set<string>();
  const promisedBy = new Map<string, number>();
  const counts = {
    ticks: 0,
    decided: 0,
    messages: {} as Record<string, number>,
    tasks: {} as Record<string, number>,
    approvals: 0,
    calls: { reached: 0, unanswered: 0 },
    promises: { made: 0, kept: 0 },
    bounces: 0,
    smsOptOuts: 0,
    disputes: { opened: 0, resolved: 0 },
    payments: 0,
  };
  const nudge = (invoiceId: string, day: number, strength: number): void => {
    if (strength <= 0) return;
    nudges.set(invoiceId, [...(nudges.get(invoiceId) ?? []), { day, strength }]);
  };

  const react = async (event: SentEvent, now: number, day: number): Promise<void> => {
    const { decision, key } = event;
    const invoice = open.get(decision.invoiceId);
    if (invoice === undefined) return;
    const profile = portfolio.profiles.get(invoice.customerId)!;
    const action = decision.action;
    if (event.channel === undefined) {
      counts.tasks[action.type] = (counts.tasks[action.type] ?? 0) + 1;
      if (action.type === 'call-task') {
        // The simulated colleague calls within the hour; six calls in ten reach someone.
        const at = now + HOUR;
        if (uniformFor(seed, `${key}:reached`) < 0.6) {
          counts.calls.reached++;
          const promises = uniformFor(seed, `${key}:promise`) < 0.5;
          await collector.recordCall(invoice.id, {
            by: SIMULATED_COLLECTOR,
            at,
            outcome: 'reached',
            durationSeconds: 240,
            notes: promises ? 'Customer promised to pay.' : 'Customer acknowledged the balance.',
          });
          nudge(invoice.id, day, nudgeStrength(action, profile.responsiveness));
          if (promises) {
            const promiseDay = day + 3 + Math.floor(uniformFor(seed, `${key}:promise-day`) * 8);
            const made = makePromise(
              {
                id: `ptp-${invoice.id}-${day}`,
                invoice,
                amount: invoice.total,
                date: fromEpochDay(promiseDay),
                channel: 'call',
                takenBy: SIMULATED_COLLECTOR,
              },
              { at, idPrefix: `demo:${key}:promise`, by: { type: 'user', id: SIMULATED_COLLECTOR } },
            );
            await storage.commit({ promises: [made.promise] });
            await storage.commit({ activities: made.activities });
            counts.promises.made++;
            promisedBy.set(invoice.id, promiseDay + policy.source.promises.graceDays);
            if (uniformFor(seed, `${key}:kept`) < profile.promiseKeeping)
              payDay.set(invoice.id, Math.min(payDay.get(invoice.id)!, promiseDay));
          }
        } else {
          counts.calls.unanswered++;
          await collector.recordCall(invoice.id, { by: SIMULATED_COLLECTOR, at, outcome: 'voicemail', notes: 'Left a voicemail.' });
          nudge(invoice.id, day, 0.03 * profile.responsiveness);
        }
      } else {
        nudge(invoice.id, day, nudgeStrength(action, profile.responsiveness));
      }
      return;
    }
    counts.messages[event.channel] = (counts.messages[event.channel] ?? 0) + 1;
    const contactKey = `${invoice.customerId}/${action.contactId ?? ''}`;
    const trait = portfolio.traits.get(contactKey);
    if (event.channel === 'email' && trait?.bouncesEmail === true && !bounced.has(contactKey)) {
      bounced.add(contactKey);
      counts.bounces++;
      await collector.record({
        type: 'bounced',
        bounce: 'hard',
        channel: 'email',
        at: now + 5 * 60_000,
        key,
        detail: '550 5.1.1 mailbox unavailable',
      });
      return;
    }
    if (event.channel === 'sms' && trait?.repliesStop === true && !stopped.has(contactKey)) {
      stopped.add(contactKey);
      counts.smsOptOuts++;
      const phone = portfolio.customers.find((c) => c.id === invoice.customerId)?.contacts.find((c) => c.id === action.contactId)?.phone;
      if (phone !== undefined) await collector.record({ type: 'opt-out', channel: 'sms', at: now + 10 * 60_000, address: phone });
    }
    nudge(invoice.id, day, nudgeStrength(action, profile.responsiveness));
    const stern = action.tone === 'firm' || action.tone === 'final';
    if (stern && profile.disputeProne && !disputedOnce.has(invoice.id) && uniformFor(seed, `${key}:dispute`) < 0.3) {
      // A firm message sometimes draws a dispute from customers prone to them; it is settled two to three weeks later.
      disputedOnce.add(invoice.id);
      counts.disputes.opened++;
      const until = day + 14 + Math.floor(uniformFor(seed, `${key}:dispute-days`) * 8);
      await collector.openDispute(invoice.id, {
        by: 'customer',
        at: now + 2 * HOUR,
        reason: 'Customer questions the amount billed after the reminder',
      });
      disputedUntil.set(invoice.id, until);
      resolveOn.set(until, [...(resolveOn.get(until) ?? []), invoice.id]);
      payDay.set(invoice.id, Math.max(payDay.get(invoice.id)!, until + 3));
    }
  };

  const tick = async (day: number, hour: number): Promise<void> => {
    const now = day * DAY + hour * HOUR;
    clock.set(now);
    tickNow = now;
    const summary = await collector.tick({ now });
    counts.ticks++;
    counts.decided += summary.decided;
    const events = sent.splice(0);
    for (const event of events) await react(event, now, day);
    while (awaiting.length > 0 && awaiting[0]!.at <= now - DAY) {
      const { key } = awaiting.shift()!;
      if (await collector.approve(key, { by: SIMULATED_COLLECTOR, at: now })) counts.approvals++;
    }
  };

  for (let i = 0; i < portfolio.days; i++) {
    const day = portfolio.startDay + i;
    // Weekends: no message goes out (business days only) and business customers pay on weekdays.
    if (isoWeekday(day) >= 6) {
      options.onDay?.(i + 1, portfolio.days);
      continue;
    }
    const issued: Invoice[] = [];
    for (const [d, list] of scheduledByDay) {
      if (d > day) continue;
      issued.push(...list);
      scheduledByDay.delete(d);
    }
    if (issued.length > 0) await storage.commit({ invoices: issued });
    await tick(day, 2);
    const resolving: string[] = [];
    for (const [d, list] of resolveOn) {
      if (d > day) continue;
      resolving.push(...list);
      resolveOn.delete(d);
    }
    for (const invoiceId of resolving) {
      if (!open.has(invoiceId)) continue;
      clock.set(day * DAY + 9 * HOUR);
      await collector.resolveDispute(invoiceId, {
        by: SIMULATED_COLLECTOR,
        at: day * DAY + 9 * HOUR,
        reason: 'Checked with the customer; the invoice stands',
      });
      counts.disputes.resolved++;
      disputedUntil.delete(invoiceId);
    }
    await tick(day, 10);
    for (const invoice of [...open.values()]) {
      const fate = portfolio.fates.get(invoice.id)!;
      if (fate.issueDay > day) continue;
      const until = disputedUntil.get(invoice.id);
      if (until !== undefined && day < until) continue;
      if (!paysOn({ seed, invoiceId: invoice.id, day, naturalPayDay: payDay.get(invoice.id)!, nudges: nudges.get(invoice.id) ?? [] }))
        continue;
      const promisedUntil = promisedBy.get(invoice.id);
      const promised = promisedUntil !== undefined && day <= promisedUntil;
      if (promised) counts.promises.kept++;
      await collector.record({
        type: 'payment',
        payment: paymentFor(invoice, day, 'bank-transfer', promised ? 'as promised on the phone' : undefined),
      });
      counts.payments++;
      open.delete(invoice.id);
    }
    await tick(day, 18);
    options.onDay?.(i + 1, portfolio.days);
  }
  // The collector is not closed: that would close the storage, which the caller still reads.
  return counts;
}
