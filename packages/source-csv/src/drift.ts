/**
 * Schema drift: how a file's header differs from the previous import's, and whether the mapping
 * still finds its columns. Pure: the previous header comes from an `ImportStateStore`.
 *
 * @module
 */
import { type CsvMapping, type MappedField, normalizeHeader, REQUIRED_FIELDS } from './mapping.js';
import { findColumn } from './row-mapper.js';

/** A column the previous import had and this file lacks. */
export interface MissingColumn {
  readonly column: string;
  /** 0-based position in the previous header. */
  readonly position: number;
  /** The new column that probably replaces it. */
  readonly renamedTo?: string;
  /** Why `renamedTo` was chosen. */
  readonly evidence?: 'similar-name' | 'same-position';
  /** The field the mapping reads from this column, if any. */
  readonly field?: MappedField;
}

/** How the header changed. */
export interface DriftReport {
  /** The previous import's header, when known. */
  readonly previous?: readonly string[];
  readonly current: readonly string[];
  /** Columns present last time and absent now. */
  readonly missing: readonly MissingColumn[];
  /** Columns absent last time and present now, and whether the mapping reads them. */
  readonly added: readonly { readonly column: string; readonly position: number; readonly mapped: boolean }[];
  /** Columns of this file the mapping does not read (metadata columns count as read). */
  readonly unmapped: readonly string[];
  /** Required fields whose column is not in this header, with the likely replacement. */
  readonly requiredMissing: readonly { readonly field: MappedField; readonly column: string; readonly suggestion?: string }[];
  /** Optional fields whose column is not in this header (they are left empty). */
  readonly optionalMissing: readonly { readonly field: MappedField; readonly column: string }[];
  /** Whether anything differs from the previous header. */
  readonly changed: boolean;
}

/**
 * Similarity of two header names in [0, 1] (1 - normalised edit distance of the folded names).
 *
 * @example
 * ```ts
 * headerSimilarity('InvoiceAmount', 'Invoice Amt'); // about 0.77
 * ```
 */
export function headerSimilarity(a: string, b: string): number {
  const x = normalizeHeader(a);
  const y = normalizeHeader(b);
  if (x === y) return 1;
  if (x === '' || y === '') return 0;
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min((prev[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = next;
  }
  return 1 - (prev[y.length] ?? 0) / Math.max(x.length, y.length);
}

const SIMILAR = 0.6;

function bestMatch(column: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let score = SIMILAR;
  for (const c of candidates) {
    const s = headerSimilarity(column, c);
    if (s >= score) {
      best = c;
      score = s;
    }
  }
  return best;
}

/**
 * Compares a header with the previous import's and with the mapping. A column that disappeared
 * is paired with a new column of a similar name or, failing that, with the new column at the
 * same position.
 *
 * @example
 * ```ts
 * const drift = detectDrift(['Invoice No', 'Cust'], mapping, ['Invoice No', 'Customer']);
 * drift.missing[0]; // { column: 'Customer', position: 1, renamedTo: 'Cust', evidence: 'same-position', field: 'customerId' }
 * ```
 */
export function detectDrift(current: readonly string[], mapping: CsvMapping | undefined, previous?: readonly string[]): DriftReport {
  const fieldOf = new Map<string, MappedField>();
  const read = new Set<number>();
  const requiredMissing: { field: MappedField; column: string; suggestion?: string }[] = [];
  const optionalMissing: { field: MappedField; column: string }[] = [];
  if (mapping !== undefined) {
    for (const [field, column] of Object.entries(mapping.columns) as [MappedField, string | undefined][]) {
      if (column === undefined) continue;
      fieldOf.set(column, field);
      const index = findColumn(current, column);
      if (index !== -1) read.add(index);
      else if ((REQUIRED_FIELDS as readonly string[]).includes(field)) requiredMissing.push({ field, column });
      else optionalMissing.push({ field, column });
    }
    for (const column of mapping.metadataColumns) {
      const index = findColumn(current, column);
      if (index !== -1) read.add(index);
    }
  }
  const currentSet = new Set(current);
  const previousSet = new Set(previous ?? []);
  const addedColumns = current.filter((c) => !previousSet.has(c));
  const missing: MissingColumn[] = [];
  if (previous !== undefined) {
    const claimed = new Set<string>();
    previous.forEach((column, position) => {
      if (currentSet.has(column)) return;
      const free = addedColumns.filter((c) => !claimed.has(c));
      let renamedTo = bestMatch(column, free);
      let evidence: MissingColumn['evidence'] = renamedTo === undefined ? undefined : 'similar-name';
      const atPosition = current[position];
      if (renamedTo === undefined && atPosition !== undefined && free.includes(atPosition)) {
        renamedTo = atPosition;
        evidence = 'same-position';
      }
      if (renamedTo !== undefined) claimed.add(renamedTo);
      const field = fieldOf.get(column);
      missing.push({
        column,
        position,
        ...(renamedTo === undefined ? {} : { renamedTo, evidence }),
        ...(field === undefined ? {} : { field }),
      });
    });
  }
  for (const r of requiredMissing) {
    const suggestion =
      missing.find((m) => m.column === r.column)?.renamedTo ??
      bestMatch(
        r.column,
        current.filter((_, i) => !read.has(i)),
      );
    if (suggestion !== undefined) r.suggestion = suggestion;
  }
  return {
    ...(previous === undefined ? {} : { previous: [...previous] }),
    current: [...current],
    missing,
    added:
      previous === undefined
        ? []
        : addedColumns.map((column) => ({ column, position: current.indexOf(column), mapped: read.has(current.indexOf(column)) })),
    unmapped: mapping === undefined ? [] : current.filter((_, i) => !read.has(i)),
    requiredMissing,
    optionalMissing,
    changed: previous !== undefined && (missing.length > 0 || addedColumns.length > 0 || previous.some((c, i) => current[i] !== c)),
  };
}

/**
 * One sentence per required column that is missing, for error messages.
 *
 * @example
 * ```ts
 * describeRequiredMissing(drift); // 'column "DueDate" (dueDate) is missing; it looks renamed to "Due"'
 * ```
 */
export function describeRequiredMissing(drift: DriftReport): string {
  return drift.requiredMissing
    .map(
      (r) => `column "${r.column}" (${r.field}) is missing${r.suggestion === undefined ? '' : `; it looks renamed to "${r.suggestion}"`}`,
    )
    .join('; ');
}
