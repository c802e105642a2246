/**
 * Errors the command line reports without a stack trace: bad usage or input (exit code 2) and
 * failures of the work itself (exit code 1).
 *
 * @module
 */
import { DueflowError } from '@dueflow/core';

/** Exit codes of the `dueflow` command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * Bad usage or bad input: an unknown invoice, an unreadable file, a malformed URL. Exits with 2.
 *
 * @example
 * ```ts
 * throw new UsageError(`invoice: no invoice "inv-9" in the store`);
 * ```
 */
export class UsageError extends DueflowError {
  /** Process exit code for this error. */
  readonly exitCode = EXIT.usage;

  constructor(message: string, options?: { cause?: unknown }) {
    super('VALIDATION', message, options);
  }
}

/**
 * The exit code an error maps to: 2 for bad usage or input (validation, configuration, unknown
 * records, data health), 1 for everything else.
 *
 * @example
 * ```ts
 * exitCodeOf(new UsageError('bad')); // 2
 * ```
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof DueflowError) {
    return error.code === 'VALIDATION' || error.code === 'CONFIG' || error.code === 'NOT_FOUND' || error.code === 'DATA_HEALTH'
      ? EXIT.usage
      : EXIT.failure;
  }
  return EXIT.failure;
}
