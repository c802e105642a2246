/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): HMAC-SHA256 over
 * `id.timestamp.body` with the base64-decoded `whsec_` secret, sent as `v1,<base64>`.
 *
 * @module
 */
import { createHmac } from 'node:crypto';
import { ConfigError } from '@dueflow/core';

const PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The three headers of a Standard Webhooks delivery. */
export type StandardWebhookHeaders = {
  readonly 'webhook-id': string;
  /** Unix seconds. */
  readonly 'webhook-timestamp': string;
  /** Space-separated `v1,<base64>` signatures. */
  readonly 'webhook-signature': string;
};

/**
 * Decodes a `whsec_<base64>` secret into the HMAC key. Throws a `ConfigError` (without echoing
 * the secret) when it is not one.
 *
 * @example
 * ```ts
 * const key = decodeWebhookSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
 * ```
 */
export function decodeWebhookSecret(secret: string): Buffer {
  if (typeof secret !== 'string' || !secret.startsWith(PREFIX)) {
    throw new ConfigError('secret: expected a Standard Webhooks secret starting with "whsec_"');
  }
  const encoded = secret.slice(PREFIX.length);
  if (!BASE64.test(encoded)) throw new ConfigError('secret: the part after "whsec_" must be base64');
  const key = Buffer.from(encoded, 'base64');
  if (key.length < 16) throw new ConfigError(`secret: the key must be at least 16 bytes, got ${key.length}`);
  return key;
}

/**
 * Computes the raw HMAC-SHA256 of `id.timestamp.body`.
 *
 * @example
 * ```ts
 * const mac = webhookHmac(key, 'msg_1', 1700000000, '{"a":1}');
 * ```
 */
export function webhookHmac(key: Uint8Array, id: string, timestampSeconds: number, body: Uint8Array | string): Buffer {
  const hmac = createHmac('sha256', key);
  hmac.update(`${id}.${timestampSeconds}.`);
  hmac.update(body);
  return hmac.digest();
}

/**
 * Signs a delivery, returning the three Standard Webhooks headers.
 *
 * @example
 * ```ts
 * const headers = signWebhook({ secret: 'whsec_...', id: key, timestamp: Math.floor(now / 1000), body });
 * await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
 * ```
 */
export function signWebhook(input: {
  readonly secret: string;
  readonly id: string;
  /** Unix seconds. */
  readonly timestamp: number;
  readonly body: Uint8Array | string;
}): StandardWebhookHeaders {
  const mac = webhookHmac(decodeWebhookSecret(input.secret), input.id, input.timestamp, input.body);
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': `v1,${mac.toString('base64')}`,
  };
}
