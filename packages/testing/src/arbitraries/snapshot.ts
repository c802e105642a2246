/**
 * Arbitraries for snapshots whose histories come from running the engine itself, so that
 * idempotency keys, occurrences and attempts are what a real deployment would have recorded.
 *
 * @module
 */
import fc from 'fast-check';
import {
  compilePolicy,
  nextAction,
  outstandingAmount,
  parseSnapshot,
  type ActionActivity,
  type Activity,
  type CompiledPolicy,
  type Payment,
  type PolicyInput,
  type Snapshot,
  type SnapshotInput,
} from '@dueflow/core';
import { arbInstallmentPlan, arbPromise } from './arrangement.js';
import { arbCustomer } from './customer.js';
import { arbInstant } from './instant.js';
import { arbInvoice, arbPayments } from './invoice.js';
import { arbPolicyInput } from './policy.js';
import { sometimes } from './sometimes.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * What happens to the action decided at a move.
 * @inline
 */
type ActionOutcomeChoice = 'sent' | 'failed' | 'rejected' | 'awaiting-approval' | 'approved' | 'queued';
/**
 * The delivery event reported for a sent action, if any.
 * @inline
 */
type DeliveryChoice = 'delivered' | 'opened' | 'clicked' | 'bounced' | 'replied' | 'failed';

/** One move of a simulated history: how time advances and what happens to the action decided then. */
export interface SimulationMove {
  /** Jump to the end of the engine's wait (what a scheduler does) instead of `advanceMinutes`. */
  readonly followWait: boolean;
  readonly advanceMinutes: number;
  readonly outcome: ActionOutcomeChoice;
  readonly permanent: boolean;
  readonly delivery: DeliveryChoice | undefined;
  /** Percentage of the balance paid after this move, when set. */
  readonly payPercent: number | undefined;
  /** Whether an approval or rejection follows an `awaiting-approval` outcome. */
  readonly review: 'approved' | 'rejected' | undefined;
}

/** What happens to the invoice at the end of a simulated history. */
export type SimulationEnding = 'none' | 'pause' | 'pause-until' | 'dispute' | 'paid' | 'void' | 'written-off';

/** A script for {@link simulateHistory}: moves, then an ending. */
export interface SimulationScript {
  /** Instant (epoch ms) the simulation starts at. */
  readonly start: number;
  readonly moves: readonly SimulationMove[];
  readonly ending: SimulationEnding;
}

/** A simulated snapshot and the instant the simulation reached. */
export interface SimulatedHistory {
  readonly snapshot: SnapshotInput;
  /** Instant (epoch ms) of the last simulated event. */
  readonly at: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Runs the engine over `script`: at each move, time advances (by `advanceMinutes`, or to the
 * end of the engine's wait), `nextAction` decides, and the action it returns is appended to
 * the timeline with the scripted outcome (keyed exactly as the engine keyed it), followed by
 * scripted delivery events, approvals and partial payments. The ending may pause, dispute,
 * settle, void or write off the invoice. Deterministic for a given script.
 *
 * @example
 * ```ts
 * const { snapshot } = simulateHistory(base, compilePolicy(), {
 *   start: Date.parse('2025-01-01T00:00:00Z'),
 *   moves: [{ followWait: true, advanceMinutes: 0, outcome: 'sent', permanent: false, delivery: 'opened', payPercent: undefined, review: undefined }],
 *   ending: 'none',
 * });
 * ```
 */
export function simulateHistory(base: SnapshotInput, policy: CompiledPolicy, script: SimulationScript): SimulatedHistory {
  const parsed = parseSnapshot(base);
  const activities: Activity[] = [...parsed.activities];
  const payments: Payment[] = [...parsed.payments];
  let invoice = parsed.invoice;
  let t = script.start;
  let n = 0;
  const customerId = parsed.customer.id;
  const invoiceId = invoice.id;
  const current = (): Snapshot => ({ ...parsed, invoice, activities, payments });
  const push = (activity: Activity): void => {
    activities.push(activity);
  };

  for (const move of script.moves) {
    const before = nextAction(current(), t, policy);
    if (move.followWait && before.kind === 'wait' && before.until !== null) t = Math.max(t, Date.parse(before.until));
    else t += move.advanceMinutes * 60_000;
    const decision = nextAction(current(), t, policy);
    if (decision.kind === 'act') {
      const outcome: ActionOutcomeChoice = decision.requiresApproval
        ? move.outcome === 'failed' || move.outcome === 'sent'
          ? 'awaiting-approval'
          : move.outcome
        : move.outcome === 'awaiting-approval' || move.outcome === 'approved'
          ? 'sent'
          : move.outcome;
      const action: ActionActivity = {
        id: `act-${++n}`,
        type: 'action',
        at: iso(t),
        customerId,
        invoiceId,
        actor: { type: 'system' },
        idempotencyKey: decision.idempotencyKey,
        stepId: decision.step.id,
        ladderId: decision.ladderId,
        occurrence: decision.step.occurrence,
        action: decision.action.type,
        outcome,
        ...(decision.action.channel !== undefined ? { channel: decision.action.channel } : {}),
        ...(decision.action.contactId !== undefined ? { contactId: decision.action.contactId } : {}),
        ...(decision.action.template !== undefined ? { template: decision.action.template } : {}),
        ...(outcome === 'failed' ? { detail: 'provider error', permanent: move.permanent } : {}),
        ...(outcome === 'rejected' ? { detail: 'not appropriate now' } : {}),
      };
      push(action);
      if (outcome === 'awaiting-approval' && move.review !== undefined) {
        t += HOUR;
        push({
          id: `act-${++n}`,
          type: 'approval',
          at: iso(t),
          customerId,
          invoiceId,
          actor: { type: 'user', name: 'Controller' },
          actionKey: decision.idempotencyKey,
          decision: move.review,
        });
      }
      if (move.delivery !== undefined && decision.action.channel !== undefined && (outcome === 'sent' || outcome === 'approved')) {
        t += 5 * 60_000;
        push({
          id: `act-${++n}`,
          type: 'delivery',
          at: iso(t),
          customerId,
          invoiceId,
          actor: { type: 'provider' },
          channel: decision.action.channel,
          event: move.delivery,
          ...(move.delivery === 'bounced' ? { bounce: move.permanent ? ('hard' as const) : ('soft' as const) } : {}),
          ...(decision.action.contactId !== undefined ? { contactId: decision.action.contactId } : {}),
          actionKey: decision.idempotencyKey,
        });
      }
    }
    if (move.payPercent !== undefined && invoice.status === 'open') {
      const owed = outstandingAmount(invoice, payments, parsed.credits);
      const amount = Math.floor((owed * move.payPercent) / 100);
      if (amount > 0) {
        t += HOUR;
        const id = `pay-sim-${payments.length + 1}`;
        payments.push({
          id,
          customerId,
          amount: { amount, currency: invoice.total.currency },
          status: 'succeeded',
          method: 'bank-transfer',
          at: iso(t),
          allocations: [{ invoiceId, amount }],
        });
        push({
          id: `act-${++n}`,
          type: 'payment',
          at: iso(t),
          customerId,
          invoiceId,
          actor: { type: 'customer' },
          paymentId: id,
          amount: { amount, currency: invoice.total.currency },
          status: 'succeeded',
        });
      }
    }
  }

  const status = (change: 'paused' | 'dispute-opened' | 'voided' | 'written-off' | 'marked-paid', reason: string): void => {
    t += HOUR;
    push({
      id: `act-${++n}`,
      type: 'status',
      at: iso(t),
      customerId,
      invoiceId,
      actor: { type: 'user', name: 'Controller' },
      change,
      reason,
    });
  };
  switch (script.ending) {
    case 'none':
      break;
    case 'pause':
    case 'pause-until': {
      status('paused', 'customer asked for time');
      const pause = { reason: 'customer asked for time', since: iso(t) };
      const until = new Date(t + 14 * DAY).toISOString().slice(0, 10);
      invoice = { ...invoice, pause: script.ending === 'pause-until' ? { ...pause, until } : pause };
      break;
    }
    case 'dispute':
      status('dispute-opened', 'wrong quantity');
      invoice = { ...invoice, dispute: { reason: 'wrong quantity', openedAt: iso(t) } };
      break;
    case 'paid':
      status('marked-paid', 'paid by cheque');
      invoice = { ...invoice, status: 'paid' };
      break;
    case 'void':
      status('voided', 'issued twice');
      invoice = { ...invoice, status: 'void' };
      break;
    case 'written-off':
      status('written-off', 'uncollectable');
      invoice = { ...invoice, status: 'written-off' };
      break;
  }
  const snapshot: SnapshotInput = { ...base, invoice, payments, activities };
  return { snapshot, at: t };
}

/**
 * One scripted move of a history.
 *
 * @example
 * ```ts
 * fc.sample(arbSimulationMove(), 1);
 * ```
 */
export function arbSimulationMove(): fc.Arbitrary<SimulationMove> {
  return fc.record({
    followWait: fc.boolean(),
    advanceMinutes: fc.oneof(fc.integer({ min: 0, max: 24 * 60 }), fc.integer({ min: 0, max: 45 * 24 * 60 })),
    outcome: fc.oneof(
      { arbitrary: fc.constant('sent' as const), weight: 6 },
      {
        arbitrary: fc.constantFrom(
          'failed' as const,
          'rejected' as const,
          'awaiting-approval' as const,
          'approved' as const,
          'queued' as const,
        ),
        weight: 4,
      },
    ),
    permanent: fc.boolean(),
    delivery: sometimes(
      fc.constantFrom(
        'delivered' as const,
        'opened' as const,
        'clicked' as const,
        'bounced' as const,
        'replied' as const,
        'failed' as const,
      ),
      2,
    ),
    payPercent: sometimes(fc.integer({ min: 1, max: 100 }), 8),
    review: sometimes(fc.constantFrom('approved' as const, 'rejected' as const), 2),
  });
}

/**
 * A summary of the customer's history as storage computes it: settled and late invoices,
 * average lateness (sometimes enough for adaptive timing), promises, disputes, engagement per
 * channel and a best contact hour.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbCustomerStats(), (stats) => CustomerStatsSchema.safeParse(stats).success));
 * ```
 */
export function arbCustomerStats(): fc.Arbitrary<NonNullable<SnapshotInput['customerStats']>> {
  const engagement = fc.record({
    messages: fc.integer({ min: 0, max: 20 }),
    opens: fc.integer({ min: 0, max: 20 }),
    clicks: fc.integer({ min: 0, max: 5 }),
    replies: fc.integer({ min: 0, max: 3 }),
    paymentsAfter: fc.integer({ min: 0, max: 2 }),
  });
  return fc
    .record(
      {
        settledInvoices: fc.integer({ min: 0, max: 40 }),
        lateShare: fc.double({ min: 0, max: 1, noNaN: true }),
        averageDaysLate: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 60, noNaN: true })),
        brokenPromises: fc.integer({ min: 0, max: 4 }),
        keptPromises: fc.integer({ min: 0, max: 4 }),
        openDisputes: fc.integer({ min: 0, max: 2 }),
        engagement: fc.record({ email: engagement, sms: engagement, voice: engagement }, { requiredKeys: [] }),
        bestContactHour: fc.integer({ min: 0, max: 23 }),
      },
      { requiredKeys: ['settledInvoices', 'lateShare', 'averageDaysLate'] },
    )
    .map(({ lateShare, settledInvoices, ...rest }) => ({ settledInvoices, paidLate: Math.floor(lateShare * settledInvoices), ...rest }));
}

/** Options of {@link arbScenario} and {@link arbSnapshot}. */
export interface ArbScenarioOptions {
  /**
   * The policy histories are simulated under (for {@link arbSnapshot}, the default policy).
   * @default a random policy from `arbPolicyInput()`
   */
  readonly policyInput?: PolicyInput;
  /**
   * Most simulated moves.
   * @default 12
   */
  readonly maxMoves?: number;
  /**
   * Share of histories that start close to a daylight-saving transition, from 0 to 1.
   * @default 0.5
   */
  readonly dstBias?: number;
}

/** A policy, a snapshot with a simulated history, and an instant to decide at. */
export interface Scenario {
  readonly policyInput: PolicyInput;
  readonly snapshot: SnapshotInput;
  /** Epoch ms, at or after the last simulated event. */
  readonly now: number;
}

const compiled = new WeakMap<PolicyInput, CompiledPolicy>();

function compiledFor(input: PolicyInput): CompiledPolicy {
  let policy = compiled.get(input);
  if (policy === undefined) {
    policy = compilePolicy(input);
    compiled.set(input, policy);
  }
  return policy;
}

function arbScenarioFor(policyInput: PolicyInput, options: ArbScenarioOptions): fc.Arbitrary<Scenario> {
  const ladderIds = (policyInput.ladders ?? []).map((l) => l.id);
  const anchor = arbInstant({ min: '2018-01-01T00:00:00Z', max: '2032-12-31T00:00:00Z', dstBias: options.dstBias ?? 0.5 });
  return fc
    .record({
      anchor,
      leadDays: fc.integer({ min: 0, max: 120 }),
      customer: arbCustomer({ ladderIds }),
      closed: fc.boolean(),
      moves: fc.array(arbSimulationMove(), { maxLength: options.maxMoves ?? 12 }),
      ending: fc.oneof(
        { arbitrary: fc.constant('none' as const), weight: 12 },
        {
          arbitrary: fc.constantFrom(
            'pause' as const,
            'pause-until' as const,
            'dispute' as const,
            'paid' as const,
            'void' as const,
            'written-off' as const,
          ),
          weight: 3,
        },
      ),
      after: fc.oneof(fc.integer({ min: 0, max: 3 * HOUR }), fc.integer({ min: 0, max: 60 * DAY })),
      wake: fc.boolean(),
      customerStats: sometimes(arbCustomerStats(), 2),
      arrangement: fc.oneof(
        { arbitrary: fc.constant('none' as const), weight: 6 },
        { arbitrary: fc.constantFrom('promise' as const, 'plan' as const), weight: 2 },
      ),
      recentContacts: fc.array(
        fc.record({
          hoursBefore: fc.integer({ min: 0, max: 24 * 8 }),
          kind: fc.constantFrom('message' as const, 'call-attempt' as const, 'conversation' as const),
          channel: fc.constantFrom('email' as const, 'sms' as const, 'voice' as const),
        }),
        { maxLength: 3 },
      ),
    })
    .chain(({ anchor: a, leadDays, customer, closed, moves, ending, after, wake, customerStats, recentContacts, arrangement }) => {
      // Issue the invoice `leadDays` before the anchor so the run crosses the anchor (often a DST transition).
      const issued = new Date(a - leadDays * DAY).toISOString().slice(0, 10);
      const invoice = arbInvoice({ customerId: customer.id, issued: { min: issued, max: issued }, closed, ladderIds });
      return invoice.chain((inv) =>
        fc
          .tuple(
            arbPayments(inv),
            arrangement === 'promise' ? arbPromise(inv) : fc.constant(undefined),
            arrangement === 'plan' ? arbInstallmentPlan(inv) : fc.constant(undefined),
          )
          .map(([payments, promise, plan]): Scenario => {
            const base: SnapshotInput = { invoice: inv, customer, payments, activities: [] };
            if (promise !== undefined) base.promise = promise;
            if (plan !== undefined) base.plan = plan;
            if (customerStats !== undefined) base.customerStats = customerStats;
            const start = Math.max(Date.parse(`${inv.issueDate}T00:00:00Z`), a - leadDays * DAY);
            const policy = compiledFor(policyInput);
            const { snapshot, at } = simulateHistory(base, policy, { start, moves, ending });
            let now = at + after;
            // Touches on the customer's other invoices, shortly before the decision, for the contact caps.
            const contacts = recentContacts.map((c) => ({
              at: new Date(now - c.hoursBefore * HOUR).toISOString(),
              invoiceId: `${inv.id}-other`,
              kind: c.kind,
              channel: c.channel,
            }));
            const withContacts: SnapshotInput = contacts.length > 0 ? { ...snapshot, recentContacts: contacts } : snapshot;
            if (wake) {
              // Decide when the engine asked to be woken, as a scheduler would: that is when acts happen.
              const decision = nextAction(parseSnapshot(withContacts), now, policy);
              if (decision.kind === 'wait' && decision.until !== null) now = Date.parse(decision.until);
            }
            return { policyInput, snapshot: withContacts, now };
          }),
      );
    });
}

/**
 * A realistic scenario: a policy (the one given, or a random one), a customer and invoice,
 * payments, and a history produced by simulating the engine ({@link simulateHistory}) with
 * random outcomes, delivery events, approvals, partial payments and a final pause, dispute or
 * closure, sometimes a promise to pay or an installment plan, sometimes customer statistics (adaptive timing, engagement, best contact hour) and
 * touches on the customer's other invoices (contact caps); plus an instant at or after the history to decide at (half the time the instant the
 * engine asked to be woken at, so acts are common). About half the histories run across a
 * daylight-saving transition. `parseSnapshot(scenario.snapshot)` always succeeds.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbScenario(), ({ policyInput, snapshot, now }) => {
 *   assertDecisionInvariants(parseSnapshot(snapshot), now, compilePolicy(policyInput));
 * }));
 * ```
 */
export function arbScenario(options: ArbScenarioOptions = {}): fc.Arbitrary<Scenario> {
  if (options.policyInput !== undefined) return arbScenarioFor(options.policyInput, options);
  return arbPolicyInput().chain((policyInput) => arbScenarioFor(policyInput, options));
}

/**
 * A snapshot input that passes `parseSnapshot`, for `policyInput` (the default policy when
 * absent), with a history simulated by running the engine (see {@link arbScenario}).
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbSnapshot(myPolicy), (input) => {
 *   const decision = nextAction(parseSnapshot(input), Date.parse('2026-01-01T00:00:00Z'), compilePolicy(myPolicy));
 *   return decision.kind !== 'act' || decision.outstanding.amount > 0;
 * }));
 * ```
 */
export function arbSnapshot(
  policyInput: PolicyInput = {},
  options: Omit<ArbScenarioOptions, 'policyInput'> = {},
): fc.Arbitrary<SnapshotInput> {
  return arbScenarioFor(policyInput, options).map((s) => s.snapshot);
}
