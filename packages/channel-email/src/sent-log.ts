/**
 * The adapter's record of messages accepted by the mail server, by idempotency key.
 *
 * @module
 */

/** A message the mail server accepted. */
export interface SentEmail {
  readonly key: string;
  readonly messageId: string;
  /** Epoch ms of acceptance. */
  readonly at: number;
}

/**
 * Where the email channel remembers accepted messages, so `lookup(key)` answers after a crash
 * and bounce reports are matched from Message-ID back to the key. Back it with your database to
 * share it between processes; the in-memory default only remembers this process's sends.
 */
export interface EmailSentLog {
  get(key: string): Promise<SentEmail | undefined>;
  keyForMessageId(messageId: string): Promise<string | undefined>;
  put(entry: SentEmail): Promise<void>;
}

/**
 * An in-memory {@link EmailSentLog}.
 *
 * @example
 * ```ts
 * const channel = createEmailChannel({ transport, from, domain, sentLog: createMemoryEmailSentLog() });
 * ```
 */
export function createMemoryEmailSentLog(): EmailSentLog {
  const byKey = new Map<string, SentEmail>();
  const byMessageId = new Map<string, string>();
  return {
    async get(key) {
      return byKey.get(key);
    },
    async keyForMessageId(messageId) {
      return byMessageId.get(messageId);
    },
    async put(entry) {
      byKey.set(entry.key, entry);
      byMessageId.set(entry.messageId, entry.key);
    },
  };
}
