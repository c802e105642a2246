/**
 * Aborting a source's pull: the error it ends with (the source port says a `DueflowError`), and a
 * wait between retries that an abort cuts short. Shared by the source adapters.
 *
 * @module
 */
import { setTimeout as delay } from 'node:timers/promises';
import { DueflowError } from '@dueflow/core';

/**
 * The error an aborted pull of source `name` ends with (`INVALID_OPERATION`, the signal's reason
 * as `cause`).
 *
 * @example
 * ```ts
 * if (signal?.aborted === true) throw pullAborted('stripe', signal);
 * ```
 */
export function pullAborted(name: string, signal: AbortSignal): DueflowError {
  return new DueflowError('INVALID_OPERATION', `${name}: pull aborted`, { cause: signal.reason });
}

/**
 * Throws {@link pullAborted} when `signal` is aborted.
 *
 * @example
 * ```ts
 * for (;;) { stopIfPullAborted('stripe', signal); await fetchNextPage(); }
 * ```
 */
export function stopIfPullAborted(name: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw pullAborted(name, signal);
}

/**
 * Waits `ms` milliseconds (a retry's back-off), or ends at once with {@link pullAborted} when
 * `signal` is aborted before or during the wait.
 *
 * @example
 * ```ts
 * await waitUnlessPullAborted(backoffDelay(attempt, { baseMs: 500, factor: 2, maxMs: 30_000 }), 'stripe', signal);
 * ```
 */
export async function waitUnlessPullAborted(ms: number, name: string, signal: AbortSignal | undefined): Promise<void> {
  stopIfPullAborted(name, signal);
  if (ms <= 0) return;
  try {
    await delay(ms, undefined, signal === undefined ? {} : { signal });
  } catch (error) {
    if (signal?.aborted === true) throw pullAborted(name, signal);
    throw error;
  }
}
