/**
 * `dueflow import <file>`: a CSV of invoices into the store, through `@dueflow/source-csv`.
 *
 * @module
 */
import { readFile, stat } from 'node:fs/promises';
import { join, isAbsolute, resolve } from 'node:path';
import { createJsonFileImportStateStore, importCsv, type ImportReport } from '@dueflow/source-csv';
import { UsageError } from '../cli-error.js';
import { progressBar, withStore, type CommandContext } from '../command-context.js';

async function readMapping(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--mapping: cannot read ${JSON.stringify(path)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(
      `--mapping: ${JSON.stringify(path)} is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/**
 * Imports a CSV file (the mapping from `--mapping`, else a preset or one detected from the
 * header), all or nothing, with a progress bar; `dryRun` reports without writing.
 *
 * @example
 * ```ts
 * await importCommand(ctx, 'invoices.csv', { mapping: 'mapping.json', dryRun: true });
 * ```
 */
export async function importCommand(
  ctx: CommandContext,
  file: string,
  options: { readonly mapping?: string; readonly dryRun?: boolean; readonly sourceName?: string },
): Promise<ImportReport> {
  const path = isAbsolute(file) ? file : resolve(ctx.io.cwd, file);
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`file: ${JSON.stringify(file)} is not a file`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`file: cannot read ${JSON.stringify(file)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const mapping =
    options.mapping === undefined
      ? undefined
      : await readMapping(isAbsolute(options.mapping) ? options.mapping : resolve(ctx.io.cwd, options.mapping));
  const bar = progressBar(ctx, 'Importing', 'KB');
  const now = ctx.now();
  const report = await withStore(ctx, async ({ storage, dataDir }) => {
    try {
      return await importCsv({
        file: path,
        storage,
        dryRun: options.dryRun === true,
        clock: { now: () => now },
        stateStore: createJsonFileImportStateStore(join(dataDir, 'import-state.json')),
        progressEvery: 1000,
        ...(options.sourceName !== undefined ? { sourceName: options.sourceName } : {}),
        // The mapping is checked by the importer, which names every bad field.
        ...(mapping !== undefined ? { mapping: mapping as NonNullable<Parameters<typeof importCsv>[0]['mapping']> } : {}),
        onProgress: (p) => {
          if (p.totalBytes !== undefined && p.totalBytes > 0)
            bar.update(Math.round((p.phase === 'done' ? p.totalBytes : p.bytes) / 1024), Math.max(1, Math.round(p.totalBytes / 1024)));
        },
      });
    } finally {
      bar.stop();
    }
  });
  if (ctx.options.json === true) {
    ctx.printJson(report);
    return report;
  }
  const c = ctx.palette;
  const k = report.counts;
  ctx.print(
    c.bold(
      `${report.dryRun ? 'Dry run: nothing written. ' : report.written ? 'Imported. ' : 'Nothing to change. '}${k.rows} rows read from ${file}${report.preset !== undefined ? ` (preset ${report.preset})` : ''}`,
    ),
  );
  ctx.print(
    `  Invoices: ${k.invoices.new} new, ${k.invoices.changed} changed, ${k.invoices.unchanged} unchanged, ${k.invoices.missing} no longer in the file`,
  );
  ctx.print(`  Customers: ${k.customers.new} new, ${k.customers.changed} changed, ${k.customers.unchanged} unchanged`);
  ctx.print(`  Payments: ${k.payments.new} new, ${k.payments.changed} changed; notes: ${k.notes.new} new`);
  ctx.print(
    `  Data health: ${report.health.validRows} of ${report.health.rows} rows valid, ${report.health.rowsInvalid} invalid, ${report.health.rowsMissingRequired} missing a required field, ${report.health.duplicateRows} duplicates`,
  );
  for (const w of report.warnings) ctx.print(c.yellow(`  Warning: ${w}`));
  return report;
}
