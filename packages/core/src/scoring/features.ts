/**
 * Risk features: what is known about an invoice and its customer at one instant, from history
 * only. Every reader of history keeps events at or before `asOf` and ignores the rest, so a
 * feature computed today never changes because of something that happens tomorrow.
 *
 * @module
 */
import { MS_PER_DAY, toEpochDay } from '../calendar/day.js';
import { DueflowError, describeValue } from '../errors.js';
import type { Activity } from '../model/activity.js';
import type { CreditNote, Invoice, Payment } from '../model/invoice.js';
import type { Money } from '../model/money.js';
import type { PromiseToPay } from '../model/promise.js';
import type { CustomerStats } from '../engine/snapshot.js';
import { agingBucket, type AgingBucket } from '../metrics/aging.js';
import { textSignals } from './text-signals.js';

/**
 * Another invoice of the same customer, with when it was settled. Only what was known at
 * `asOf` is read: invoices issued after it are ignored, and one settled after it counts as
 * still open.
 */
export interface HistoricalInvoice {
  readonly id: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly total: Money;
  /** When the invoice was fully settled (ISO instant); absent while it is open. */
  readonly settledAt?: string;
  /** Void invoices are ignored; every other status counts. */
  readonly status?: Invoice['status'];
  /** Whether it was sent on paper; compared with the scored invoice's `paperBilling`. */
  readonly paperBilling?: boolean;
}

/** Everything the features read about one invoice. Only `invoice` is required. */
export interface RiskInput {
  readonly invoice: Invoice;
  /** The customer's payments (any invoice): applied amounts and the date of the last payment. */
  readonly payments?: readonly Payment[];
  readonly credits?: readonly CreditNote[];
  /** The invoice's and the customer's timeline: promises, disputes, plans, deliveries, notes. */
  readonly activities?: readonly Activity[];
  /** Promise records, for promises whose outcome is not in `activities`. */
  readonly promises?: readonly PromiseToPay[];
  /** The customer's other invoices, settled or not. The scored invoice itself is skipped. */
  readonly history?: readonly HistoricalInvoice[];
  /** Whether the invoice was sent on paper (`true`), electronically (`false`), or unknown. */
  readonly paperBilling?: boolean;
  /**
   * A summary of the customer's settled history (from storage), read only when `history` is
   * absent. It has no dates, so it must describe the customer as of `asOf`.
   */
  readonly stats?: CustomerStats;
}

/** Portfolio means the customer's history is shrunk towards when it is short. */
export interface RiskPrior {
  /** Share of settled invoices paid after their due date across the portfolio. */
  readonly lateShare: number;
  /** Mean days late across settled invoices of the portfolio (0 for on-time payments). */
  readonly averageDaysLate: number;
  /** Mean days from due date to settlement across the portfolio (negative when paid early). */
  readonly averageDelay: number;
  /** Standard deviation of those days across the portfolio. */
  readonly delaySpread: number;
}

/** Options of {@link riskFeatures}. */
export interface RiskFeatureOptions {
  /**
   * Portfolio means for shrinkage; compute them from your own history with {@link portfolioPrior}.
   * @default { lateShare: 0.3, averageDaysLate: 4, averageDelay: -5, delaySpread: 12 }
   */
  readonly prior?: RiskPrior;
  /**
   * Weight of the prior, in invoices: a customer with `n` settled invoices gets
   * `(n * own + k * prior) / (n + k)`.
   * @default 4
   */
  readonly priorStrength?: number;
  /**
   * The portfolio's typical (median) invoice total per currency, in minor units, for
   * `portfolioAmountRatio`; compute it with {@link typicalInvoiceAmounts}.
   * @default {}
   */
  readonly typicalAmounts?: Readonly<Record<string, number>>;
  /**
   * Half-life in days of the recency weighting of `recentLateShare`.
   * @default 120
   */
  readonly recencyHalfLifeDays?: number;
  /**
   * How many of the most recent notes are read for text signals.
   * @default 5
   */
  readonly noteCount?: number;
}

/**
 * Default portfolio prior: 30% of invoices paid late, 4 days late on average, settled 5 days
 * before due on average (standard deviation 12 days).
 *
 * @example
 * ```ts
 * riskFeatures({ invoice }, now, { prior: DEFAULT_RISK_PRIOR }).lateShare; // 0.3 for a new customer
 * ```
 */
export const DEFAULT_RISK_PRIOR: RiskPrior = { lateShare: 0.3, averageDaysLate: 4, averageDelay: -5, delaySpread: 12 };

/**
 * What is known about an invoice at `asOf`, in readable units. {@link featureVector} turns it
 * into the numbers the model reads.
 */
export interface RiskFeatures {
  /** Whole days past the due date at `asOf` (negative before it). */
  readonly daysPastDue: number;
  readonly agingBucket: AgingBucket;
  /** Minor units still owed at `asOf`. */
  readonly outstanding: Money;
  /** Outstanding over the median total of the customer's earlier invoices in the same currency (1 without history). */
  readonly amountRatio: number;
  /** Outstanding over the portfolio's typical invoice in the same currency (1 when not given). */
  readonly portfolioAmountRatio: number;
  /**
   * Earlier invoices of the customer whose outcome is known at `asOf`: settled, or already past
   * due and unpaid (certainly late, counted as late by the days past due so far).
   */
  readonly priorInvoices: number;
  /** Share of them paid (or still unpaid) after their due date, shrunk towards the prior. */
  readonly lateShare: number;
  /** Their mean days late (0 when on time), shrunk towards the prior. */
  readonly averageDaysLate: number;
  /** Their mean days from due date to settlement (negative when paid early), shrunk towards the prior. */
  readonly averageDelay: number;
  /**
   * Probability of settling after the due date read from the customer's delays (days from due
   * date to settlement) as a normal distribution whose mean and variance are shrunk towards the
   * prior: `1 − Φ((0.5 − mean) / sd)`. Smoother than the late share: it sees how close to the
   * due date the customer usually pays, not only on which side.
   */
  readonly delayLateProbability: number;
  /** Late share weighting recent settlements more (exponential decay), shrunk towards the prior. */
  readonly recentLateShare: number;
  /**
   * Late share over the customer's settled invoices billed the same way (paper or electronic) as
   * this one, shrunk towards the customer's own `lateShare`; equal to it when the billing channel is unknown.
   */
  readonly channelLateShare: number;
  /** Whether the customer's most recent settled invoice was paid late. */
  readonly lastPaidLate: boolean;
  /** Other invoices of the customer issued and still unpaid at `asOf`. */
  readonly otherOpen: number;
  /** Of which past their due date. */
  readonly otherOverdue: number;
  readonly brokenPromises: number;
  readonly keptPromises: number;
  /** Invoices of the customer with a dispute open at `asOf`. */
  readonly openDisputes: number;
  /** Installments missed and not caught up on the customer's plans. */
  readonly planArrears: number;
  /** Delivered messages with no open, click or reply. */
  readonly ignoredMessages: number;
  /** Whether the customer replied to any message. */
  readonly replied: boolean;
  /** Days since the customer's last payment, or `null` when none is known. */
  readonly daysSinceLastPayment: number | null;
  /** AFINN-165 comparative sentiment of the latest notes (0 without notes). */
  readonly sentiment: number;
  readonly mentionsDispute: boolean;
  readonly cashFlowTrouble: boolean;
  readonly insolvency: boolean;
  readonly claimsAlreadyPaid: boolean;
  /** Whether the invoice went out on paper (`false` when electronic or unknown). */
  readonly paperBilling: boolean;
}

/**
 * Names of the model inputs, in the order of {@link featureVector}.
 *
 * @example
 * ```ts
 * const x = featureVector(features);
 * x[FEATURE_NAMES.indexOf('lateShare')]; // the logit of the shrunk late share
 * ```
 */
export const FEATURE_NAMES = [
  'daysPastDue',
  'aging1to30',
  'aging31to60',
  'aging61to90',
  'aging90plus',
  'amountRatio',
  'portfolioAmountRatio',
  'priorInvoices',
  'lateShare',
  'averageDaysLate',
  'averageDelay',
  'delayLateProbability',
  'recentLateShare',
  'channelLateShare',
  'lastPaidLate',
  'otherOpen',
  'otherOverdue',
  'brokenPromises',
  'keptPromises',
  'openDisputes',
  'planArrears',
  'ignoredMessages',
  'replied',
  'daysSinceLastPayment',
  'sentiment',
  'mentionsDispute',
  'cashFlowTrouble',
  'insolvency',
  'claimsAlreadyPaid',
  'paperBilling',
] as const;

/** A model input name. */
export type FeatureName = (typeof FEATURE_NAMES)[number];

/**
 * Number of model inputs.
 *
 * @example
 * ```ts
 * const x = new Float64Array(FEATURE_COUNT);
 * ```
 */
export const FEATURE_COUNT = FEATURE_NAMES.length;

/** An instant: a `Date`, epoch milliseconds or an ISO 8601 string. */
export type AsOf = Date | number | string;

/**
 * Epoch milliseconds of an {@link AsOf}; throws a `VALIDATION` error for an unreadable instant.
 *
 * @example
 * ```ts
 * asOfMs('2025-03-31T00:00:00Z'); // 1743379200000
 * ```
 */
export function asOfMs(asOf: AsOf): number {
  const ms = typeof asOf === 'number' ? asOf : typeof asOf === 'string' ? Date.parse(asOf) : asOf.getTime();
  if (!Number.isFinite(ms)) throw new DueflowError('VALIDATION', `asOf: expected an instant, got ${describeValue(asOf)}`);
  return ms;
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

interface HistorySummary {
  settled: number;
  late: number;
  daysLate: number;
  delay: number;
  delays: number[];
  recentWeight: number;
  recentLate: number;
  lastSettledAt: number;
  lastLate: boolean;
  sameChannel: number;
  sameChannelLate: number;
  otherOpen: number;
  otherOverdue: number;
  amounts: number[];
}

function summarizeHistory(input: RiskInput, at: number, asOfDay: number, halfLife: number): HistorySummary {
  const s: HistorySummary = {
    settled: 0,
    late: 0,
    daysLate: 0,
    delay: 0,
    delays: [],
    recentWeight: 0,
    recentLate: 0,
    lastSettledAt: -Infinity,
    lastLate: false,
    sameChannel: 0,
    sameChannelLate: 0,
    otherOpen: 0,
    otherOverdue: 0,
    amounts: [],
  };
  const self = input.invoice;
  for (const h of input.history ?? []) {
    if (h.id === self.id || h.status === 'void' || h.status === 'draft') continue;
    const issueDay = toEpochDay(h.issueDate);
    if (issueDay * MS_PER_DAY > at) continue;
    if (h.total.currency === self.total.currency) s.amounts.push(h.total.amount);
    const settledAt = h.settledAt === undefined ? Number.NaN : Date.parse(h.settledAt);
    const dueDay = toEpochDay(h.dueDate);
    const open = Number.isNaN(settledAt) || settledAt > at;
    if (open) {
      s.otherOpen++;
      if (dueDay >= asOfDay) continue;
      // Already past due and unpaid: certainly late. Counting it avoids the bias of reading only
      // settled invoices, among which late payers are under-represented.
      s.otherOverdue++;
    }
    const late = open ? asOfDay - dueDay : Math.floor(settledAt / MS_PER_DAY) - dueDay;
    const isLate = late > 0;
    s.settled++;
    s.delay += late;
    s.delays.push(late);
    if (input.paperBilling !== undefined && h.paperBilling === input.paperBilling) {
      s.sameChannel++;
      if (isLate) s.sameChannelLate++;
    }
    if (isLate) {
      s.late++;
      s.daysLate += late;
    }
    const age = open ? 0 : Math.max(0, (at - settledAt) / MS_PER_DAY);
    const w = 0.5 ** (age / halfLife);
    s.recentWeight += w;
    if (isLate) s.recentLate += w;
    if (!open && (settledAt > s.lastSettledAt || (settledAt === s.lastSettledAt && isLate))) {
      s.lastSettledAt = settledAt;
      s.lastLate = isLate;
    }
  }
  return s;
}

function appliedToInvoice(input: RiskInput, at: number): number {
  const id = input.invoice.id;
  let applied = 0;
  for (const p of input.payments ?? []) {
    if (p.status !== 'succeeded' || Date.parse(p.at) > at) continue;
    for (const a of p.allocations) if (a.invoiceId === id) applied += a.amount;
  }
  for (const c of input.credits ?? []) {
    if (c.invoiceId === id && Date.parse(c.at) <= at) applied += c.amount.amount;
  }
  return applied;
}

interface TimelineSummary {
  broken: Set<string>;
  kept: Set<string>;
  disputes: Map<string, boolean>;
  arrears: Map<string, number>;
  delivered: number;
  engaged: Set<string>;
  replied: boolean;
  notes: { at: number; text: string }[];
}

function readTimeline(input: RiskInput, at: number): TimelineSummary {
  const t: TimelineSummary = {
    broken: new Set(),
    kept: new Set(),
    disputes: new Map(),
    arrears: new Map(),
    delivered: 0,
    engaged: new Set(),
    replied: false,
    notes: [],
  };
  // Events are replayed in time order so the last state before `asOf` wins whatever the input order.
  const events = (input.activities ?? [])
    .map((a) => ({ a, ms: Date.parse(a.at) }))
    .filter((e) => e.ms <= at)
    .sort((x, y) => x.ms - y.ms || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0));
  for (const { a, ms } of events) {
    switch (a.type) {
      case 'promise':
        if (a.event === 'kept') t.kept.add(a.promiseId);
        else if (a.event === 'broken' || a.event === 'partially-kept') t.broken.add(a.promiseId);
        break;
      case 'status':
        if (a.change === 'dispute-opened') t.disputes.set(a.invoiceId ?? a.customerId, true);
        else if (a.change === 'dispute-resolved') t.disputes.set(a.invoiceId ?? a.customerId, false);
        break;
      case 'plan': {
        const missed = t.arrears.get(a.planId) ?? 0;
        if (a.event === 'installment-missed') t.arrears.set(a.planId, missed + 1);
        else if (a.event === 'in-arrears') t.arrears.set(a.planId, Math.max(1, missed));
        else if (a.event === 'defaulted') t.arrears.set(a.planId, Math.max(2, missed));
        else if (a.event === 'back-on-track' || a.event === 'completed' || a.event === 'cancelled') t.arrears.set(a.planId, 0);
        break;
      }
      case 'delivery':
        if (a.event === 'delivered') t.delivered++;
        else if (a.event === 'opened' || a.event === 'clicked' || a.event === 'replied') {
          t.engaged.add(a.actionKey ?? a.id);
          if (a.event === 'replied') t.replied = true;
        }
        break;
      case 'note':
        t.notes.push({ at: ms, text: a.text });
        break;
      default:
        break;
    }
  }
  for (const p of input.promises ?? []) {
    if (p.settledAt === undefined || Date.parse(p.settledAt) > at) continue;
    if (t.kept.has(p.id) || t.broken.has(p.id)) continue;
    if (p.status === 'kept') t.kept.add(p.id);
    else if (p.status === 'broken' || p.status === 'partially-kept') t.broken.add(p.id);
  }
  const dispute = input.invoice.dispute;
  if (dispute !== undefined && Date.parse(dispute.openedAt) <= at && !t.disputes.has(input.invoice.id))
    t.disputes.set(input.invoice.id, true);
  return t;
}

/**
 * Computes the risk features of one invoice as of an instant, from history only: payments,
 * credits, activities, promises and other invoices dated after `asOf` are ignored.
 *
 * The customer's lateness (share late, mean days late, recency-weighted share) is shrunk towards
 * the portfolio prior with strength `priorStrength` (empirical Bayes): with `n` settled invoices
 * the estimate is `(n * own + k * prior) / (n + k)`, so a new customer starts at the portfolio mean.
 *
 * @example
 * ```ts
 * const features = riskFeatures({ invoice, payments, activities, history }, '2025-03-31T00:00:00Z');
 * features.agingBucket; // '31-60'
 * ```
 */
export function riskFeatures(input: RiskInput, asOf: AsOf, options: RiskFeatureOptions = {}): RiskFeatures {
  const at = asOfMs(asOf);
  const asOfDay = Math.floor(at / MS_PER_DAY);
  const prior = options.prior ?? DEFAULT_RISK_PRIOR;
  const k = options.priorStrength ?? 4;
  const invoice = input.invoice;
  const daysPastDue = asOfDay - toEpochDay(invoice.dueDate);
  const owed = Math.max(0, invoice.total.amount - appliedToInvoice(input, at));

  const h = summarizeHistory(input, at, asOfDay, options.recencyHalfLifeDays ?? 120);
  const stats = input.history === undefined ? input.stats : undefined;
  if (stats !== undefined) {
    // Without dated history the summary stands in: counts and means only, spread at the prior's.
    h.settled = stats.settledInvoices;
    h.late = stats.paidLate;
    h.daysLate = stats.averageDaysLate * stats.settledInvoices;
    h.delay = prior.averageDelay * (stats.settledInvoices - stats.paidLate) + h.daysLate;
    h.recentWeight = h.settled;
    h.recentLate = h.late;
    if (stats.averageInvoiceAmount !== undefined && stats.averageInvoiceAmount > 0) h.amounts.push(stats.averageInvoiceAmount);
    if (stats.lastPaymentAt !== undefined && Date.parse(stats.lastPaymentAt) <= at) h.lastSettledAt = Date.parse(stats.lastPaymentAt);
  }
  const usual = h.amounts.length > 0 ? median(h.amounts) : 0;
  const amountRatio = usual > 0 ? owed / usual : 1;
  const typical = options.typicalAmounts?.[invoice.total.currency];
  const averageDelay = (h.delay + k * prior.averageDelay) / (h.settled + k);
  const lateShare = (h.late + k * prior.lateShare) / (h.settled + k);
  const averageDaysLate = (h.daysLate + k * prior.averageDaysLate) / (h.settled + k);
  let squares = k * prior.delaySpread * prior.delaySpread;
  for (const d of h.delays) squares += (d - averageDelay) * (d - averageDelay);
  const spread = stats !== undefined ? prior.delaySpread : Math.sqrt(squares / (h.settled + k));
  const delayLateProbability = 1 - normalCdf((0.5 - averageDelay) / Math.max(spread, 0.5));
  const channelLateShare = (h.sameChannelLate + k * lateShare) / (h.sameChannel + k);
  const recentLateShare = (h.recentLate + k * prior.lateShare) / (h.recentWeight + k);

  const t = readTimeline(input, at);
  let lastPayment = h.lastSettledAt;
  for (const p of input.payments ?? []) {
    if (p.status !== 'succeeded') continue;
    const ms = Date.parse(p.at);
    if (ms <= at && ms > lastPayment) lastPayment = ms;
  }
  let openDisputes = 0;
  for (const open of t.disputes.values()) if (open) openDisputes++;
  openDisputes = Math.max(openDisputes, stats?.openDisputes ?? 0);
  let planArrears = 0;
  for (const missed of t.arrears.values()) planArrears += missed;
  t.notes.sort((a, b) => b.at - a.at);
  const text = textSignals(t.notes.slice(0, options.noteCount ?? 5).map((n) => n.text));

  return {
    daysPastDue,
    agingBucket: agingBucket(daysPastDue),
    outstanding: { amount: owed, currency: invoice.total.currency },
    amountRatio,
    portfolioAmountRatio: typical !== undefined && typical > 0 ? owed / typical : 1,
    priorInvoices: h.settled,
    lateShare,
    averageDaysLate,
    averageDelay,
    delayLateProbability,
    recentLateShare,
    channelLateShare,
    lastPaidLate: h.lastLate,
    otherOpen: h.otherOpen,
    otherOverdue: h.otherOverdue,
    brokenPromises: Math.max(t.broken.size, stats?.brokenPromises ?? 0),
    keptPromises: Math.max(t.kept.size, stats?.keptPromises ?? 0),
    openDisputes,
    planArrears,
    ignoredMessages: Math.max(0, t.delivered - t.engaged.size),
    replied: t.replied,
    daysSinceLastPayment: lastPayment === -Infinity ? null : Math.max(0, Math.floor((at - lastPayment) / MS_PER_DAY)),
    sentiment: text.sentiment,
    mentionsDispute: text.mentionsDispute,
    cashFlowTrouble: text.cashFlowTrouble,
    insolvency: text.insolvency,
    claimsAlreadyPaid: text.claimsAlreadyPaid,
    paperBilling: input.paperBilling === true,
  };
}

const b = (flag: boolean): number => (flag ? 1 : 0);

/** Standard normal CDF (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

function logit(share: number): number {
  const p = Math.min(Math.max(share, 0.01), 0.99);
  return Math.log(p / (1 - p));
}

/**
 * The model's numeric inputs, in {@link FEATURE_NAMES} order. Transforms keep every input on a
 * modest range: days past due in months capped at 6, amounts and counts on a log scale,
 * days since the last payment as `log(1 + days)` capped at a year (a year when none is known).
 *
 * @example
 * ```ts
 * const x = featureVector(riskFeatures(input, asOf));
 * x.length === FEATURE_COUNT; // true
 * ```
 */
export function featureVector(f: RiskFeatures, out: Float64Array = new Float64Array(FEATURE_COUNT)): Float64Array {
  const bucket = f.agingBucket;
  out[0] = Math.min(Math.max(f.daysPastDue, 0), 180) / 30;
  out[1] = b(bucket === '1-30');
  out[2] = b(bucket === '31-60');
  out[3] = b(bucket === '61-90');
  out[4] = b(bucket === '90+');
  out[5] = Math.min(3, Math.max(-3, Math.log(Math.max(f.amountRatio, 1e-3))));
  out[6] = Math.min(3, Math.max(-3, Math.log(Math.max(f.portfolioAmountRatio, 1e-3))));
  out[7] = Math.log1p(f.priorInvoices);
  out[8] = logit(f.lateShare);
  out[9] = f.averageDaysLate;
  out[10] = Math.min(60, Math.max(-60, f.averageDelay));
  out[11] = logit(f.delayLateProbability);
  out[12] = logit(f.recentLateShare);
  out[13] = logit(f.channelLateShare);
  out[14] = b(f.lastPaidLate);
  out[15] = Math.log1p(f.otherOpen);
  out[16] = Math.log1p(f.otherOverdue);
  out[17] = Math.min(f.brokenPromises, 5);
  out[18] = Math.min(f.keptPromises, 5);
  out[19] = Math.min(f.openDisputes, 5);
  out[20] = Math.min(f.planArrears, 5);
  out[21] = Math.log1p(f.ignoredMessages);
  out[22] = b(f.replied);
  out[23] = Math.log1p(Math.min(f.daysSinceLastPayment ?? 365, 365));
  out[24] = f.sentiment;
  out[25] = b(f.mentionsDispute);
  out[26] = b(f.cashFlowTrouble);
  out[27] = b(f.insolvency);
  out[28] = b(f.claimsAlreadyPaid);
  out[29] = b(f.paperBilling);
  return out;
}

/**
 * Portfolio prior from settled history: the share of invoices paid after their due date and the
 * mean days late, counting only invoices settled at or before `asOf`.
 *
 * @example
 * ```ts
 * portfolioPrior(allInvoices, '2025-01-01T00:00:00Z'); // { lateShare: 0.36, averageDaysLate: 3.4, averageDelay: -4.1, delaySpread: 11.8 }
 * ```
 */
export function portfolioPrior(history: readonly HistoricalInvoice[], asOf: AsOf): RiskPrior {
  const at = asOfMs(asOf);
  let settled = 0;
  let late = 0;
  let days = 0;
  let delay = 0;
  let squares = 0;
  for (const h of history) {
    if (h.settledAt === undefined || h.status === 'void') continue;
    const ms = Date.parse(h.settledAt);
    if (!(ms <= at)) continue;
    const d = Math.floor(ms / MS_PER_DAY) - toEpochDay(h.dueDate);
    settled++;
    delay += d;
    squares += d * d;
    if (d > 0) {
      late++;
      days += d;
    }
  }
  if (settled === 0) return DEFAULT_RISK_PRIOR;
  const mean = delay / settled;
  return {
    lateShare: late / settled,
    averageDaysLate: days / settled,
    averageDelay: mean,
    delaySpread: Math.sqrt(Math.max(squares / settled - mean * mean, 0)),
  };
}

/**
 * The median invoice total per currency (minor units) of invoices issued at or before `asOf`,
 * for the `typicalAmounts` option of {@link riskFeatures}.
 *
 * @example
 * ```ts
 * typicalInvoiceAmounts(history, '2025-01-01T00:00:00Z'); // { USD: 59900, EUR: 120000 }
 * ```
 */
export function typicalInvoiceAmounts(history: readonly HistoricalInvoice[], asOf: AsOf): Record<string, number> {
  const at = asOfMs(asOf);
  const byCurrency = new Map<string, number[]>();
  for (const h of history) {
    if (h.status === 'void' || toEpochDay(h.issueDate) * MS_PER_DAY > at) continue;
    const list = byCurrency.get(h.total.currency) ?? [];
    list.push(h.total.amount);
    byCurrency.set(h.total.currency, list);
  }
  const out: Record<string, number> = {};
  for (const [currency, amounts] of [...byCurrency.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) out[currency] = median(amounts);
  return out;
}
