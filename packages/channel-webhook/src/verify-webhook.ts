/**
 * Receiver-side verification of Standard Webhooks deliveries.
 *
 * @module
 */
import { timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from '@dueflow/runtime';
import type { ReplayStore } from './replay-store.js';
import { decodeWebhookSecret, webhookHmac } from './signature.js';

/** Headers as Node, Express or a fetch `Headers` give them. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>> | Headers;

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** The shared `whsec_...` secret. */
  readonly secret: string;
  readonly headers: HeaderBag;
  /** The body exactly as received; verification fails on a re-serialised body. */
  readonly rawBody: Uint8Array | string;
  /** Epoch ms when the delivery arrived. */
  readonly now: number;
  /**
   * How far `webhook-timestamp` may be from `now`, in either direction.
   * @default 300
   */
  readonly toleranceSeconds?: number;
  /**
   * Remembers accepted `webhook-id`s for twice the tolerance, so a captured delivery cannot be
   * replayed inside the window. Without it, replays inside the tolerance are not detected.
   * @default undefined
   */
  readonly replayStore?: ReplayStore;
}

/** A verified delivery. */
export interface VerifiedWebhook {
  readonly id: string;
  /** Unix seconds the sender signed at. */
  readonly timestamp: number;
  /** The body parsed as JSON (`undefined` for an empty body). */
  readonly payload: unknown;
}

/**
 * Reads one header case-insensitively from a Node/Express header object or a fetch `Headers`.
 *
 * @example
 * ```ts
 * headerValue(req.headers, 'Webhook-Id');
 * ```
 */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Readonly<Record<string, string | readonly string[] | undefined>>)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value.join(', ');
  }
  return undefined;
}

/**
 * Verifies a Standard Webhooks delivery: the `v1` HMAC-SHA256 signature (constant-time
 * comparison, any of several space-separated signatures may match, for secret rotation), a
 * timestamp within `toleranceSeconds` of `now`, and, with a `replayStore`, a `webhook-id` not
 * seen before. Throws a `WebhookVerificationError` with `reason` `signature`, `timestamp`,
 * `replay` or `malformed`.
 *
 * @example
 * ```ts
 * const { id, payload } = await verifyWebhook({
 *   secret: process.env.DUEFLOW_WEBHOOK_SECRET!,
 *   headers: req.headers,
 *   rawBody: req.body, // express.raw()
 *   now: Date.now(),
 *   replayStore,
 * });
 * ```
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<VerifiedWebhook> {
  const tolerance = options.toleranceSeconds ?? 300;
  const id = headerValue(options.headers, 'webhook-id');
  const timestampText = headerValue(options.headers, 'webhook-timestamp');
  const signatures = headerValue(options.headers, 'webhook-signature');
  if (!id || !timestampText || !signatures) {
    throw new WebhookVerificationError('signature', 'webhook: missing webhook-id, webhook-timestamp or webhook-signature header');
  }
  if (!/^\d{1,12}$/.test(timestampText)) {
    throw new WebhookVerificationError(
      'timestamp',
      `webhook: webhook-timestamp must be unix seconds, got ${JSON.stringify(timestampText.slice(0, 20))}`,
    );
  }
  const timestamp = Number(timestampText);
  const skew = Math.floor(options.now / 1000) - timestamp;
  if (skew > tolerance)
    throw new WebhookVerificationError('timestamp', `webhook: timestamp is ${skew}s old, beyond the ${tolerance}s tolerance`);
  if (-skew > tolerance)
    throw new WebhookVerificationError('timestamp', `webhook: timestamp is ${-skew}s in the future, beyond the ${tolerance}s tolerance`);

  const expected = webhookHmac(decodeWebhookSecret(options.secret), id, timestamp, options.rawBody);
  let matched = false;
  for (const entry of signatures.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const given = Buffer.from(entry.slice(comma + 1), 'base64');
    // Length is public (always 32 for SHA-256); only equal lengths reach the constant-time compare.
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  if (!matched) throw new WebhookVerificationError('signature', 'webhook: no v1 signature matches');

  const text = typeof options.rawBody === 'string' ? options.rawBody : Buffer.from(options.rawBody).toString('utf8');
  let payload: unknown;
  try {
    payload = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch (cause) {
    throw new WebhookVerificationError('malformed', 'webhook: body is not JSON', { cause });
  }

  if (options.replayStore !== undefined) {
    const fresh = await options.replayStore.remember(`standard-webhooks:${id}`, options.now + 2 * tolerance * 1000, options.now);
    if (!fresh) throw new WebhookVerificationError('replay', `webhook: delivery ${JSON.stringify(id.slice(0, 80))} was already received`);
  }

  return { id, timestamp, payload };
}
