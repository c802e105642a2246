/**
 * Twilio request signatures (`X-Twilio-Signature`): HMAC-SHA1, keyed with the auth token, over
 * the full URL followed by every POST parameter, sorted by name, as name then value; base64.
 *
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** POST parameters as name/value pairs (repeated names allowed). */
export type FormParams = readonly (readonly [string, string])[];

/**
 * Computes the signature Twilio sends for a request.
 *
 * @example
 * ```ts
 * const signature = twilioSignature(authToken, 'https://api.example.com/hooks/twilio?key=k1', [['MessageSid', 'SM1'], ['MessageStatus', 'delivered']]);
 * ```
 */
export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  const sorted = [...params].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const hmac = createHmac('sha1', authToken);
  hmac.update(url, 'utf8');
  for (const [name, value] of sorted) hmac.update(`${name}${value}`, 'utf8');
  return hmac.digest('base64');
}

/**
 * Checks an `X-Twilio-Signature` in constant time.
 *
 * @example
 * ```ts
 * if (!isValidTwilioSignature(authToken, fullUrl, [...new URLSearchParams(body)], req.headers['x-twilio-signature'])) reject();
 * ```
 */
export function isValidTwilioSignature(authToken: string, url: string, params: FormParams, signature: string | undefined): boolean {
  if (signature === undefined || signature === '') return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params), 'base64');
  const given = Buffer.from(signature, 'base64');
  // Length is public (20 bytes for SHA-1); only equal lengths reach the constant-time compare.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
