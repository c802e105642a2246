/**
 * What every command shares: the global options, the store, "now", output helpers and the
 * lookup of an invoice by id or number.
 *
 * @module
 */
import type { Invoice } from '@dueflow/core';
import type { Storage } from '@dueflow/runtime/ports';
import cliProgress from 'cli-progress';
import { UsageError } from './cli-error.js';
import { paletteFor, type Palette } from './format.js';
import type { CliIo } from './io.js';
import { openStorage, type OpenedStorage } from './open-storage.js';
import { listAllInvoices } from './report/load-ledger.js';

/** Options every command accepts. */
export interface GlobalOptions {
  /** @default '.dueflow' */
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  /** @default 'default' */
  readonly tenant?: string;
  /** ISO instant to use as "now" instead of the clock. */
  readonly now?: string;
  /** Print machine-readable JSON instead of text. */
  readonly json?: boolean;
}

/** A command's view of the world. */
export interface CommandContext {
  readonly io: CliIo;
  readonly options: GlobalOptions;
  /** Colours for stdout (off for JSON, pipes and `NO_COLOR`). */
  readonly palette: Palette;
  /** Epoch ms of "now": `--now`, else the clock. */
  now(): number;
  /** Writes a line of text to stdout. */
  print(text: string): void;
  /** Writes a value as JSON to stdout. */
  printJson(value: unknown): void;
}

/**
 * Builds a command context, checking `--now`.
 *
 * @example
 * ```ts
 * const ctx = createContext(processIo(), { json: true });
 * ctx.printJson({ ok: true });
 * ```
 */
export function createContext(io: CliIo, options: GlobalOptions): CommandContext {
  let fixed: number | undefined;
  if (options.now !== undefined) {
    fixed = Date.parse(options.now);
    if (!Number.isFinite(fixed) || !/^\d{4}-\d{2}-\d{2}/.test(options.now)) {
      throw new UsageError(`--now: ${JSON.stringify(options.now)} is not an ISO 8601 instant such as 2026-03-02T10:00:00Z`);
    }
  }
  const json = options.json === true;
  return {
    io,
    options,
    palette: paletteFor(json ? false : io.stdout.isTTY, io.env),
    now: () => fixed ?? io.clock.now(),
    print: (text: string) => {
      io.stdout.write(`${text}\n`);
    },
    printJson: (value: unknown) => {
      io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
}

/**
 * Opens the store named by the global options, runs `fn`, and closes the store whatever happens.
 *
 * @example
 * ```ts
 * await withStore(ctx, async ({ storage }) => storage.listInvoices({ limit: 1 }));
 * ```
 */
export async function withStore<T>(ctx: CommandContext, fn: (opened: OpenedStorage) => Promise<T>): Promise<T> {
  const opened = await openStorage({
    cwd: ctx.io.cwd,
    ...(ctx.options.dataDir !== undefined ? { dataDir: ctx.options.dataDir } : {}),
    ...(ctx.options.databaseUrl !== undefined ? { databaseUrl: ctx.options.databaseUrl } : {}),
    ...(ctx.options.tenant !== undefined ? { tenantId: ctx.options.tenant } : {}),
  });
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
}

/**
 * Finds an invoice by id, else by number; throws a {@link UsageError} naming the value when
 * neither exists.
 *
 * @example
 * ```ts
 * const invoice = await findInvoice(storage, 'NW-2026-00042');
 * ```
 */
export async function findInvoice(storage: Storage, ref: string): Promise<Invoice> {
  const byId = await storage.getInvoice(ref);
  if (byId !== undefined) return byId;
  const byNumber = (await listAllInvoices(storage)).filter((i) => i.number === ref);
  if (byNumber.length === 1) return byNumber[0]!;
  if (byNumber.length > 1)
    throw new UsageError(
      `invoice: the number ${JSON.stringify(ref)} matches ${byNumber.length} invoices; use the id (${byNumber.map((i) => i.id).join(', ')})`,
    );
  throw new UsageError(`invoice: no invoice with id or number ${JSON.stringify(ref)} in tenant "${storage.tenantId}"`);
}

/** A progress bar that only draws on a terminal. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr when it is a terminal and the output is not JSON; silent otherwise.
 *
 * @example
 * ```ts
 * const bar = progressBar(ctx, 'Simulating');
 * bar.update(45, 90);
 * bar.stop();
 * ```
 */
export function progressBar(ctx: CommandContext, label: string, unit = 'days'): Progress {
  const stream = ctx.io.stderr as NodeJS.WritableStream & { isTTY?: boolean };
  if (ctx.options.json === true || stream.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} ${unit} | {duration_formatted}`, stream, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
