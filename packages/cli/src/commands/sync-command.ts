/**
 * `dueflow sync stripe`: customers, invoices, payments and credit notes from Stripe into the
 * store, through `@dueflow/source-stripe` and the runtime's `importSource`.
 *
 * @module
 */
import { importSource, type MissingInvoiceAction, type SourceImportReport } from '@dueflow/runtime';
import { createStripeSource } from '@dueflow/source-stripe';
import { UsageError } from '../cli-error.js';
import { withStore, type CommandContext } from '../command-context.js';

/** Options of {@link syncCommand}. */
export interface SyncOptions {
  /** Environment variable holding the secret key (never a command-line argument: shells keep history). */
  readonly apiKeyEnv: string;
  readonly apiBase?: string;
  readonly stripeVersion?: string;
  readonly timeZone?: string;
  readonly since?: string;
  readonly dryRun?: boolean;
  readonly onMissing?: string;
  readonly sourceName?: string;
}

const ON_MISSING: readonly MissingInvoiceAction[] = ['flag-for-review', 'mark-paid', 'ignore'];

function isMissingAction(value: string): value is MissingInvoiceAction {
  return (ON_MISSING as readonly string[]).includes(value);
}

/**
 * Imports everything Stripe holds (or what was created since `since`) with Stripe as the source
 * of truth, all or nothing; `dryRun` reports the difference without writing.
 *
 * @example
 * ```ts
 * await syncCommand(ctx, 'stripe', { apiKeyEnv: 'STRIPE_SECRET_KEY', timeZone: 'America/New_York', dryRun: true });
 * ```
 */
export async function syncCommand(ctx: CommandContext, system: string, options: SyncOptions): Promise<SourceImportReport> {
  if (system !== 'stripe') throw new UsageError(`system: ${JSON.stringify(system)} is not supported (supported: stripe)`);
  const apiKey = ctx.io.env[options.apiKeyEnv];
  if (apiKey === undefined || apiKey === '') throw new UsageError(`--api-key-env: the environment variable ${options.apiKeyEnv} is not set (put the Stripe secret key in it)`);
  const onMissing = options.onMissing ?? 'flag-for-review';
  if (!isMissingAction(onMissing)) throw new UsageError(`--on-missing: ${JSON.stringify(onMissing)} is not one of ${ON_MISSING.join(', ')}`);
  const source = createStripeSource({
    apiKey,
    ...(options.apiBase === undefined ? {} : { apiBase: options.apiBase }),
    ...(options.stripeVersion === undefined ? {} : { stripeVersion: options.stripeVersion }),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  });
  const now = ctx.now();
  const report = await withStore(ctx, ({ storage }) =>
    importSource({
      source,
      storage,
      clock: { now: () => now },
      dryRun: options.dryRun === true,
      onMissing,
      ...(options.sourceName === undefined ? {} : { sourceName: options.sourceName }),
      ...(options.since === undefined ? {} : { since: options.since }),
    }),
  );
  if (ctx.options.json === true) {
    ctx.printJson(report);
    return report;
  }
  const c = ctx.palette;
  const d = report.diff;
  const counts = (kind: { readonly new: readonly unknown[]; readonly changed: readonly unknown[]; readonly unchanged: number }): string =>
    `${kind.new.length} new, ${kind.changed.length} changed, ${kind.unchanged} unchanged`;
  const verb = report.dryRun ? 'Dry run: nothing written. ' : report.written ? 'Synced. ' : 'Nothing to change. ';
  ctx.print(c.bold(`${verb}${report.records} records read from ${report.sourceName}${options.since === undefined ? '' : ` (created since ${options.since})`}`));
  ctx.print(`  Invoices: ${counts(d.invoices)}, ${d.invoices.missing.length} no longer in ${report.sourceName}`);
  ctx.print(`  Customers: ${counts(d.customers)}`);
  ctx.print(`  Payments: ${counts(d.payments)}; credit notes: ${counts(d.credits)}`);
  if (d.invoices.voidedReappeared.length > 0) ctx.print(`  Voided in Dueflow, open in ${report.sourceName} again (left void): ${d.invoices.voidedReappeared.map((v) => v.id).join(', ')}`);
  if (report.issues.count > 0) {
    ctx.print(c.yellow(`  ${report.issues.count} record${report.issues.count === 1 ? '' : 's'} skipped:`));
    for (const issue of report.issues.examples.slice(0, 5)) ctx.print(c.yellow(`    ${issue.field === undefined ? '' : `${issue.field}: `}${issue.message}`));
  }
  return report;
}
