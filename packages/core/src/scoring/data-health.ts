/**
 * Data health before scoring: the share of rows whose required fields are missing or invalid.
 * Above a threshold, scoring refuses with a report instead of producing numbers from garbage.
 *
 * @module
 */
import { isCalendarDate } from '../calendar/day.js';
import { DataHealthError } from '../errors.js';
import { isCurrencyCode } from '../model/currencies.js';

/** Health of one required field over every row. */
export interface FieldHealth {
  /** Dotted path, e.g. `total.amount` or `history.settledAt`. */
  readonly field: string;
  /** Rows checked for this field. */
  readonly rows: number;
  /** Rows where it is absent, `null` or an empty string. */
  readonly missing: number;
  /** Rows where it is present but unusable (not a date, not integer minor units...). */
  readonly invalid: number;
  /** `(missing + invalid) / rows` (0 without rows). */
  readonly share: number;
  /** Up to three row indexes with a problem, for finding them. */
  readonly examples: readonly number[];
}

/** What {@link assessDataHealth} found. */
export interface DataHealthReport {
  /** Rows checked. */
  readonly rows: number;
  /** Largest share of bad rows allowed per field. */
  readonly threshold: number;
  readonly fields: readonly FieldHealth[];
  /** Fields whose share is above the threshold. */
  readonly failing: readonly string[];
  readonly ok: boolean;
}

/** A required field: where it is and what makes it valid. */
interface Check {
  readonly field: string;
  readonly get: (row: Record<string, unknown>) => unknown;
  readonly valid: (value: unknown, row: Record<string, unknown>) => boolean;
}

const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
const text = (v: unknown): boolean => typeof v === 'string' && v.length > 0 && v.length <= 200;
const minor = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const instant = (v: unknown): boolean => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && Number.isFinite(Date.parse(v));

/** Required fields of an invoice for scoring. */
const INVOICE_CHECKS: readonly Check[] = [
  { field: 'id', get: (r) => r.id, valid: text },
  { field: 'customerId', get: (r) => r.customerId, valid: text },
  { field: 'issueDate', get: (r) => r.issueDate, valid: isCalendarDate },
  { field: 'dueDate', get: (r) => r.dueDate, valid: (v, r) => isCalendarDate(v) && (!isCalendarDate(r.issueDate) || v >= r.issueDate) },
  { field: 'total.amount', get: (r) => record(r.total).amount, valid: minor },
  { field: 'total.currency', get: (r) => record(r.total).currency, valid: isCurrencyCode },
];

/** Required fields of a historical invoice; `settledAt` may be absent (open) but not garbled. */
const HISTORY_CHECKS: readonly Check[] = [
  ...INVOICE_CHECKS.filter((c) => c.field !== 'customerId').map((c) => ({ ...c, field: `history.${c.field}` })),
  { field: 'history.settledAt', get: (r) => (r.settledAt === undefined ? 'open' : r.settledAt), valid: (v) => v === 'open' || instant(v) },
];

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function assess(rows: readonly unknown[], checks: readonly Check[]): FieldHealth[] {
  return checks.map((check) => {
    let missing = 0;
    let invalid = 0;
    const examples: number[] = [];
    rows.forEach((raw, i) => {
      const row = record(raw);
      const value = check.get(row);
      let bad = false;
      if (isMissing(value)) {
        missing++;
        bad = true;
      } else if (!check.valid(value, row)) {
        invalid++;
        bad = true;
      }
      if (bad && examples.length < 3) examples.push(i);
    });
    return {
      field: check.field,
      rows: rows.length,
      missing,
      invalid,
      share: rows.length === 0 ? 0 : (missing + invalid) / rows.length,
      examples,
    };
  });
}

/** Options of {@link assessDataHealth}. */
export interface DataHealthOptions {
  /**
   * Largest share of rows that may miss or garble a required field.
   * @default 0.1
   */
  readonly threshold?: number;
  /**
   * The customers' other invoices, checked as `history.*` fields.
   * @default []
   */
  readonly history?: readonly unknown[];
}

/**
 * Checks, per required field, the share of rows where it is missing or invalid: `id`,
 * `customerId`, `issueDate`, `dueDate` (a date not before `issueDate`), `total.amount` (integer
 * minor units, not negative) and `total.currency` (ISO 4217), and the same for history rows plus
 * `history.settledAt` (absent or an ISO instant). Accepts anything: rows are not trusted.
 *
 * @example
 * ```ts
 * const report = assessDataHealth(rows);
 * if (!report.ok) console.log(report.failing); // ['dueDate']
 * ```
 */
export function assessDataHealth(invoices: readonly unknown[], options: DataHealthOptions = {}): DataHealthReport {
  const threshold = options.threshold ?? 0.1;
  const fields = [
    ...assess(invoices, INVOICE_CHECKS),
    ...(options.history !== undefined && options.history.length > 0 ? assess(options.history, HISTORY_CHECKS) : []),
  ];
  const failing = fields.filter((f) => f.share > threshold).map((f) => f.field);
  return { rows: invoices.length, threshold, fields, failing, ok: failing.length === 0 };
}

/** The message of a refusal: the rows, the limit and each failing field's share. */
function refusal(report: DataHealthReport): string {
  const worst = report.fields
    .filter((f) => report.failing.includes(f.field))
    .map((f) => `${f.field} ${(f.share * 100).toFixed(1)}% missing or invalid`)
    .join(', ');
  return `Data health: refusing to score ${report.rows} rows, above the ${(report.threshold * 100).toFixed(0)}% limit: ${worst}`;
}

/**
 * Throws a {@link DataHealthError} carrying the report when the data is not healthy enough to
 * score; returns the report otherwise.
 *
 * @example
 * ```ts
 * const report = requireDataHealth(rows, { threshold: 0.05 });
 * ```
 */
export function requireDataHealth(invoices: readonly unknown[], options: DataHealthOptions = {}): DataHealthReport {
  const report = assessDataHealth(invoices, options);
  if (!report.ok) throw new DataHealthError(refusal(report), report);
  return report;
}

/**
 * Whether one invoice-like row passes every invoice check (rows that fail are left out of
 * scoring when the data as a whole is healthy).
 *
 * @example
 * ```ts
 * isScorableInvoice({ id: 'i1', customerId: 'c1', issueDate: '2025-01-01', dueDate: '2025-01-31', total: { amount: 100, currency: 'USD' } }); // true
 * ```
 */
export function isScorableInvoice(row: unknown): boolean {
  const r = record(row);
  return INVOICE_CHECKS.every((c) => !isMissing(c.get(r)) && c.valid(c.get(r), r));
}

/**
 * Whether one history row passes every history check.
 *
 * @example
 * ```ts
 * isUsableHistory({ id: 'i0', issueDate: '2024-12-01', dueDate: '2024-12-31', total: { amount: 100, currency: 'USD' } }); // true
 * ```
 */
export function isUsableHistory(row: unknown): boolean {
  const r = record(row);
  return HISTORY_CHECKS.every((c) => !isMissing(c.get(r)) && c.valid(c.get(r), r));
}
