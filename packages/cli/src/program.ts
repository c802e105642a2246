/**
 * The `dueflow` command line: commands, flags, output and exit codes.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DueflowError } from '@dueflow/core';
import { redactSecrets } from '@dueflow/runtime/adapters';
import { EXIT, exitCodeOf } from './cli-error.js';
import { createContext, type GlobalOptions } from './command-context.js';
import { demoCommand } from './commands/demo-command.js';
import { explainCommand } from './commands/explain-command.js';
import { importCommand } from './commands/import-command.js';
import { planCommand } from './commands/plan-command.js';
import { queueCommand } from './commands/queue-command.js';
import { approvalsCommand, approveCommand } from './commands/approve-command.js';
import { reportCommand } from './commands/report-command.js';
import { runCommand } from './commands/run-command.js';
import { syncCommand, type SyncOptions } from './commands/sync-command.js';
import { timelineCommand } from './commands/timeline-command.js';
import type { CliIo } from './io.js';

// The package's own package.json sits one folder up both from src/program.ts and from the built
// dist/*.js files, so the version printed is always the one published.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

function wholeNumber(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

/**
 * Builds the commander program bound to `io`. Prefer {@link runCli}, which also maps errors to
 * exit codes.
 *
 * @example
 * ```ts
 * await createProgram(processIo()).parseAsync(['queue', '--json'], { from: 'user' });
 * ```
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('dueflow');
  program
    .description(
      'Accounts-receivable collections from the terminal: a simulated demo, imports, the action queue, explanations, timelines and reports.',
    )
    .version(version)
    .option('--data-dir <dir>', 'folder of the embedded database and the outbox', '.dueflow')
    .addOption(
      // The default comes from the environment; help names the variable, never its value (it holds a password).
      new Option(
        '--database-url <url>',
        'use a PostgreSQL server (postgres://user:password@host:5432/db) instead of the embedded database; DUEFLOW_DATABASE_URL sets it too',
      ).default(io.env.DUEFLOW_DATABASE_URL, 'from DUEFLOW_DATABASE_URL'),
    )
    .option('--tenant <id>', 'tenant to read and write', 'default')
    .option('--now <instant>', 'ISO 8601 instant to use as now instead of the clock')
    .option('--json', 'print machine-readable JSON')
    .exitOverride()
    .showHelpAfterError('(run "dueflow --help" for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const context = (cmd: Command) => createContext(io, cmd.optsWithGlobals<GlobalOptions>());

  program
    .command('demo')
    .description('generate a portfolio, simulate 90 days through the collector and a control run without reminders, and show what changed')
    .option('--seed <n>', 'random seed', wholeNumber, 20260101)
    .option('--customers <n>', 'customers in the portfolio', wholeNumber, 150)
    .option('--invoices <n>', 'invoices over the history and the simulation, approximately', wholeNumber, 1000)
    .option('--days <n>', 'days to simulate', wholeNumber, 90)
    .action(async (opts: { seed: number; customers: number; invoices: number; days: number }, cmd: Command) => {
      await demoCommand(context(cmd), opts);
    });

  program
    .command('import <file>')
    .description('import invoices, customers, payments and notes from a CSV file (all or nothing)')
    .option('--mapping <file>', 'JSON column mapping (default: a preset or one detected from the header)')
    .option('--dry-run', 'check and compare without writing')
    .option('--source-name <name>', 'name of this recurring import', 'csv')
    .action(async (file: string, opts: { mapping?: string; dryRun?: boolean; sourceName: string }, cmd: Command) => {
      await importCommand(context(cmd), file, opts);
    });

  program
    .command('sync <system>')
    .description(
      'import customers, invoices, payments and credits from an accounting system (stripe or quickbooks), with it as the source of truth (all or nothing)',
    )
    .option('--key-env <name>', 'environment variable holding the credential (default: STRIPE_SECRET_KEY, or QUICKBOOKS_ACCESS_TOKEN)')
    .option('--realm-id <id>', 'QuickBooks company id (quickbooks only)')
    .option(
      '--since <instant>',
      'only what was created (stripe) or changed (quickbooks) at or after this ISO 8601 instant; nothing is then treated as missing',
    )
    .option('--time-zone <zone>', "IANA zone of the business: the calendar dates of instants, and new customers' zone", 'UTC')
    .option('--home-currency <code>', 'QuickBooks home currency, for entities without one (quickbooks only)')
    .option('--stripe-version <version>', "Stripe API version to pin (stripe only; default: the account's)")
    .option('--api-base <url>', 'API origin, for a proxy or a local test server')
    .option('--on-missing <action>', 'open invoices this source no longer has: flag-for-review, mark-paid or ignore', 'flag-for-review')
    .option('--dry-run', 'compare without writing')
    .option('--source-name <name>', 'name of this recurring import (default: the system)')
    .action(async (system: string, opts: SyncOptions, cmd: Command) => {
      await syncCommand(context(cmd), system, opts);
    });

  program
    .command('queue')
    .description("today's action queue: what the next tick would do, most valuable first, with reasons")
    .option('--limit <n>', 'entries to show', wholeNumber, 10)
    .action(async (opts: { limit: number }, cmd: Command) => {
      await queueCommand(context(cmd), opts);
    });

  program
    .command('approvals')
    .description('what awaits a person (steps that need approval, discount offers, proposed plans), oldest first, with their keys')
    .action(async (_opts: unknown, cmd: Command) => {
      await approvalsCommand(context(cmd));
    });

  program
    .command('approve <key>')
    .description('approve an item of `dueflow approvals`: the action goes out on the next run, inside its send window')
    .option('--by <name>', 'who approves (recorded on the timeline)', process.env['USER'] ?? 'cli')
    .action(async (key: string, opts: { by: string }, cmd: Command) => {
      await approveCommand(context(cmd), key, 'approved', opts);
    });

  program
    .command('reject <key>')
    .description('reject an item of `dueflow approvals`: the action is cancelled and the ladder moves on')
    .requiredOption('--reason <text>', 'why (recorded on the timeline)')
    .option('--by <name>', 'who rejects (recorded on the timeline)', process.env['USER'] ?? 'cli')
    .action(async (key: string, opts: { by: string; reason: string }, cmd: Command) => {
      await approveCommand(context(cmd), key, 'rejected', opts);
    });

  program
    .command('explain <invoice>')
    .description('why the engine decides what it decides for an invoice (id or number), and which segment rules match')
    .action(async (invoice: string, _opts: unknown, cmd: Command) => {
      await explainCommand(context(cmd), invoice);
    });

  program
    .command('plan <invoice>')
    .description('the communications to come for an invoice if nothing is paid')
    .option('--days <n>', 'horizon in days', wholeNumber, 90)
    .action(async (invoice: string, opts: { days: number }, cmd: Command) => {
      await planCommand(context(cmd), invoice, opts);
    });

  program
    .command('timeline <invoice>')
    .description("an invoice's timeline (text; --markdown for the Markdown export; --json for the JSON export)")
    .option('--markdown', 'print the Markdown export')
    .action(async (invoice: string, opts: { markdown?: boolean }, cmd: Command) => {
      await timelineCommand(context(cmd), invoice, opts);
    });

  program
    .command('report')
    .description('DSO, CEI, average days delinquent, collection rate, aging and DSO over time')
    .option('--html <file>', 'also write a self-contained HTML report with SVG charts')
    .action(async (opts: { html?: string }, cmd: Command) => {
      await reportCommand(context(cmd), opts);
    });

  program
    .command('run')
    .description('run one collection tick now: decide due invoices and send what is ready (messages go to <data-dir>/outbox)')
    .action(async (_opts: unknown, cmd: Command) => {
      await runCommand(context(cmd));
    });

  return program;
}

function decodedOrSame(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Values of the environment that look like credentials, to be removed from anything printed. */
function credentialsIn(env: CliIo['env']): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value.length < 8) continue;
    if (/KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH/i.test(name)) out.push(value);
    else if (name === 'DUEFLOW_DATABASE_URL') {
      const password = /^[^:]*:\/\/[^:@/]*:(.*)@[^@]*$/.exec(value)?.[1];
      if (password !== undefined && password.length >= 4) out.push(password, decodedOrSame(password));
    }
  }
  return out;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // The innermost cause usually says what really went wrong (ECONNREFUSED, EACCES); add it unless already said.
  let inner: Error = error;
  while (inner.cause instanceof Error) inner = inner.cause;
  return inner === error || error.message.includes(inner.message) ? error.message : `${error.message}: ${inner.message}`;
}

/**
 * Runs the command line in-process and returns the exit code: 0 ok, 1 failure, 2 bad usage or
 * input. Errors are printed as one clear line (no stack trace unless `DUEFLOW_DEBUG` is set);
 * with `--json` an `{ "error": { code, message } }` object is also printed on stdout.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), processIo());
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  const json = argv.includes('--json');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit with 0; every other commander error is bad usage, already printed.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const code = exitCodeOf(error);
    // Messages come from drivers and providers too: whatever they say, no credential is printed.
    const message = redactSecrets(describe(error), credentialsIn(io.env), { maxLength: 4000 });
    io.stderr.write(`dueflow: error: ${message}\n`);
    if (io.env.DUEFLOW_DEBUG !== undefined && error instanceof Error && error.stack !== undefined)
      io.stderr.write(`${redactSecrets(error.stack, credentialsIn(io.env), { maxLength: 20_000 })}\n`);
    if (json)
      io.stdout.write(
        `${JSON.stringify({ error: { code: error instanceof DueflowError ? error.code : 'INTERNAL', message } }, null, 2)}\n`,
      );
    return code;
  }
}
