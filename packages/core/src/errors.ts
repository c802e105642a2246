/**
 * Typed errors. Every error Dueflow throws is a {@link DueflowError} with a stable `code`;
 * callers branch on the subclasses ({@link ValidationError}, {@link ConfigError}) or on `code`.
 * Expected outcomes (an invoice is paused, nothing is due) are decisions, never errors.
 *
 * @module
 */
import type { z } from 'zod';

/** Stable machine-readable error codes. */
export type DueflowErrorCode =
  | 'VALIDATION'
  | 'CONFIG'
  | 'CURRENCY_MISMATCH'
  | 'MONEY_OVERFLOW'
  | 'INVALID_OPERATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ADAPTER'
  | 'WEBHOOK_VERIFICATION'
  | 'DATA_HEALTH'
  | 'STORE_LOCKED';

/**
 * Base class of every error thrown by Dueflow packages.
 *
 * @example
 * ```ts
 * try { parseMoney('12.345', 'USD'); }
 * catch (e) { if (e instanceof DueflowError) console.log(e.code); }
 * ```
 */
export class DueflowError extends Error {
  /** Stable machine-readable code. */
  readonly code: DueflowErrorCode;

  constructor(code: DueflowErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** One problem found while validating input: where it is, what is wrong and the value found. */
export interface ValidationIssue {
  /** Path of the offending field, e.g. `['ladders', 0, 'steps', 2, 'offsetDays']`. */
  readonly path: readonly PropertyKey[];
  /** Dotted rendering of {@link ValidationIssue.path}, e.g. `ladders[0].steps[2].offsetDays`. */
  readonly field: string;
  /** Human-readable description of the problem. */
  readonly message: string;
  /** The value that was rejected, when known. */
  readonly value?: unknown;
}

/**
 * Input failed a schema. Carries every issue with its field path and offending value.
 *
 * @example
 * ```ts
 * try { compilePolicy({ ladders: [] }); }
 * catch (e) { if (e instanceof ValidationError) for (const i of e.issues) console.log(i.field, i.message); }
 * ```
 */
export class ValidationError extends DueflowError {
  /** Every problem found, in schema order. */
  readonly issues: readonly ValidationIssue[];
  /** What was being validated, e.g. `policy` or `snapshot`. */
  readonly subject: string;

  constructor(subject: string, issues: readonly ValidationIssue[], options?: { cause?: unknown }) {
    super('VALIDATION', formatIssues(subject, issues), options);
    this.subject = subject;
    this.issues = issues;
  }
}

/**
 * A configuration is internally inconsistent (for example a segment names a ladder that does not exist).
 *
 * @example
 * ```ts
 * throw new ConfigError('segments[0].ladder: unknown ladder "vip"');
 * ```
 */
export class ConfigError extends DueflowError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG', message, options);
  }
}

/**
 * Data refused because too much of it is missing or garbled: scoring input below its data-health
 * threshold (`report` is a `DataHealthReport` from `@dueflow/core/scoring`), or a CSV file whose
 * rows or columns fail the import's thresholds (`report` is the import's `HealthReport`). Nothing
 * was scored or written; `report` says why, field by field.
 *
 * @typeParam Report - The report of the check that refused the data.
 * @example
 * ```ts
 * try { await importCsv({ file, storage }); }
 * catch (e) { if (e instanceof DataHealthError) console.log(e.message, e.report); }
 * ```
 */
export class DataHealthError<Report = unknown> extends DueflowError {
  /** The full report of the check that refused the data. */
  readonly report: Report;

  constructor(message: string, report: Report) {
    super('DATA_HEALTH', message);
    this.report = report;
  }
}

/**
 * Renders a path as `a.b[0].c`, the `field` of a {@link ValidationIssue}.
 *
 * @example
 * ```ts
 * formatPath(['customer', 'contacts', 0, 'email']); // 'customer.contacts[0].email'
 * formatPath([]); // '(root)'
 * ```
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Short, bounded rendering of an offending value for error messages: strings quoted and cut at
 * 60 characters, arrays and objects by kind only, so no document is ever dumped into a log.
 *
 * @example
 * ```ts
 * describeValue('2025-02-30'); // '"2025-02-30"'
 * describeValue([1, 2, 3]); // 'an array of 3'
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function formatIssues(subject: string, issues: readonly ValidationIssue[]): string {
  const shown = issues
    .slice(0, 5)
    .map((i) => ('value' in i ? `${i.field}: ${i.message} (got ${describeValue(i.value)})` : `${i.field}: ${i.message}`));
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  return `Invalid ${subject}: ${shown.join('; ')}${more}`;
}

/**
 * Converts zod issues into {@link ValidationIssue}s, with `prefix` put in front of each path (an
 * importer validating one row names the row).
 *
 * @example
 * ```ts
 * const result = InvoiceSchema.safeParse(row);
 * if (!result.success) throw new ValidationError('invoice', fromZodIssues(result.error.issues, ['rows', 7]));
 * ```
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): ValidationIssue[] {
  return issues.map((issue) => {
    if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) {
      // One unknown key: the issue is about that key, not the object holding it.
      const key = issue.keys[0] ?? '';
      const path = [...prefix, ...issue.path, key];
      return { path, field: formatPath(path), message: issue.message, value: key };
    }
    const path = [...prefix, ...issue.path];
    const base = { path, field: formatPath(path), message: issue.message };
    return 'input' in issue && issue.code !== 'unrecognized_keys' ? { ...base, value: issue.input } : base;
  });
}
