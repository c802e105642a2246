/**
 * Instants at the runtime's boundary.
 *
 * @module
 */
import { DueflowError } from '@dueflow/core';

/**
 * Epoch ms of a `Date`, epoch ms or ISO string, rejecting what is not an instant.
 *
 * @example
 * ```ts
 * toEpochMs('2025-04-07T10:00:00Z'); // 1744020000000
 * ```
 */
export function toEpochMs(at: Date | number | string, field = 'at'): number {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms))
    throw new DueflowError('VALIDATION', `${field}: expected an instant (got ${typeof at === 'string' ? JSON.stringify(at) : String(at)})`);
  return ms;
}
