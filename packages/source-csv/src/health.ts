/**
 * The data health report: computed while the file streams, before anything is written, and the
 * reason an import is refused.
 *
 * @module
 */
import type { MappedField } from './mapping.js';
import type { FieldProblem, MappedRow } from './row-mapper.js';

/** When an import is refused. Shares are fractions of data rows (0.1 = 10%). */
export interface HealthThresholds {
  /**
   * Largest share of rows that may miss a required field (those rows are skipped).
   * @default 0.1
   */
  readonly maxMissingShare?: number;
  /**
   * Largest share of rows that may hold an unreadable or invalid value (those rows are skipped).
   * @default 0.1
   */
  readonly maxInvalidShare?: number;
  /**
   * Largest share of rows that may repeat an invoice number seen earlier in the file. A
   * duplicate means the file cannot be the source of truth for that invoice, so none is allowed by default.
   * @default 0
   */
  readonly maxDuplicateShare?: number;
}

/**
 * Default {@link HealthThresholds}.
 *
 * @example
 * ```ts
 * await importCsv({ file, storage, health: { ...DEFAULT_HEALTH_THRESHOLDS, maxMissingShare: 0.02 } });
 * ```
 */
export const DEFAULT_HEALTH_THRESHOLDS: Required<HealthThresholds> = { maxMissingShare: 0.1, maxInvalidShare: 0.1, maxDuplicateShare: 0 };

/** Health of one mapped column. */
export interface ColumnHealth {
  readonly field: string;
  readonly column: string;
  readonly missing: number;
  readonly invalid: number;
  readonly missingShare: number;
  readonly invalidShare: number;
}

/** A bad row, as an example for people. */
export interface BadRowExample {
  readonly line: number;
  readonly kind: 'missing' | 'invalid' | 'duplicate';
  readonly field: string;
  readonly column?: string;
  readonly value?: unknown;
  readonly message: string;
}

/** The data health of a file. */
export interface HealthReport {
  /** Data rows read (the header excluded). */
  readonly rows: number;
  /** Rows mapped to records and kept. */
  readonly validRows: number;
  readonly rowsMissingRequired: number;
  readonly rowsInvalid: number;
  readonly duplicateRows: number;
  readonly columns: readonly ColumnHealth[];
  /** Invoice numbers seen more than once, with their lines (bounded by `maxExamples`). */
  readonly duplicates: readonly { readonly invoiceId: string; readonly lines: readonly number[] }[];
  /** Bad rows, at most `maxExamples`, in file order. */
  readonly examples: readonly BadRowExample[];
  /** What the kept rows hold. Amounts are integer minor units per currency. */
  readonly totals: {
    readonly invoices: number;
    readonly customers: number;
    readonly payments: number;
    readonly notes: number;
    readonly invoiced: Readonly<Record<string, number>>;
    readonly paid: Readonly<Record<string, number>>;
  };
  readonly thresholds: Required<HealthThresholds>;
  /**
   * Amounts written as another locale writes numbers (`12,50` in an en-US file): present when
   * any amount was refused that way. `refused` is true when they are at least as many as the
   * amounts only the declared locale reads, and the file is then refused as a whole.
   */
  readonly numberLocale?: {
    readonly declared: string;
    /** The locale the refused amounts read in (the most frequent). */
    readonly looksLike: string;
    /** Amounts refused that `looksLike` reads. */
    readonly foreign: number;
    /** Amounts only a locale with the declared decimal separator reads (`12.50` in en-US). */
    readonly inDeclared: number;
    readonly refused: boolean;
    /** A few refused amounts with their lines. */
    readonly examples: readonly { readonly line: number; readonly value: string }[];
  };
  /** Whether the file may be imported. */
  readonly passed: boolean;
  /** Why it may not, in words (empty when it passed). */
  readonly reasons: readonly string[];
}

/** Options of {@link createHealthCheck}. */
export interface HealthCheckOptions {
  /** The mapped fields and their columns, in report order. */
  readonly fields: readonly { readonly field: MappedField; readonly column: string }[];
  readonly thresholds?: HealthThresholds;
  /**
   * The mapping's number locale, named when amounts look written in another.
   * @default 'en-US'
   */
  readonly numberLocale?: string;
  /**
   * Bad-row examples and duplicate groups kept.
   * @default 20
   */
  readonly maxExamples?: number;
}

/** Accumulates rows into a {@link HealthReport}. */
export interface HealthCheck {
  /** Counts one mapped row; returns whether it is kept (`false` for rejected rows and duplicates). */
  add(row: MappedRow): boolean;
  /** The report so far. */
  report(): HealthReport;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/**
 * Creates a health accumulator. It keeps one entry per distinct invoice id (to find duplicates)
 * and per customer id, and a bounded number of examples.
 *
 * @example
 * ```ts
 * const health = createHealthCheck({ fields: [{ field: 'amount', column: 'Total' }] });
 * for (const row of rows) if (health.add(row)) keep(row);
 * const report = health.report(); // report.passed, report.reasons
 * ```
 */
export function createHealthCheck(options: HealthCheckOptions): HealthCheck {
  const thresholds = { ...DEFAULT_HEALTH_THRESHOLDS, ...options.thresholds };
  const maxExamples = options.maxExamples ?? 20;
  const perField = new Map<string, { column: string; missing: number; invalid: number }>();
  for (const { field, column } of options.fields) perField.set(field, { column, missing: 0, invalid: 0 });
  const firstLine = new Map<string, number>();
  const duplicateLines = new Map<string, number[]>();
  const customers = new Set<string>();
  const examples: BadRowExample[] = [];
  const invoiced: Record<string, number> = {};
  const paid: Record<string, number> = {};
  let rows = 0;
  let validRows = 0;
  let rowsMissing = 0;
  let rowsInvalid = 0;
  let duplicateRows = 0;
  let invoices = 0;
  let payments = 0;
  let notes = 0;
  let inDeclared = 0;
  let foreign = 0;
  const looksLike = new Map<string, number>();
  const foreignExamples: { line: number; value: string }[] = [];
  const countLocale = (row: MappedRow): void => {
    const seen = row.amountLocale;
    if (seen === undefined) return;
    if (seen === 'declared') {
      inDeclared++;
      return;
    }
    foreign++;
    looksLike.set(seen.looksLike, (looksLike.get(seen.looksLike) ?? 0) + 1);
    if (foreignExamples.length < 3) foreignExamples.push({ line: row.line, value: seen.value });
  };

  const example = (line: number, p: FieldProblem): void => {
    if (examples.length >= maxExamples) return;
    examples.push({
      line,
      kind: p.kind,
      field: p.field,
      message: p.message,
      ...(p.column === undefined ? {} : { column: p.column }),
      ...('value' in p ? { value: p.value } : {}),
    });
  };

  return {
    add(row) {
      rows++;
      countLocale(row);
      if (row.invoice === undefined) {
        let missing = false;
        let invalid = false;
        for (const p of row.problems) {
          const counts = perField.get(p.field) ?? perField.get(p.field.split('.')[0] ?? '');
          if (p.kind === 'missing') {
            missing = true;
            if (counts !== undefined) counts.missing++;
          } else {
            invalid = true;
            if (counts !== undefined) counts.invalid++;
          }
        }
        if (missing) rowsMissing++;
        if (invalid) rowsInvalid++;
        const first = row.problems[0];
        if (first !== undefined) example(row.line, first);
        return false;
      }
      const id = row.invoice.id;
      const seenAt = firstLine.get(id);
      if (seenAt !== undefined) {
        duplicateRows++;
        let lines = duplicateLines.get(id);
        if (lines === undefined && duplicateLines.size < maxExamples) {
          lines = [seenAt];
          duplicateLines.set(id, lines);
        }
        if (lines !== undefined && lines.length < maxExamples) lines.push(row.line);
        if (examples.length < maxExamples) {
          examples.push({
            line: row.line,
            kind: 'duplicate',
            field: 'invoiceNumber',
            value: row.invoice.number,
            message: `invoice ${row.invoice.number} already on line ${seenAt}`,
          });
        }
        return false;
      }
      firstLine.set(id, row.line);
      validRows++;
      invoices++;
      customers.add(row.invoice.customerId);
      const { currency, amount } = row.invoice.total;
      invoiced[currency] = (invoiced[currency] ?? 0) + amount;
      if (row.payment !== undefined) {
        payments++;
        paid[row.payment.amount.currency] = (paid[row.payment.amount.currency] ?? 0) + row.payment.amount.amount;
      }
      if (row.note !== undefined) notes++;
      return true;
    },
    report() {
      const share = (n: number): number => (rows === 0 ? 0 : n / rows);
      const columns: ColumnHealth[] = [...perField].map(([field, c]) => ({
        field,
        column: c.column,
        missing: c.missing,
        invalid: c.invalid,
        missingShare: share(c.missing),
        invalidShare: share(c.invalid),
      }));
      const reasons: string[] = [];
      const worst = (key: 'missing' | 'invalid'): string =>
        columns
          .filter((c) => c[key] > 0)
          .sort((a, b) => b[key] - a[key])
          .slice(0, 5)
          .map((c) => `${c.column} ${c[key]}`)
          .join(', ');
      if (share(rowsMissing) > thresholds.maxMissingShare) {
        reasons.push(
          `${percent(share(rowsMissing))} of rows (${rowsMissing} of ${rows}) miss a required field, above the ${percent(thresholds.maxMissingShare)} threshold (${worst('missing')})`,
        );
      }
      if (share(rowsInvalid) > thresholds.maxInvalidShare) {
        reasons.push(
          `${percent(share(rowsInvalid))} of rows (${rowsInvalid} of ${rows}) hold an invalid value, above the ${percent(thresholds.maxInvalidShare)} threshold (${worst('invalid')})`,
        );
      }
      if (share(duplicateRows) > thresholds.maxDuplicateShare) {
        const sample = [...duplicateLines]
          .slice(0, 3)
          .map(([id, lines]) => `${id} on lines ${lines.join(', ')}`)
          .join('; ');
        reasons.push(
          `${duplicateRows} row${duplicateRows === 1 ? '' : 's'} repeat an invoice number (${sample}), above the ${percent(thresholds.maxDuplicateShare)} threshold`,
        );
      }
      let numberLocale: HealthReport['numberLocale'];
      if (foreign > 0) {
        const declared = options.numberLocale ?? 'en-US';
        const likely = [...looksLike].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
        // A file is written in one locale: when amounts only another locale reads are not
        // outnumbered by amounts only the declared one reads, the declaration is what is wrong.
        const refused = foreign >= inDeclared;
        numberLocale = { declared, looksLike: likely, foreign, inDeclared, refused, examples: [...foreignExamples] };
        if (refused) {
          const sample = foreignExamples.map((e) => `${JSON.stringify(e.value)} on line ${e.line}`).join(', ');
          reasons.unshift(
            `${foreign} amount${foreign === 1 ? '' : 's'} (${sample}) ${foreign === 1 ? 'is' : 'are'} written as ${likely} writes numbers, not as ${declared} does` +
              ` (${inDeclared} amount${inDeclared === 1 ? '' : 's'} read only in ${declared}); set numberLocale to ${JSON.stringify(likely)} in the mapping if the file is written that way`,
          );
        }
      }
      if (validRows === 0) reasons.push(rows === 0 ? 'the file has no data rows' : 'no row could be imported');
      return {
        rows,
        validRows,
        rowsMissingRequired: rowsMissing,
        rowsInvalid,
        duplicateRows,
        columns,
        duplicates: [...duplicateLines].map(([invoiceId, lines]) => ({ invoiceId, lines })),
        examples: [...examples],
        totals: { invoices, customers: customers.size, payments, notes, invoiced: { ...invoiced }, paid: { ...paid } },
        thresholds,
        ...(numberLocale === undefined ? {} : { numberLocale }),
        passed: reasons.length === 0,
        reasons,
      };
    },
  };
}
