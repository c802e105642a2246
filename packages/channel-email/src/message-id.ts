/**
 * Stable Message-IDs derived from idempotency keys.
 *
 * @module
 */
import { createHash } from 'node:crypto';

/**
 * The Message-ID a message sent under `key` carries: `<sha256(key)@domain>`. A resend under the
 * same key has the same Message-ID, so mail systems and bounce reports can be matched back to
 * the key without revealing it to the recipient.
 *
 * @example
 * ```ts
 * messageIdFor('inv_1:overdue-14:1:1', 'mail.acme.example');
 * // '<5c1e...c9@mail.acme.example>'
 * ```
 */
export function messageIdFor(key: string, domain: string): string {
  return `<${createHash('sha256').update(key, 'utf8').digest('hex')}@${domain}>`;
}

/**
 * Extracts the first Message-ID (`<...>`) from a header value, normalised to lower case domain
 * and angle brackets, or `undefined`.
 *
 * @example
 * ```ts
 * normalizeMessageId(' <ABC@Mail.Example> '); // '<ABC@mail.example>'
 * ```
 */
export function normalizeMessageId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /<?([^<>\s@]+)@([^<>\s]+?)>?(?:\s|$)/.exec(`${value.trim()} `);
  if (match === null) return undefined;
  return `<${match[1]}@${(match[2] ?? '').toLowerCase()}>`;
}
