/**
 * The action queue: today's work across every invoice, most valuable first, each entry with the
 * decided step, the template, the reasons and the risk behind its place in the queue.
 *
 * @module
 */
import { ConfigError, describeValue } from '../errors.js';
import { currencyExponent } from '../model/currencies.js';
import type { ActionType } from '../model/activity.js';
import type { Money } from '../model/money.js';
import type { CompiledPolicy } from '../model/policy.js';
import type { ChannelKind, Tone } from '../model/primitives.js';
import type { ActDecision } from '../engine/decision.js';
import { describeReason } from '../engine/explain.js';
import { nextAction } from '../engine/next-action.js';
import type { Snapshot } from '../engine/snapshot.js';
import { asOfMs, riskFeatures, type AsOf, type FeatureName, type HistoricalInvoice, type RiskFeatureOptions } from './features.js';
import { DEFAULT_RISK_MODEL, scoreRisk, type RiskBand, type RiskModel } from './model.js';

/**
 * Version of the {@link ActionQueue} JSON shape. Bumped only on a breaking change.
 *
 * @example
 * ```ts
 * if (queue.schemaVersion !== ACTION_QUEUE_SCHEMA_VERSION) throw new Error('unexpected queue shape');
 * ```
 */
export const ACTION_QUEUE_SCHEMA_VERSION = 1;

/**
 * The note every entry carries: the score supports a person's judgement.
 *
 * @example
 * ```ts
 * queue.entries[0].note === RISK_SCORE_NOTE; // true
 * ```
 */
export const RISK_SCORE_NOTE = "The risk score is an indicator to support a person's judgement, not a verdict on the customer.";

/** Exchange rates into one reference currency, for ordering across currencies. */
export interface FxRates {
  /** ISO 4217 code every amount is converted to. */
  readonly referenceCurrency: string;
  /** Units (major) of the reference currency for one unit (major) of each currency, e.g. `{ EUR: 1.08 }` into USD. */
  readonly rates: Readonly<Record<string, number>>;
}

/** Options of {@link buildActionQueue}. */
export interface ActionQueueOptions {
  /** Validated snapshots (see `parseSnapshot`), one per open invoice. */
  readonly snapshots: readonly Snapshot[];
  /** The moment the queue is built for. */
  readonly now: AsOf;
  readonly policy: CompiledPolicy;
  /**
   * The risk model.
   * @default DEFAULT_RISK_MODEL
   */
  readonly model?: RiskModel;
  /**
   * Each customer's other invoices with settlement dates, by customer id; without it the
   * snapshot's `customerStats` (or the prior) stands in.
   * @default {}
   */
  readonly history?: Readonly<Record<string, readonly HistoricalInvoice[]>>;
  /**
   * Options of `riskFeatures`.
   * @default {}
   */
  readonly features?: RiskFeatureOptions;
  /**
   * Actions already decided and waiting for a person's approval (e.g. from the outbox); they join
   * the queue with status `awaiting-approval`.
   * @default []
   */
  readonly pendingApprovals?: readonly ActDecision[];
  /**
   * Rates into a reference currency; without them entries are ordered within each currency.
   * @default undefined
   */
  readonly fx?: FxRates;
}

/** One risk factor as the queue shows it. */
export interface QueueRiskFactor {
  readonly feature: FeatureName;
  /** Signed share of the logit. */
  readonly contribution: number;
  readonly sentence: string;
}

/** One entry of the queue. The JSON shape is documented in `docs/risk-scoring.md`. */
export interface ActionQueueEntry {
  /** 1 for the first entry. */
  readonly rank: number;
  /** `ready`: decided now; `awaiting-approval`: decided earlier, a person must approve it. */
  readonly status: 'ready' | 'awaiting-approval';
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly idempotencyKey: string;
  readonly step: { readonly id: string; readonly name: string; readonly occurrence: number };
  readonly action: {
    readonly type: ActionType;
    readonly channel: ChannelKind | null;
    readonly contactId: string | null;
    readonly tone: Tone | null;
  };
  /** The template to use, or `null` when the step has none. */
  readonly template: string | null;
  readonly requiresApproval: boolean;
  /** Send window (ISO instants, end exclusive). */
  readonly window: { readonly start: string; readonly end: string };
  readonly outstanding: Money;
  readonly daysPastDue: number;
  readonly risk: {
    readonly probability: number;
    readonly score: number;
    readonly band: RiskBand;
    readonly model: 'default' | 'trained';
    readonly factors: readonly QueueRiskFactor[];
  };
  /** `(1 + min(max(daysPastDue, 0), 90) / 30) × (1.5 when a person is needed, else 1)`. */
  readonly urgency: number;
  /** `outstanding × probability × urgency`, rounded to minor units, in the reference currency when rates are given. */
  readonly expectedValue: Money;
  /** The decision's reasons in words, then the top risk factors. */
  readonly reasons: readonly string[];
  readonly note: string;
}

/** Today's work, as JSON-ready data. */
export interface ActionQueue {
  readonly schemaVersion: typeof ACTION_QUEUE_SCHEMA_VERSION;
  /** `now`, as an ISO instant. */
  readonly generatedAt: string;
  /** The currency of every `expectedValue`, or `null` when entries are ordered per currency. */
  readonly referenceCurrency: string | null;
  readonly entries: readonly ActionQueueEntry[];
  /** How many snapshots were decided, and how the decisions came out. */
  readonly counts: {
    readonly snapshots: number;
    readonly act: number;
    readonly awaitingApproval: number;
    readonly wait: number;
    readonly done: number;
  };
}

const PERSON_ACTIONS: ReadonlySet<ActionType> = new Set(['call-task', 'account-manager-alert']);

/**
 * How soon an action matters: `1 + min(max(daysPastDue, 0), 90) / 30` (1 to 4), times 1.5 when
 * it needs a person (approval, a call, an account-manager alert).
 *
 * @example
 * ```ts
 * urgencyOf(45, false); // 2.5
 * urgencyOf(45, true);  // 3.75
 * ```
 */
export function urgencyOf(daysPastDue: number, needsPerson: boolean): number {
  return (1 + Math.min(Math.max(daysPastDue, 0), 90) / 30) * (needsPerson ? 1.5 : 1);
}

function toReference(amount: Money, fx: FxRates | undefined): Money {
  if (fx === undefined || amount.currency === fx.referenceCurrency) return amount;
  const rate = fx.rates[amount.currency];
  if (rate === undefined || !(rate > 0))
    throw new ConfigError(`fx.rates.${amount.currency}: expected a positive rate into ${fx.referenceCurrency}, got ${describeValue(rate)}`);
  const from = currencyExponent(amount.currency) ?? 2;
  const to = currencyExponent(fx.referenceCurrency) ?? 2;
  return { amount: Math.round(amount.amount * rate * 10 ** (to - from)), currency: fx.referenceCurrency };
}

/**
 * Builds today's action queue: decides every snapshot with `nextAction`, keeps the acts (and the
 * approvals pending, if given), scores each invoice's risk, and orders entries by expected value
 * `outstanding × probability × urgency` (see {@link urgencyOf}), highest first; ties by invoice
 * id. With `fx`, amounts are converted to the reference currency and ordered together; without,
 * entries are grouped by currency (codes in alphabetical order) and ordered within each.
 *
 * @example
 * ```ts
 * const queue = buildActionQueue({ snapshots, now: '2025-03-31T09:00:00Z', policy: compilePolicy(), model });
 * for (const e of queue.entries) console.log(e.rank, e.invoiceNumber, e.step.name, e.risk.band, e.reasons[0]);
 * ```
 */
export function buildActionQueue(options: ActionQueueOptions): ActionQueue {
  const nowMs = asOfMs(options.now);
  const model = options.model ?? DEFAULT_RISK_MODEL;
  const fx = options.fx;
  if (fx !== undefined && currencyExponent(fx.referenceCurrency) === undefined) {
    throw new ConfigError(`fx.referenceCurrency: unknown ISO 4217 currency code ${describeValue(fx.referenceCurrency)}`);
  }
  const counts = { snapshots: options.snapshots.length, act: 0, awaitingApproval: 0, wait: 0, done: 0 };
  const work: { status: ActionQueueEntry['status']; decision: ActDecision; snapshot: Snapshot }[] = [];
  const bySnapshot = new Map<string, Snapshot>();
  const keys = new Set<string>();
  for (const approval of options.pendingApprovals ?? []) keys.add(approval.idempotencyKey);
  for (const snapshot of options.snapshots) {
    bySnapshot.set(snapshot.invoice.id, snapshot);
    const decision = nextAction(snapshot, nowMs, options.policy);
    if (decision.kind === 'act') {
      if (keys.has(decision.idempotencyKey)) continue;
      counts.act++;
      keys.add(decision.idempotencyKey);
      work.push({ status: 'ready', decision, snapshot });
    } else if (decision.kind === 'wait') counts.wait++;
    else counts.done++;
  }
  for (const approval of options.pendingApprovals ?? []) {
    const snapshot = bySnapshot.get(approval.invoiceId);
    if (snapshot === undefined) continue;
    counts.awaitingApproval++;
    work.push({ status: 'awaiting-approval', decision: approval, snapshot });
  }

  const entries = work.map(({ status, decision, snapshot }): Omit<ActionQueueEntry, 'rank'> => {
    const invoice = snapshot.invoice;
    const history = options.history?.[invoice.customerId];
    const features = riskFeatures(
      {
        invoice,
        payments: snapshot.payments,
        credits: snapshot.credits,
        activities: snapshot.activities,
        promises: snapshot.promise === undefined ? [] : [snapshot.promise],
        ...(history !== undefined ? { history } : {}),
        ...(snapshot.customerStats !== undefined ? { stats: snapshot.customerStats } : {}),
      },
      nowMs,
      options.features,
    );
    const risk = scoreRisk(features, model);
    const stepDue = decision.reasons.find((r) => r.code === 'step-due');
    const daysPastDue = stepDue?.code === 'step-due' ? stepDue.daysPastDue : features.daysPastDue;
    const needsPerson = status === 'awaiting-approval' || decision.requiresApproval || PERSON_ACTIONS.has(decision.action.type);
    const urgency = urgencyOf(daysPastDue, needsPerson);
    const outstanding = decision.outstanding;
    const value = toReference(outstanding, fx);
    const factors = risk.topFactors.map((f) => ({ feature: f.feature, contribution: f.contribution, sentence: f.sentence }));
    return {
      status,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      customerId: invoice.customerId,
      customerName: snapshot.customer.name,
      idempotencyKey: decision.idempotencyKey,
      step: { id: decision.step.id, name: decision.step.name, occurrence: decision.step.occurrence },
      action: {
        type: decision.action.type,
        channel: decision.action.channel ?? null,
        contactId: decision.action.contactId ?? null,
        tone: decision.action.tone ?? null,
      },
      template: decision.action.template ?? null,
      requiresApproval: decision.requiresApproval,
      window: { start: decision.window.start, end: decision.window.end },
      outstanding,
      daysPastDue,
      risk: { probability: risk.probability, score: risk.score, band: risk.band, model: model.source, factors },
      urgency,
      expectedValue: { amount: Math.round(value.amount * risk.probability * urgency), currency: value.currency },
      reasons: [
        ...decision.reasons.map((r) => describeReason(r)),
        ...factors.map((f) => `${f.sentence.charAt(0).toUpperCase()}${f.sentence.slice(1)}.`),
      ],
      note: RISK_SCORE_NOTE,
    };
  });
  entries.sort((a, b) => {
    if (fx === undefined && a.expectedValue.currency !== b.expectedValue.currency)
      return a.expectedValue.currency < b.expectedValue.currency ? -1 : 1;
    return (
      b.expectedValue.amount - a.expectedValue.amount ||
      (a.invoiceId < b.invoiceId ? -1 : a.invoiceId > b.invoiceId ? 1 : 0) ||
      (a.idempotencyKey < b.idempotencyKey ? -1 : 1)
    );
  });
  return {
    schemaVersion: ACTION_QUEUE_SCHEMA_VERSION,
    generatedAt: new Date(nowMs).toISOString(),
    referenceCurrency: fx?.referenceCurrency ?? null,
    entries: entries.map((e, i) => ({ rank: i + 1, ...e })),
    counts,
  };
}
