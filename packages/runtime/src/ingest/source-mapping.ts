/**
 * What source adapters share when they map a provider's objects to the core model: the outcome
 * of mapping one object, its source records, and the text clean-up every provider needs.
 *
 * @module
 */
import type { SourceIssue, SourceRecord } from '../ports/source.js';

/** What mapping one provider object gives: the record, the issues that stopped it, or why it was skipped. */
export type SourceMapping<T> =
  | { readonly record: T }
  | { readonly issues: readonly SourceIssue[] }
  /** Not a record to collect on (a deleted customer, a draft, a payment of nothing). */
  | { readonly skipped: string };

/**
 * The kinds of source record that carry data (every kind but `issue`).
 * @inline
 */
type DataKind = Exclude<SourceRecord['kind'], 'issue'>;
/**
 * The data a source record of kind `K` carries.
 * @inline
 */
type DataOf<K extends DataKind> = Extract<SourceRecord, { kind: K }>['data'];

/**
 * A mapping as source records: the record, one issue record per issue, or nothing when skipped.
 *
 * @example
 * ```ts
 * for (const raw of page) yield* mappedRecords('customer', mapStripeCustomer(raw));
 * ```
 */
export function mappedRecords<K extends DataKind>(kind: K, mapping: SourceMapping<DataOf<K>>): SourceRecord[] {
  if ('record' in mapping) return [{ kind, data: mapping.record } as SourceRecord];
  if ('issues' in mapping) return mapping.issues.map((issue) => ({ kind: 'issue', issue }));
  return [];
}

/**
 * Text with its surrounding blanks removed, or `undefined` when nothing is left (providers send
 * `null`, `""` and `" "` for "no value").
 *
 * @example
 * ```ts
 * presentText('  Acme '); // 'Acme'
 * presentText(''); // undefined
 * ```
 */
export function presentText(text: string | null | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * Display text cut to `max` characters with `...`, so an over-long name or address line does
 * not cost the whole record.
 *
 * @example
 * ```ts
 * clipText('Acme Corporation International', 10); // 'Acme Co...'
 * ```
 */
export function clipText(text: string | undefined, max: number): string | undefined {
  return text === undefined || text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}
