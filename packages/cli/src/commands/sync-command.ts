/**
 * `dueflow sync stripe|quickbooks`: customers, invoices, payments and credits from an accounting
 * system into the store, through `@dueflow/source-stripe` or `@dueflow/source-quickbooks` and
 * the runtime's `importSource`.
 *
 * @module
 */
import type { MissingInvoiceAction } from '@dueflow/core';
import { importSource, type SourceImportReport } from '@dueflow/runtime';
import type { Source } from '@dueflow/runtime/ports';
import { createQuickBooksSource } from '@dueflow/source-quickbooks';
import { createStripeSource } from '@dueflow/source-stripe';
import { UsageError } from '../cli-error.js';
import { withStore, type CommandContext } from '../command-context.js';

/** Options of {@link syncCommand}. */
export interface SyncOptions {
  /**
   * Environment variable holding the credential: Stripe's secret key, QuickBooks' access token
   * (never a command-line argument: shells keep history).
   * @default STRIPE_SECRET_KEY or QUICKBOOKS_ACCESS_TOKEN
   */
  readonly keyEnv?: string;
  readonly apiBase?: string;
  readonly stripeVersion?: string;
  /** QuickBooks company id (required for quickbooks). */
  readonly realmId?: string;
  /** QuickBooks home currency, for entities without a currency. */
  readonly homeCurrency?: string;
  readonly timeZone?: string;
  readonly since?: string;
  readonly dryRun?: boolean;
  readonly onMissing?: string;
  readonly sourceName?: string;
}

const ON_MISSING: readonly MissingInvoiceAction[] = ['flag-for-review', 'mark-paid', 'ignore'];
const SYSTEMS = { stripe: 'STRIPE_SECRET_KEY', quickbooks: 'QUICKBOOKS_ACCESS_TOKEN' } as const;
type System = keyof typeof SYSTEMS;

function isSystem(value: string): value is System {
  return Object.hasOwn(SYSTEMS, value);
}

function sourceFor(system: System, credential: string, options: SyncOptions): Source {
  const apiBase = options.apiBase === undefined ? {} : { apiBase: options.apiBase };
  const timeZone = options.timeZone === undefined ? {} : { timeZone: options.timeZone };
  if (system === 'stripe') {
    return createStripeSource({
      apiKey: credential,
      ...apiBase,
      ...timeZone,
      ...(options.stripeVersion === undefined ? {} : { stripeVersion: options.stripeVersion }),
    });
  }
  if (options.realmId === undefined) throw new UsageError('--realm-id: required for quickbooks (the company id from the OAuth connection)');
  return createQuickBooksSource({
    realmId: options.realmId,
    accessToken: credential,
    ...apiBase,
    ...timeZone,
    ...(options.homeCurrency === undefined ? {} : { homeCurrency: options.homeCurrency }),
  });
}

function isMissingAction(value: string): value is MissingInvoiceAction {
  return (ON_MISSING as readonly string[]).includes(value);
}

/**
 * Imports everything the system holds (or what changed since `since`) with it as the source of
 * truth, all or nothing; `dryRun` reports the difference without writing.
 *
 * @example
 * ```ts
 * await syncCommand(ctx, 'stripe', { timeZone: 'America/New_York', dryRun: true }); // key in STRIPE_SECRET_KEY
 * await syncCommand(ctx, 'quickbooks', { realmId: '9130354', homeCurrency: 'USD' }); // token in QUICKBOOKS_ACCESS_TOKEN
 * ```
 */
export async function syncCommand(ctx: CommandContext, system: string, options: SyncOptions): Promise<SourceImportReport> {
  if (!isSystem(system))
    throw new UsageError(`system: ${JSON.stringify(system)} is not supported (supported: ${Object.keys(SYSTEMS).join(', ')})`);
  const keyEnv = options.keyEnv ?? SYSTEMS[system];
  const credential = ctx.io.env[keyEnv];
  if (credential === undefined || credential === '') {
    throw new UsageError(
      `--key-env: the environment variable ${keyEnv} is not set (put the ${system === 'stripe' ? 'Stripe secret key' : 'QuickBooks access token'} in it)`,
    );
  }
  const onMissing = options.onMissing ?? 'flag-for-review';
  if (!isMissingAction(onMissing))
    throw new UsageError(`--on-missing: ${JSON.stringify(onMissing)} is not one of ${ON_MISSING.join(', ')}`);
  const source = sourceFor(system, credential, options);
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
  ctx.print(
    c.bold(
      `${verb}${report.records} records read from ${report.sourceName}${options.since === undefined ? '' : ` (changed since ${options.since})`}`,
    ),
  );
  ctx.print(`  Invoices: ${counts(d.invoices)}, ${d.invoices.missing.length} no longer in ${report.sourceName}`);
  ctx.print(`  Customers: ${counts(d.customers)}`);
  ctx.print(`  Payments: ${counts(d.payments)}; credit notes: ${counts(d.credits)}`);
  if (d.invoices.voidedReappeared.length > 0)
    ctx.print(
      `  Voided in Dueflow, open in ${report.sourceName} again (left void): ${d.invoices.voidedReappeared.map((v) => v.id).join(', ')}`,
    );
  if (report.issues.count > 0) {
    ctx.print(c.yellow(`  ${report.issues.count} record${report.issues.count === 1 ? '' : 's'} skipped:`));
    for (const issue of report.issues.examples.slice(0, 5))
      ctx.print(c.yellow(`    ${issue.field === undefined ? '' : `${issue.field}: `}${issue.message}`));
  }
  return report;
}
