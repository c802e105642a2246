/**
 * `dueflow demo`: the simulated portfolio, 90 days through the collector, and what it achieved.
 *
 * @module
 */
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { UsageError } from '../cli-error.js';
import { progressBar, withStore, type CommandContext } from '../command-context.js';
import { runDemo, type DemoSummary } from '../demo/run-demo.js';
import { compactMoney, days, money, percent, table } from '../format.js';
import { dataDirOf } from '../open-storage.js';
import { agingChart } from '../report/aging-chart.js';
import { renderHtmlReport } from '../report/html-report.js';

/** Options of the demo command. */
export interface DemoCommandOptions {
  readonly seed?: number;
  readonly customers?: number;
  readonly invoices?: number;
  readonly days?: number;
}

/** File marking a data folder as the demo's, so that a later demo may reset it. */
const DEMO_MARKER = 'DEMO';

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function positive(value: number | undefined, flag: string, max: number): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 1 || value > max)) {
    throw new UsageError(`${flag}: expected a whole number from 1 to ${max}, got ${String(value)}`);
  }
}

/**
 * Runs the demo into the store (the embedded store in `<data-dir>` is reset first), prints the
 * summary (or JSON) and writes `<data-dir>/demo-report.html`.
 *
 * @example
 * ```ts
 * await demoCommand(createContext(processIo(), {}), { seed: 7 });
 * ```
 */
export async function demoCommand(ctx: CommandContext, options: DemoCommandOptions): Promise<DemoSummary> {
  positive(options.customers, '--customers', 10_000);
  positive(options.invoices, '--invoices', 100_000);
  positive(options.days, '--days', 365);
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed))
    throw new UsageError(`--seed: expected a whole number, got ${String(options.seed)}`);
  const dataDir = dataDirOf({ cwd: ctx.io.cwd, ...(ctx.options.dataDir !== undefined ? { dataDir: ctx.options.dataDir } : {}) });
  const outboxDir = join(dataDir, 'outbox');
  if (ctx.options.databaseUrl === undefined) {
    // Only a database the demo created is ever reset: imported data is never wiped by a demo.
    const marker = join(dataDir, DEMO_MARKER);
    if ((await exists(join(dataDir, 'db'))) && !(await exists(marker))) {
      throw new UsageError(
        `demo: ${dataDir} holds a database the demo did not create; run the demo in another folder (--data-dir .dueflow-demo)`,
      );
    }
    await rm(join(dataDir, 'db'), { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    await writeFile(marker, 'This data folder was created by "dueflow demo"; the next demo resets it.\n');
  }
  const bar = progressBar(ctx, 'Simulating');
  if (ctx.options.json !== true) ctx.print(ctx.palette.dim('Preparing the embedded database and a generated portfolio...'));
  const summary = await withStore(ctx, async ({ storage }) => {
    if (ctx.options.databaseUrl !== undefined && (await storage.listInvoices({ limit: 1 })).length > 0) {
      throw new UsageError(
        `demo: tenant "${storage.tenantId}" already has invoices in this database; run the demo in an empty tenant (--tenant demo-2)`,
      );
    }
    await rm(outboxDir, { recursive: true, force: true });
    try {
      return await runDemo({
        storage,
        outboxDir,
        now: ctx.now(),
        ...options,
        onDay: (done, total) => bar.update(done, total),
      });
    } finally {
      bar.stop();
    }
  });
  const htmlPath = join(dataDir, 'demo-report.html');
  await writeFile(
    htmlPath,
    renderHtmlReport({
      title: 'Dueflow demo: receivables after 90 simulated days',
      generatedAt: summary.queue.at,
      metrics: summary.metrics.after,
      comparison: { label: 'Without reminders (control)', metrics: summary.metrics.control },
      aging: summary.aging.with,
      dso: [
        { label: 'With Dueflow', points: summary.dso.with },
        { label: 'Without reminders', points: summary.dso.without },
      ],
      notes: [
        'A simulation: a generated portfolio and simulated customers following the payment-behaviour model in docs/cli.md. The control run uses the same customers and the same random draws, with no reminder sent.',
      ],
    }),
  );
  if (ctx.options.json === true) {
    ctx.printJson({ ...summary, files: { outbox: outboxDir, htmlReport: htmlPath } });
    return summary;
  }
  printSummary(ctx, summary, relative(ctx.io.cwd, outboxDir) || outboxDir, relative(ctx.io.cwd, htmlPath) || htmlPath);
  return summary;
}

const ROUTINE = /^(\$|.*is outstanding\.|Customer segment is|Follows ladder|Internal action|Sending by)/;

/** The reasons worth a line: what fell due and why it ranks high, without the routine facts. */
function keyReasons(reasons: readonly string[]): string[] {
  const telling = reasons.filter((r) => !ROUTINE.test(r));
  const risk = telling.filter((r) => r.startsWith('Risk'));
  const why = telling.find((r) => r.startsWith('Step "')) ?? telling.find((r) => !r.startsWith('Risk'));
  return [...(why !== undefined ? [why] : []), ...risk.slice(0, 1)];
}

function printSummary(ctx: CommandContext, s: DemoSummary, outbox: string, html: string): void {
  const c = ctx.palette;
  const cur = s.effect.currency;
  const a = s.activity;
  const count = (n: number | undefined): number => n ?? 0;
  ctx.print('');
  ctx.print(c.bold(`Dueflow demo: a SIMULATION on a generated portfolio (seed ${s.seed})`));
  ctx.print(
    `Portfolio: ${s.portfolio.customers} customers (${s.portfolio.behaviour.strategic} strategic, ${s.portfolio.behaviour.chronic} chronic late payers, ${s.portfolio.behaviour.new} new, ${s.portfolio.behaviour.standard} standard), ` +
      `${s.portfolio.invoices} invoices (${s.portfolio.openAtStart} open at the start, ${s.portfolio.issuedDuringSimulation} issued during the run), contacts in ${s.portfolio.timeZones.length} time zones`,
  );
  ctx.print(
    `Simulated ${s.period.start} to ${s.period.end} (${s.period.days} days, ${a.ticks} ticks on working days) through the collector; messages written to ${outbox}/`,
  );
  ctx.print(
    `Activity: ${count(a.messages.email)} emails, ${count(a.messages.sms)} SMS, ${count(a.messages.letter)} letters; ${count(a.tasks['call-task'])} call tasks ` +
      `(${a.calls.reached} reached, ${a.promises.made} promises to pay, ${a.promises.kept} kept), ${count(a.tasks['account-manager-alert'])} account-manager alerts, ` +
      `${count(a.tasks['credit-hold'])} credit holds, ${count(a.tasks['agency-referral'])} agency referrals; ${a.bounces} bounced emails, ${a.smsOptOuts} SMS STOP replies, ` +
      `${a.disputes.opened} disputes opened and ${a.disputes.resolved} resolved; ${a.payments} payments.`,
  );
  ctx.print(
    c.dim(`Approvals: ${a.approvals} actions needing a person were auto-approved by a simulated collector one day after they were queued.`),
  );

  ctx.print('');
  ctx.print(
    c.bold(`Today's action queue, top 10 (${s.queue.at}; ranked by the core's buildActionQueue: outstanding × risk probability × urgency)`),
  );
  if (s.queue.top.length === 0) ctx.print('  Nothing to do at this moment.');
  else {
    ctx.print(
      table([
        ['>#', 'Invoice', 'Customer', 'Step', 'Channel', '>Outstanding', '>Days late', 'Risk'],
        ...s.queue.top.map((e) => [
          String(e.rank),
          e.invoiceNumber,
          e.customerName,
          `${e.step}${e.status === 'awaiting-approval' ? ' (awaiting approval)' : ''}`,
          e.channel ?? 'task',
          money(e.outstanding.amount, e.outstanding.currency),
          String(e.daysPastDue),
          e.riskBand,
        ]),
      ]),
    );
    ctx.print(c.dim('Why (the step that fell due, and the main risk factor; "dueflow explain <invoice>" gives everything):'));
    for (const e of s.queue.top) ctx.print(c.dim(`  ${String(e.rank).padStart(2)}. ${keyReasons(e.reasons).join(' ')}`));
  }
  ctx.print(
    c.dim(
      `  (${s.queue.counts.act} actions due, ${s.queue.counts.awaitingApproval} awaiting approval, ${s.queue.counts.wait} invoices waiting)`,
    ),
  );

  const m = s.metrics;
  const row = (label: string, f: (x: typeof m.before) => string): string[] => [label, f(m.before), f(m.control), f(m.after)];
  ctx.print('');
  ctx.print(c.bold('Metrics (computed by @dueflow/core over 30-day windows)'));
  ctx.print(
    table([
      ['', `>Before (${m.before.asOf})`, '>After, no reminders', '>After, with Dueflow'],
      row('DSO (days)', (x) => days(x.dso)),
      row('CEI', (x) => (x.cei === null ? 'n/a' : `${x.cei.toFixed(1)}%`)),
      row('Average days delinquent', (x) => days(x.averageDaysDelinquent)),
      row('Collected within 60 days of issue', (x) => percent(x.collectionRate)),
      row('Paid by the due date', (x) => percent(x.paidBeforeDue)),
      row('Open receivables', (x) => compactMoney(x.receivables, cur)),
      row('Of which overdue', (x) => compactMoney(x.overdue, cur)),
    ]),
  );

  const diff = s.effect.collectedDifference;
  ctx.print('');
  ctx.print(c.bold('What the collection effort achieved (simulation: same customers, same seed, same random draws)'));
  ctx.print(
    `  Collected in ${s.period.days} days: ${compactMoney(s.effect.collectedWith, cur)} with reminders vs ${compactMoney(s.effect.collectedWithout, cur)} without (${diff >= 0 ? '+' : '-'}${compactMoney(Math.abs(diff), cur)})`,
  );
  if (s.effect.dsoDifference !== null) {
    ctx.print(
      `  DSO at the end: ${days(m.after.dso)} days with reminders vs ${days(m.control.dso)} without (${s.effect.dsoDifference <= 0 ? c.green(`${days(-s.effect.dsoDifference)} days faster`) : c.red(`${days(s.effect.dsoDifference)} days slower`)})`,
    );
  }

  ctx.print('');
  ctx.print(c.bold(`Aging on ${s.aging.with.asOf} (with Dueflow)`));
  ctx.print(agingChart(s.aging.with, { palette: c }));
  ctx.print('');
  ctx.print(
    c.dim(
      `Done in ${(s.durationMs / 1000).toFixed(1)} s. HTML report: ${html}. Next: dueflow queue, dueflow explain ${s.queue.top[0]?.invoiceId ?? '<invoice>'}, dueflow timeline <invoice> --markdown, dueflow report --html report.html`,
    ),
  );
}
