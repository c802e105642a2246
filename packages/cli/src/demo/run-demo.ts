/**
 * `runDemo`: generate the portfolio, run 90 days through the collector and the control run
 * without reminders, and summarise what happened as JSON-ready data.
 *
 * @module
 */
import { addDays, fromEpochDay, isoWeekday, toEpochDay } from '@dueflow/core';
import type { ActionQueueEntry } from '@dueflow/core/scoring';
import type { Storage } from '@dueflow/runtime/ports';
import { loadActionQueue } from '../report/load-queue.js';
import { loadLedger } from '../report/load-ledger.js';
import {
  agingSummary,
  collectedBetween,
  dsoSeries,
  mainCurrency,
  portfolioMetrics,
  type AgingSummary,
  type PortfolioMetrics,
} from '../report/portfolio-metrics.js';
import { demoPolicy, demoRenderer } from './demo-setup.js';
import { generatePortfolio, type DemoSegment } from './generate-portfolio.js';
import { simulateControl, simulateWithCollector, type SimulationCounts } from './simulate.js';

/** Version of the {@link DemoSummary} JSON shape. */
export const DEMO_SCHEMA_VERSION = 1;

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** An initialised, empty store. */
  readonly storage: Storage;
  /** Folder the simulated messages are written to. */
  readonly outboxDir: string;
  /** "Today" (epoch ms): the simulation covers the `days` days before it. */
  readonly now: number;
  /** @default 20260101 */
  readonly seed?: number;
  /** @default 150 */
  readonly customers?: number;
  /** @default 1000 */
  readonly invoices?: number;
  /** @default 90 */
  readonly days?: number;
  /** Called after each simulated day. */
  readonly onDay?: (done: number, total: number) => void;
}

/** One line of the queue as the demo prints it. */
export interface DemoQueueEntry {
  readonly rank: number;
  readonly status: ActionQueueEntry['status'];
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly customerName: string;
  readonly step: string;
  readonly action: string;
  readonly channel: string | null;
  readonly outstanding: { readonly amount: number; readonly currency: string };
  readonly daysPastDue: number;
  readonly riskBand: string;
  readonly expectedValue: { readonly amount: number; readonly currency: string };
  readonly reasons: readonly string[];
}

/** Everything the demo found, as printed by `dueflow demo --json`. */
export interface DemoSummary {
  readonly schemaVersion: typeof DEMO_SCHEMA_VERSION;
  /** Always true: the numbers come from a simulated portfolio and simulated customers. */
  readonly simulation: true;
  readonly seed: number;
  readonly period: { readonly start: string; readonly end: string; readonly days: number };
  readonly portfolio: {
    readonly customers: number;
    readonly invoices: number;
    readonly openAtStart: number;
    readonly issuedDuringSimulation: number;
    readonly behaviour: Readonly<Record<DemoSegment, number>>;
    readonly timeZones: readonly string[];
  };
  readonly activity: SimulationCounts;
  readonly metrics: {
    /** The 30 days before the simulation (the history, with no collection process). */
    readonly before: PortfolioMetrics;
    /** The last 30 simulated days, with Dueflow sending reminders. */
    readonly after: PortfolioMetrics;
    /** The last 30 simulated days of the control run, without any reminder. */
    readonly control: PortfolioMetrics;
  };
  readonly effect: {
    readonly currency: string;
    readonly collectedWith: number;
    readonly collectedWithout: number;
    readonly collectedDifference: number;
    /** DSO at the end with reminders minus without (negative: faster collection). */
    readonly dsoDifference: number | null;
  };
  readonly aging: { readonly with: AgingSummary; readonly without: AgingSummary };
  readonly dso: {
    readonly with: readonly { date: string; dso: number | null }[];
    readonly without: readonly { date: string; dso: number | null }[];
  };
  readonly queue: {
    /** The instant the queue was built for: 10:00 UTC on the first working day from today. */
    readonly at: string;
    /** How entries are ranked. */
    readonly ranking: 'buildActionQueue: outstanding × risk probability × urgency';
    readonly counts: { readonly act: number; readonly awaitingApproval: number; readonly wait: number; readonly done: number };
    readonly top: readonly DemoQueueEntry[];
  };
  /** Wall-clock duration of the run, milliseconds. */
  readonly durationMs: number;
}

const DAY = 86_400_000;

/**
 * Runs the demo end to end into `storage` and returns its summary. Deterministic for a seed and a
 * `now` (except `durationMs`).
 *
 * @example
 * ```ts
 * const summary = await runDemo({ storage, outboxDir: '.dueflow/outbox', now: Date.now() });
 * console.log(summary.metrics.after.dso, summary.metrics.control.dso);
 * ```
 */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const days = options.days ?? 90;
  const today = fromEpochDay(Math.floor(options.now / DAY));
  const start = addDays(today, -days);
  const end = addDays(today, -1);
  const portfolio = generatePortfolio({
    start,
    days,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.customers !== undefined ? { customers: options.customers } : {}),
    ...(options.invoices !== undefined ? { invoices: options.invoices } : {}),
  });
  const policy = demoPolicy();
  const activity = await simulateWithCollector({
    portfolio,
    storage: options.storage,
    policy,
    renderer: demoRenderer(),
    outboxDir: options.outboxDir,
    ...(options.onDay !== undefined ? { onDay: options.onDay } : {}),
  });
  const withData = await loadLedger(options.storage);
  const withoutData = simulateControl(portfolio);
  const currency = mainCurrency(withData);
  const before = portfolioMetrics(withData, addDays(start, -1), currency);
  const after = portfolioMetrics(withData, end, currency);
  const control = portfolioMetrics(withoutData, end, currency);
  const collectedWith = collectedBetween(withData, start, end, currency);
  const collectedWithout = collectedBetween(withoutData, start, end, currency);

  let queueDay = toEpochDay(today);
  while (isoWeekday(queueDay) >= 6) queueDay++;
  const queueAt = queueDay * DAY + 10 * 3_600_000;
  const queue = await loadActionQueue(options.storage, policy, queueAt);

  const behaviour: Record<DemoSegment, number> = { strategic: 0, chronic: 0, new: 0, standard: 0 };
  for (const p of portfolio.profiles.values()) behaviour[p.segment]++;
  const zones = new Set<string>();
  for (const c of portfolio.customers) {
    zones.add(c.timeZone);
    for (const contact of c.contacts) if (contact.timeZone !== undefined) zones.add(contact.timeZone);
  }
  const paidBefore = new Set(portfolio.payments.flatMap((p) => p.allocations.map((a) => a.invoiceId)));
  return {
    schemaVersion: DEMO_SCHEMA_VERSION,
    simulation: true,
    seed: portfolio.seed,
    period: { start, end, days },
    portfolio: {
      customers: portfolio.customers.length,
      invoices: portfolio.existing.length + portfolio.scheduled.length,
      openAtStart: portfolio.existing.filter((i) => !paidBefore.has(i.id)).length,
      issuedDuringSimulation: portfolio.scheduled.length,
      behaviour,
      timeZones: [...zones].sort(),
    },
    activity,
    metrics: { before, after, control },
    effect: {
      currency,
      collectedWith,
      collectedWithout,
      collectedDifference: collectedWith - collectedWithout,
      dsoDifference: after.dso === null || control.dso === null ? null : after.dso - control.dso,
    },
    aging: { with: agingSummary(withData, end, currency), without: agingSummary(withoutData, end, currency) },
    dso: {
      with: dsoSeries(withData, addDays(start, -28), end, currency),
      without: dsoSeries(withoutData, addDays(start, -28), end, currency),
    },
    queue: {
      at: new Date(queueAt).toISOString(),
      ranking: 'buildActionQueue: outstanding × risk probability × urgency',
      counts: { act: queue.counts.act, awaitingApproval: queue.counts.awaitingApproval, wait: queue.counts.wait, done: queue.counts.done },
      top: queue.entries.slice(0, 10).map((e) => ({
        rank: e.rank,
        status: e.status,
        invoiceId: e.invoiceId,
        invoiceNumber: e.invoiceNumber,
        customerName: e.customerName,
        step: e.step.name,
        action: e.action.type,
        channel: e.action.channel,
        outstanding: e.outstanding,
        daysPastDue: e.daysPastDue,
        riskBand: e.risk.band,
        expectedValue: e.expectedValue,
        reasons: e.reasons,
      })),
    },
    durationMs: Math.round(performance.now() - started),
  };
}
