/**
 * Stripe webhook signatures (`Stripe-Signature: t=<unix s>,v1=<hex>,...`): HMAC-SHA256, keyed
 * with the endpoint's signing secret (`whsec_...`, used as it is), over `<t>.<raw body>`.
 *
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from '@dueflow/runtime';

/** The timestamp and `v1` signatures of a `Stripe-Signature` header, or `undefined` when it has no usable timestamp. */
function parseHeader(header: string): { timestamp: number; signatures: Buffer[] } | undefined {
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && timestamp === undefined && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    // v0 and other schemes are ignored, as Stripe's libraries do.
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  return timestamp === undefined ? undefined : { timestamp, signatures };
}

/**
 * Verifies a `Stripe-Signature` header against the raw body: any `v1` signature may match
 * (Stripe sends several while a secret is being rolled), compared in constant time, and the
 * signed timestamp must be within `toleranceSeconds` of `receivedAt` (epoch ms), either way.
 * Throws a `WebhookVerificationError`: `malformed` for a missing or unreadable header,
 * `signature` when no `v1` matches, `timestamp` when the signature is stale. Returns the signed
 * timestamp (unix seconds).
 *
 * @example
 * ```ts
 * verifyStripeSignature(req.body, req.headers['stripe-signature'], { secret: process.env.STRIPE_WEBHOOK_SECRET!, receivedAt: Date.now() });
 * const event = JSON.parse(req.body.toString('utf8'));
 * ```
 */
export function verifyStripeSignature(
  rawBody: Uint8Array | string,
  header: string | undefined,
  options: {
    /** The endpoint's signing secret (`whsec_...`). */
    readonly secret: string;
    /** When the request arrived (epoch ms). */
    readonly receivedAt: number;
    /**
     * Largest difference between the signed timestamp and `receivedAt`, in seconds.
     * @default 300
     */
    readonly toleranceSeconds?: number | undefined;
  },
): number {
  const { secret, receivedAt, toleranceSeconds = 300 } = options;
  if (header === undefined || header.trim() === '')
    throw new WebhookVerificationError('malformed', 'stripe: missing Stripe-Signature header');
  const parsed = parseHeader(header);
  if (parsed === undefined) throw new WebhookVerificationError('malformed', 'stripe: Stripe-Signature has no timestamp t=<unix seconds>');
  if (parsed.signatures.length === 0) throw new WebhookVerificationError('signature', 'stripe: Stripe-Signature has no v1 signature');
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const expected = createHmac('sha256', secret).update(`${parsed.timestamp}.`, 'utf8').update(body).digest();
  // Every signature is compared, so the time taken does not say which one matched.
  let matched = false;
  for (const given of parsed.signatures) if (timingSafeEqual(given, expected)) matched = true;
  if (!matched) throw new WebhookVerificationError('signature', 'stripe: no v1 signature in Stripe-Signature matches the body');
  const skew = Math.floor(receivedAt / 1000) - parsed.timestamp;
  if (Math.abs(skew) > toleranceSeconds) {
    const when = skew > 0 ? `${skew}s old` : `${-skew}s in the future`;
    throw new WebhookVerificationError('timestamp', `stripe: the signature is ${when}, beyond the ${toleranceSeconds}s tolerance`);
  }
  return parsed.timestamp;
}
