/**
 * The adapter's record of messages and calls Twilio accepted, by idempotency key.
 *
 * @module
 */

/** A message or call Twilio accepted. */
export interface TwilioSent {
  readonly key: string;
  /** `SM...` or `CA...`. */
  readonly sid: string;
  /** Epoch ms of acceptance. */
  readonly at: number;
}

/**
 * Twilio has no idempotency key for Messages or Calls, so the adapter remembers what it sent:
 * the same key is not sent twice through one log, and `lookup(key)` answers after a crash.
 * The in-memory default only covers this process; back it with your database (a unique key)
 * to cover several. Across processes, the runtime's outbox stays the main guard.
 */
export interface SentLog {
  get(key: string): Promise<TwilioSent | undefined>;
  put(entry: TwilioSent): Promise<void>;
}

/**
 * An in-memory {@link SentLog}.
 *
 * @example
 * ```ts
 * const twilio = createTwilioChannel({ ...options, sentLog: createMemorySentLog() });
 * ```
 */
export function createMemorySentLog(): SentLog {
  const entries = new Map<string, TwilioSent>();
  return {
    async get(key) {
      return entries.get(key);
    },
    async put(entry) {
      entries.set(entry.key, entry);
    },
  };
}
