/**
 * QuickBooks webhook signatures: the `intuit-signature` header is the base64 HMAC-SHA256 of the
 * raw notification body, keyed with the app's webhook verifier token. The signature covers no
 * timestamp, so a replayed notification verifies: that is harmless here, since the adapter only
 * reads the entities it names, as they are now.
 *
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from '@dueflow/runtime';

/**
 * Verifies an `intuit-signature` header against the raw body, in constant time. Throws a
 * `WebhookVerificationError`: `malformed` for a missing header or one that is not base64 of 32
 * bytes, `signature` when it does not match.
 *
 * @example
 * ```ts
 * verifyQuickBooksSignature(req.body, req.headers['intuit-signature'], process.env.QBO_WEBHOOK_VERIFIER_TOKEN!);
 * const notification = JSON.parse(req.body.toString('utf8'));
 * ```
 */
export function verifyQuickBooksSignature(rawBody: Uint8Array | string, header: string | undefined, verifierToken: string): void {
  if (header === undefined || header.trim() === '')
    throw new WebhookVerificationError('malformed', 'quickbooks: missing intuit-signature header');
  const text = header.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(text))
    throw new WebhookVerificationError('malformed', 'quickbooks: intuit-signature is not a base64 HMAC-SHA256');
  const given = Buffer.from(text, 'base64');
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const expected = createHmac('sha256', verifierToken).update(body).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new WebhookVerificationError('signature', 'quickbooks: intuit-signature does not match the body');
  }
}
