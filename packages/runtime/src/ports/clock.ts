/**
 * # The clock port
 *
 * The core never reads the clock; the runtime asks a {@link Clock} once per tick and passes the
 * instant down. Tests pass a fixed or simulated clock.
 *
 * @module
 */

/** Tells the time. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/**
 * The system clock. It reads `Date.now` lazily at each call, so tests that replace the global
 * still control it.
 *
 * @example
 * ```ts
 * createCollector({ storage, channels, clock: systemClock });
 * ```
 */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that only moves when told to, for tests and simulations.
 *
 * @example
 * ```ts
 * const clock = manualClock(Date.parse('2025-03-01T09:00:00Z'));
 * clock.advance(24 * 3600_000);
 * ```
 */
export function manualClock(start: number): Clock & { set(ms: number): void; advance(ms: number): void } {
  let current = start;
  return {
    now: () => current,
    set: (ms: number) => {
      current = ms;
    },
    advance: (ms: number) => {
      current += ms;
    },
  };
}
