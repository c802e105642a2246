/**
 * A deterministic synthetic accounts-receivable portfolio for benchmarks and smoke tests.
 *
 * Customers fall in three segments (`strategic`, `chronic-late-payer`, `standard`, set with
 * `customer.segment`), live in several time zones, and have one to three contacts, some with
 * their own zone, opt-outs or a suppressed address. Invoices are spread over days past due from
 * -20 (due in 20 days) to +90 relative to a fixed `now`. Each invoice's timeline is produced by
 * stepping the engine from the issue date, as `plan` does: every action the engine decided was
 * taken at the moment it was decided, a few failed once and were retried, messages were
 * delivered and sometimes opened, calls were made. The last run of the collector before `now`
 * is a day ago for most invoices and longer for some, so at `now` the engine has steps to take,
 * windows to wait for and backlogs to catch up on. Then some invoices get partial payments, a
 * few are paid, settled, disputed, paused (until a later date or until resumed), voided or
 * written off, and every snapshot gets the
 * customer's recent touches on its other invoices and its timeline summary (`summarizeTimeline`),
 * as storage keeps them beside the invoice.
 *
 * @module
 */
import { actionActivity } from '@dueflow/core/engine';
import {
  compilePolicy,
  fromEpochDay,
  nextAction,
  parseSnapshot,
  summarizeTimeline,
  type ActDecision,
  type ActionActivity,
  type Activity,
  type CompiledPolicy,
  type Contact,
  type Customer,
  type Invoice,
  type Payment,
  type RecentContact,
  type Snapshot,
} from '@dueflow/core';
import { createRandom, type Random } from './random.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The portfolio's `now`: a Wednesday, 14:00 UTC (inside the default 09:00-17:00 window in UTC). */
export const PORTFOLIO_NOW = Date.parse('2026-03-11T14:00:00.000Z');

/** Seed of the benchmark portfolio. */
export const PORTFOLIO_SEED = 20_260_311;

/** The three customer segments. */
export const SEGMENTS = ['strategic', 'chronic-late-payer', 'standard'] as const;
/** A customer segment of the portfolio. */
export type PortfolioSegment = (typeof SEGMENTS)[number];

interface ZoneProfile {
  readonly zone: string;
  readonly weight: number;
  readonly currency: string;
  readonly locale: string;
  readonly phonePrefix: string;
}

const ZONES: readonly ZoneProfile[] = [
  { zone: 'UTC', weight: 20, currency: 'USD', locale: 'en-US', phonePrefix: '+1' },
  { zone: 'Europe/London', weight: 12, currency: 'GBP', locale: 'en-GB', phonePrefix: '+44' },
  { zone: 'Europe/Berlin', weight: 12, currency: 'EUR', locale: 'de-DE', phonePrefix: '+49' },
  { zone: 'America/New_York', weight: 14, currency: 'USD', locale: 'en-US', phonePrefix: '+1' },
  { zone: 'America/Chicago', weight: 8, currency: 'USD', locale: 'en-US', phonePrefix: '+1' },
  { zone: 'America/Los_Angeles', weight: 10, currency: 'USD', locale: 'en-US', phonePrefix: '+1' },
  { zone: 'Asia/Tokyo', weight: 7, currency: 'JPY', locale: 'ja-JP', phonePrefix: '+81' },
  { zone: 'Asia/Singapore', weight: 5, currency: 'SGD', locale: 'en-SG', phonePrefix: '+65' },
  { zone: 'Australia/Sydney', weight: 6, currency: 'AUD', locale: 'en-AU', phonePrefix: '+61' },
  { zone: 'Asia/Kolkata', weight: 6, currency: 'INR', locale: 'en-IN', phonePrefix: '+91' },
];

/** Options of {@link generatePortfolio}. */
export interface PortfolioOptions {
  /**
   * Number of invoices.
   * @default 100_000
   */
  readonly invoices?: number;
  /** @default PORTFOLIO_SEED */
  readonly seed?: number;
  /** @default PORTFOLIO_NOW */
  readonly now?: number;
  /**
   * Customer time zones to draw from (with their usual weights); every zone when absent.
   * `['UTC']` gives a portfolio on which zone-free implementations must agree with the engine.
   */
  readonly timeZones?: readonly string[];
  /** Policy the histories are stepped with. @default compilePolicy() */
  readonly policy?: CompiledPolicy;
}

/** A generated portfolio, before validation. */
export interface GeneratedPortfolio {
  readonly now: number;
  readonly policy: CompiledPolicy;
  /** One snapshot per invoice, shaped like the schema's output but not yet validated. */
  readonly snapshots: readonly Snapshot[];
}

/** Counts that describe a portfolio, for reports. */
export interface PortfolioStats {
  readonly invoices: number;
  readonly customers: number;
  readonly bySegment: Readonly<Record<string, number>>;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly utcCustomerInvoices: number;
  readonly activities: number;
  readonly withPayments: number;
  readonly disputed: number;
  readonly paused: number;
}

interface CustomerDraft {
  readonly customer: Customer;
  readonly segment: PortfolioSegment;
  readonly currency: string;
  readonly exponent: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function makeContacts(random: Random, n: number, profile: ZoneProfile, segment: PortfolioSegment): Contact[] {
  const count =
    segment === 'strategic'
      ? random.int(2, 3)
      : random.weighted<number>([
          [1, 55],
          [2, 35],
          [3, 10],
        ]);
  const roles: Contact['role'][] = ['billing', 'accounts-payable', 'primary', 'executive'];
  const contacts: Contact[] = [];
  for (let k = 0; k < count; k++) {
    const ownZone = random.chance(0.15) ? random.pick(ZONES).zone : undefined;
    const hasEmail = !random.chance(k === 0 ? 0.01 : 0.1);
    const contact: Contact = {
      id: `con_${n}_${k}`,
      name: `Contact ${k + 1} of customer ${n}`,
      role: roles[k] ?? 'other',
      ...(hasEmail ? { email: `ap${k}@customer-${n}.example.com` } : {}),
      ...(random.chance(0.8) ? { phone: `${profile.phonePrefix}${String(200_000_000 + ((n * 7919 + k * 104_729) % 700_000_000))}` } : {}),
      ...(random.chance(0.6) ? { postalAddress: [`${k + 1} Ledger Street`, `Suite ${n % 900}`, 'Accounts Payable'] } : {}),
      ...(ownZone !== undefined && ownZone !== profile.zone ? { timeZone: ownZone } : {}),
      ...(random.chance(0.03) ? { otherTimeZones: [random.pick(ZONES).zone] } : {}),
      optOuts: random.chance(0.05) ? ['sms'] : [],
      suppressed: hasEmail && random.chance(0.02) ? ['email'] : [],
    };
    contacts.push(contact);
  }
  return contacts;
}

function makeCustomer(random: Random, n: number, zones: readonly ZoneProfile[]): CustomerDraft {
  const profile = random.weighted(zones.map((z) => [z, z.weight] as const));
  const segment = random.weighted<PortfolioSegment>([
    ['strategic', 10],
    ['chronic-late-payer', 20],
    ['standard', 70],
  ]);
  const currency = profile.zone === 'UTC' && random.chance(0.3) ? 'EUR' : profile.currency;
  const exponent = currency === 'JPY' ? 0 : 2;
  const customer: Customer = {
    id: `cus_${n}`,
    name: `Customer ${n} Ltd`,
    ...(segment === 'strategic' ? { tier: 'enterprise' } : {}),
    tags: segment === 'chronic-late-payer' ? ['watchlist'] : segment === 'strategic' ? ['key-account'] : [],
    ...(segment === 'strategic'
      ? { accountManager: { id: `am_${n % 40}`, name: `Account manager ${n % 40}`, email: `am${n % 40}@seller.example.com` } }
      : {}),
    contacts: makeContacts(random, n, profile, segment),
    timeZone: profile.zone,
    locale: profile.locale,
    ...(segment === 'strategic' ? { annualRevenue: { amount: random.int(500_000, 20_000_000) * 10 ** exponent, currency } } : {}),
    since: fromEpochDay(Math.floor(PORTFOLIO_NOW / DAY) - random.int(60, 3_000)),
    segment,
  };
  return { customer, segment, currency, exponent };
}

function amountFor(random: Random, draft: CustomerDraft): number {
  const [lo, hi] =
    draft.segment === 'strategic' ? [5_000, 250_000] : draft.segment === 'chronic-late-payer' ? [200, 20_000] : [500, 50_000];
  const major = random.int(lo, hi) * (draft.currency === 'JPY' ? 100 : 1);
  // Cents are drawn too: totals are rarely round.
  return major * 10 ** draft.exponent + (draft.exponent > 0 ? random.int(0, 99) : 0);
}

/** How long before `now` the collector last ran over this invoice, in days. */
function lagDays(random: Random): number {
  return random.weighted<number>([
    [1, 60],
    [random.int(2, 7), 28],
    [random.int(8, 30), 12],
  ]);
}

interface Steps {
  activities: Activity[];
  seq: number;
}

function pushAction(state: Steps, snapshot: Snapshot, at: number, decision: ActDecision, outcome: ActionActivity['outcome']): void {
  state.activities.push(
    actionActivity(decision, {
      id: `act_${snapshot.invoice.id}_${state.seq++}`,
      customerId: snapshot.customer.id,
      at,
      outcome,
      ...(outcome === 'failed' ? { detail: 'mailbox temporarily unavailable', permanent: false } : {}),
    }),
  );
}

/** Steps the engine from the issue date to `end`, taking every action it decides, as `plan` does. */
function stepHistory(random: Random, snapshot: Snapshot, policy: CompiledPolicy, end: number): void {
  const state: Steps = { activities: snapshot.activities as Activity[], seq: 0 };
  let t = Date.parse(`${snapshot.invoice.issueDate}T08:00:00.000Z`);
  // Every act adds an activity and every wait moves time forward, so this ends well before the guard.
  for (let guard = 0; guard < 400 && t <= end; guard++) {
    const decision = nextAction(snapshot, t, policy);
    if (decision.kind === 'done') return;
    if (decision.kind === 'wait') {
      if (decision.until === null) return;
      t = Date.parse(decision.until);
      continue;
    }
    const a = decision.action;
    const customerFacing = a.channel !== undefined;
    if (customerFacing && decision.step.attempt === 1 && random.chance(0.02)) {
      pushAction(state, snapshot, t, decision, 'failed');
      continue;
    }
    pushAction(state, snapshot, t, decision, decision.requiresApproval ? 'approved' : 'sent');
    const base = { customerId: snapshot.customer.id, invoiceId: snapshot.invoice.id, actor: { type: 'provider' as const } };
    if (a.channel === 'email' || a.channel === 'sms') {
      state.activities.push({
        ...base,
        id: `dlv_${snapshot.invoice.id}_${state.seq++}`,
        type: 'delivery',
        at: iso(t + 60_000),
        channel: a.channel,
        event: 'delivered',
        actionKey: decision.idempotencyKey,
        ...(a.contactId !== undefined ? { contactId: a.contactId } : {}),
      });
      if (random.chance(0.35)) {
        state.activities.push({
          ...base,
          id: `dlv_${snapshot.invoice.id}_${state.seq++}`,
          type: 'delivery',
          at: iso(t + 2 * HOUR),
          channel: a.channel,
          event: 'opened',
          actionKey: decision.idempotencyKey,
        });
      }
    } else if (a.type === 'call-task' && random.chance(0.5)) {
      const outcome = random.weighted<'no-answer' | 'voicemail' | 'reached'>([
        ['no-answer', 60],
        ['voicemail', 15],
        ['reached', 25],
      ]);
      state.activities.push({
        id: `cal_${snapshot.invoice.id}_${state.seq++}`,
        type: 'call',
        at: iso(t + 3 * HOUR),
        customerId: snapshot.customer.id,
        invoiceId: snapshot.invoice.id,
        actor: { type: 'user', id: 'collector_1' },
        direction: 'outbound',
        outcome,
        automated: false,
        ...(outcome === 'reached'
          ? { notes: 'Spoke to accounts payable; payment is being scheduled.', durationSeconds: random.int(60, 600) }
          : {}),
      });
    }
  }
}

function payment(id: string, invoice: Invoice, amount: number, at: number, status: Payment['status']): Payment {
  return {
    id,
    customerId: invoice.customerId,
    amount: { amount, currency: invoice.total.currency },
    status,
    method: 'bank-transfer',
    at: iso(at),
    reference: `REF-${id}`,
    ...(status === 'failed' ? { failureReason: 'insufficient funds' } : {}),
    allocations: [{ invoiceId: invoice.id, amount }],
  };
}

function addPayment(snapshot: Snapshot, p: Payment): void {
  (snapshot.payments as Payment[]).push(p);
  (snapshot.activities as Activity[]).push({
    id: `pac_${p.id}`,
    type: 'payment',
    at: p.at,
    customerId: p.customerId,
    invoiceId: snapshot.invoice.id,
    actor: { type: 'customer' },
    paymentId: p.id,
    amount: p.amount,
    status: p.status,
    method: p.method,
  });
}

function lastActivityAt(snapshot: Snapshot, fallback: number): number {
  let last = fallback;
  for (const a of snapshot.activities) last = Math.max(last, Date.parse(a.at));
  return last;
}

/**
 * Generates the portfolio deterministically from `options.seed`. The snapshots are plain data
 * shaped like `parseSnapshot`'s output; validate them with {@link validatePortfolio} before use.
 *
 * @example
 * ```ts
 * const { snapshots, now, policy } = generatePortfolio({ invoices: 1_000 });
 * const valid = validatePortfolio(snapshots);
 * ```
 */
export function generatePortfolio(options: PortfolioOptions = {}): GeneratedPortfolio {
  const invoices = options.invoices ?? 100_000;
  const now = options.now ?? PORTFOLIO_NOW;
  const policy = options.policy ?? compilePolicy();
  const random = createRandom(options.seed ?? PORTFOLIO_SEED);
  const zones =
    options.timeZones === undefined
      ? ZONES
      : options.timeZones.map(
          (zone) => ZONES.find((z) => z.zone === zone) ?? { zone, weight: 1, currency: 'USD', locale: 'en-US', phonePrefix: '+1' },
        );
  const today = Math.floor(now / DAY);

  const customerCount = Math.max(1, Math.ceil(invoices / 8));
  const customers: CustomerDraft[] = [];
  for (let n = 0; n < customerCount; n++) customers.push(makeCustomer(random, n, zones));

  const snapshots: Snapshot[] = [];
  for (let i = 0; i < invoices; i++) {
    const draft = random.pick(customers);
    const daysPastDue = random.int(-20, 90);
    const dueDay = today - daysPastDue;
    // Terms long enough that every invoice was issued at least a week ago.
    const termDays = random.pick(daysPastDue < -7 ? [30, 45, 60] : [15, 30, 30, 45, 60]);
    const invoice: Invoice = {
      id: `inv_${i}`,
      number: `INV-${String(100_000 + i)}`,
      customerId: draft.customer.id,
      issueDate: fromEpochDay(dueDay - termDays),
      dueDate: fromEpochDay(dueDay),
      terms: `NET${termDays}`,
      total: { amount: amountFor(random, draft), currency: draft.currency },
      status: 'open',
    };
    const issuedAt = (dueDay - termDays) * DAY + 8 * HOUR;
    const snapshot: Snapshot = {
      invoice,
      customer: draft.customer,
      payments: [],
      credits: [],
      activities: [
        {
          id: `sts_${invoice.id}`,
          type: 'status',
          at: iso(issuedAt),
          customerId: draft.customer.id,
          invoiceId: invoice.id,
          actor: { type: 'system' },
          change: 'created',
        },
      ],
      recentContacts: [],
    };

    const partialShare = draft.segment === 'chronic-late-payer' ? 0.25 : draft.segment === 'standard' ? 0.12 : 0.06;
    if (random.chance(partialShare)) {
      const parts = random.int(1, 2);
      let paid = 0;
      for (let k = 0; k < parts; k++) {
        const amount = Math.max(1, Math.floor((invoice.total.amount * random.int(10, 40)) / 100));
        const at = issuedAt + random.int(1, Math.max(1, Math.floor((now - DAY - issuedAt) / HOUR))) * HOUR;
        const failed = random.chance(0.08);
        if (!failed && paid + amount >= invoice.total.amount) break;
        addPayment(snapshot, payment(`pay_${i}_${k}`, invoice, amount, Math.min(at, now - DAY), failed ? 'failed' : 'succeeded'));
        if (!failed) paid += amount;
      }
    }

    stepHistory(random, snapshot, policy, now - lagDays(random) * DAY);

    const after = Math.min(lastActivityAt(snapshot, issuedAt) + HOUR, now - HOUR);
    const fate = random.next();
    if (fate < 0.01) {
      const owed =
        invoice.total.amount - snapshot.payments.reduce((s, p) => s + (p.status === 'succeeded' ? p.allocations[0]!.amount : 0), 0);
      if (owed > 0) addPayment(snapshot, payment(`pay_${i}_full`, invoice, owed, after, 'succeeded'));
      snapshot.invoice = { ...invoice, status: 'paid' };
    } else if (fate < 0.03) {
      const owed =
        invoice.total.amount - snapshot.payments.reduce((s, p) => s + (p.status === 'succeeded' ? p.allocations[0]!.amount : 0), 0);
      if (owed > 0) addPayment(snapshot, payment(`pay_${i}_rest`, invoice, owed, after, 'succeeded'));
    } else if (fate < 0.045) {
      snapshot.invoice = {
        ...invoice,
        dispute: { reason: 'Goods received damaged; credit requested.', openedAt: iso(after), by: 'customer' },
      };
      (snapshot.activities as Activity[]).push({
        id: `sts_${invoice.id}_dispute`,
        type: 'status',
        at: iso(after),
        customerId: invoice.customerId,
        invoiceId: invoice.id,
        actor: { type: 'customer' },
        change: 'dispute-opened',
        reason: 'Goods received damaged',
      });
    } else if (fate < 0.06) {
      // Only pauses still in force: a resumed pause shifts the remaining steps, which the
      // stand-alone equivalents of the engine do not model.
      const until = random.weighted<number | undefined>([
        [today + random.int(1, 20), 2],
        [undefined, 1],
      ]);
      snapshot.invoice = {
        ...invoice,
        pause: {
          reason: 'Customer restructuring accounts payable',
          since: iso(after),
          ...(until !== undefined ? { until: fromEpochDay(until) } : {}),
          by: 'collector_1',
        },
      };
      (snapshot.activities as Activity[]).push({
        id: `sts_${invoice.id}_pause`,
        type: 'status',
        at: iso(after),
        customerId: invoice.customerId,
        invoiceId: invoice.id,
        actor: { type: 'user', id: 'collector_1' },
        change: 'paused',
      });
    } else if (fate < 0.063) {
      snapshot.invoice = { ...invoice, status: 'void' };
    } else if (fate < 0.065 && daysPastDue > 60) {
      snapshot.invoice = { ...invoice, status: 'written-off' };
    } else if (fate < 0.075) {
      snapshot.credits.push({
        id: `crn_${i}`,
        invoiceId: invoice.id,
        amount: { amount: Math.max(1, Math.floor(invoice.total.amount / 20)), currency: invoice.total.currency },
        at: iso(after),
        reason: 'Pricing adjustment',
      });
    }
    snapshots.push(snapshot);
  }

  // What storage would hand the engine: the customer's touches on its other invoices this week.
  const recent = new Map<string, RecentContact[]>();
  for (const s of snapshots) {
    for (const a of s.activities) {
      if (a.type !== 'action' || a.outcome === 'failed') continue;
      const at = Date.parse(a.at);
      if (at <= now - 7 * DAY) continue;
      const kind = a.action === 'call-task' ? 'call-attempt' : a.channel !== undefined ? 'message' : undefined;
      if (kind === undefined) continue;
      let list = recent.get(s.customer.id);
      if (list === undefined) recent.set(s.customer.id, (list = []));
      list.push({ at: a.at, invoiceId: s.invoice.id, kind, ...(a.channel !== undefined ? { channel: a.channel } : {}) });
    }
  }
  for (const s of snapshots) {
    const list = recent.get(s.customer.id);
    if (list !== undefined) s.recentContacts = list.filter((c) => c.invoiceId !== s.invoice.id).slice(-20);
  }
  // And the timeline summary storage keeps beside each invoice, extended as activities are appended.
  for (const s of snapshots) s.summary = summarizeTimeline(s.activities);
  return { now, policy, snapshots };
}

/**
 * Validates every snapshot with `parseSnapshot` and returns the parsed ones; throws naming the
 * first invalid invoice.
 *
 * @example
 * ```ts
 * const snapshots = validatePortfolio(generatePortfolio({ invoices: 1_000 }).snapshots);
 * ```
 */
export function validatePortfolio(snapshots: readonly unknown[]): Snapshot[] {
  return snapshots.map((input, i) => {
    try {
      return parseSnapshot(input);
    } catch (cause) {
      throw new Error(`portfolio snapshot ${i} is invalid: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
  });
}

/**
 * Counts by segment and status, and other figures that describe a portfolio.
 *
 * @example
 * ```ts
 * portfolioStats(snapshots).bySegment; // { standard: 70123, ... }
 * ```
 */
export function portfolioStats(snapshots: readonly Snapshot[]): PortfolioStats {
  const bySegment: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  const customers = new Set<string>();
  let activities = 0;
  let utc = 0;
  let withPayments = 0;
  let disputed = 0;
  let paused = 0;
  for (const s of snapshots) {
    const segment = s.customer.segment ?? '(none)';
    bySegment[segment] = (bySegment[segment] ?? 0) + 1;
    byStatus[s.invoice.status] = (byStatus[s.invoice.status] ?? 0) + 1;
    customers.add(s.customer.id);
    activities += s.activities.length;
    if (s.customer.timeZone === 'UTC') utc++;
    if (s.invoice.dispute !== undefined) disputed++;
    if (s.invoice.pause !== undefined) paused++;
    if (s.invoice.status === 'open' && s.payments.some((p) => p.status === 'succeeded')) withPayments++;
  }
  return {
    invoices: snapshots.length,
    customers: customers.size,
    bySegment,
    byStatus,
    utcCustomerInvoices: utc,
    activities,
    withPayments,
    disputed,
    paused,
  };
}
