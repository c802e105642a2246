/**
 * Exponential backoff for transient dispatch failures.
 *
 * @module
 */

/** Backoff between dispatch attempts. */
export interface BackoffOptions {
  /**
   * Delay after the first failed attempt.
   * @default 30000
   */
  readonly baseMs?: number;
  /**
   * Multiplier per further attempt.
   * @default 2
   */
  readonly factor?: number;
  /**
   * Longest delay.
   * @default 3600000
   */
  readonly maxMs?: number;
}

/**
 * Delay before the next attempt after `attempts` failed ones (1-based), never shorter than what
 * the provider asked for (`retryAfterMs`). Deterministic, so simulations are reproducible.
 *
 * @example
 * ```ts
 * backoffDelay(1); // 30000
 * backoffDelay(3, { baseMs: 1000 }); // 4000
 * ```
 */
export function backoffDelay(attempts: number, options: BackoffOptions = {}, retryAfterMs = 0): number {
  const base = options.baseMs ?? 30_000;
  const factor = options.factor ?? 2;
  const max = options.maxMs ?? 3_600_000;
  const delay = Math.min(max, base * factor ** Math.max(0, attempts - 1));
  return Math.max(delay, retryAfterMs);
}
