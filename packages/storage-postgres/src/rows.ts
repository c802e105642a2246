/**
 * Conversions between SQL rows and model objects, and the encoding of scheduling instants.
 *
 * @module
 */
import type { ActDecision } from '@dueflow/core';
import { DueflowError } from '@dueflow/core';
import type { OutboxEntry, OutboxStatus } from '@dueflow/runtime/ports';
import { toNullableNumber, toNumber } from './driver.js';

/**
 * `next_check_at` value meaning "due at once" (the port's `-Infinity`).
 *
 * @example
 * ```ts
 * await tx.query(`UPDATE invoices SET next_check_at = ${IMMEDIATE} WHERE ...`);
 * ```
 */
export const IMMEDIATE = Number.MIN_SAFE_INTEGER;

/**
 * Encodes a next-check instant for the `next_check_at` column (`-Infinity` becomes {@link IMMEDIATE},
 * `null` and `Infinity` become SQL `NULL`).
 *
 * @example
 * ```ts
 * encodeNextCheck(-Infinity, 'nextCheckAt'); // Number.MIN_SAFE_INTEGER
 * ```
 */
export function encodeNextCheck(value: number | null, field: string): number | null {
  if (value === null || value === Infinity) return null;
  if (value === -Infinity) return IMMEDIATE;
  if (!Number.isFinite(value))
    throw new DueflowError('VALIDATION', `${field}: expected epoch milliseconds, null or -Infinity, got ${String(value)}`);
  return Math.max(Math.trunc(value), IMMEDIATE);
}

/**
 * Decodes the `next_check_at` column.
 *
 * @example
 * ```ts
 * decodeNextCheck(String(Number.MIN_SAFE_INTEGER)); // -Infinity
 * ```
 */
export function decodeNextCheck(value: unknown): number | null {
  const n = toNullableNumber(value);
  if (n === null) return null;
  return n <= IMMEDIATE ? -Infinity : n;
}

/**
 * Checks an instant passed by the caller, throwing a `VALIDATION` error naming the field.
 *
 * @example
 * ```ts
 * instant(input.now, 'now');
 * ```
 */
export function instant(value: number, field: string): number {
  if (!Number.isFinite(value)) throw new DueflowError('VALIDATION', `${field}: expected epoch milliseconds, got ${String(value)}`);
  return Math.trunc(value);
}

/**
 * Checks a non-negative integer limit, throwing a `VALIDATION` error naming the field.
 *
 * @example
 * ```ts
 * nonNegativeInt(query.limit ?? 1000, 'limit');
 * ```
 */
export function nonNegativeInt(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new DueflowError('VALIDATION', `${field}: expected a non-negative integer, got ${String(value)}`);
  return value;
}

/**
 * The columns of `outbox` read back as an entry.
 *
 * @example
 * ```ts
 * await driver.query(`SELECT ${OUTBOX_COLUMNS} FROM dueflow.outbox WHERE tenant_id = $1`, [tenantId]);
 * ```
 */
export const OUTBOX_COLUMNS =
  'key, invoice_id, customer_id, decision, status, attempts, not_before, not_after, created_at, updated_at, last_error, provider_message_id, review, token, lease_until, message_key';

/**
 * Builds an {@link OutboxEntry} from an `outbox` row.
 *
 * @example
 * ```ts
 * const entries = result.rows.map(outboxEntryFromRow);
 * ```
 */
export function outboxEntryFromRow(row: Record<string, unknown>): OutboxEntry {
  const review = row['review'] as OutboxEntry['review'] | null;
  const lastError = row['last_error'] as string | null;
  const providerMessageId = row['provider_message_id'] as string | null;
  const messageKey = row['message_key'] as string | null;
  return {
    key: row['key'] as string,
    invoiceId: row['invoice_id'] as string,
    customerId: row['customer_id'] as string,
    decision: row['decision'] as ActDecision,
    status: row['status'] as OutboxStatus,
    attempts: toNumber(row['attempts']),
    notBefore: toNumber(row['not_before']),
    notAfter: toNumber(row['not_after']),
    createdAt: toNumber(row['created_at']),
    updatedAt: toNumber(row['updated_at']),
    ...(lastError !== null && lastError !== undefined ? { lastError } : {}),
    ...(providerMessageId !== null && providerMessageId !== undefined ? { providerMessageId } : {}),
    ...(review !== null && review !== undefined ? { review } : {}),
    ...(messageKey !== null && messageKey !== undefined ? { messageKey } : {}),
  };
}

/**
 * Splits `items` into chunks of at most `size`.
 *
 * @example
 * ```ts
 * chunks([1, 2, 3], 2); // [[1, 2], [3]]
 * ```
 */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Keeps the last item for each id, in first-seen order (an upsert cannot touch a row twice).
 *
 * @example
 * ```ts
 * lastById([{ id: 'a', v: 1 }, { id: 'a', v: 2 }]); // [{ id: 'a', v: 2 }]
 * ```
 */
export function lastById<T extends { readonly id: string }>(items: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of items) byId.set(item.id, item);
  return [...byId.values()];
}
