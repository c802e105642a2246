/**
 * Reading an `InboundRequest` (a provider's callback) in channel and source adapters: a header
 * by name, and the body as JSON.
 *
 * @module
 */
import { WebhookVerificationError } from '../errors.js';
import type { InboundRequest } from '../ports/channel.js';

/**
 * The value of header `name` (matched case-insensitively; repeated headers joined with `,`), or
 * `undefined`.
 *
 * @example
 * ```ts
 * verifySignature(request.rawBody, requestHeader(request, 'stripe-signature'));
 * ```
 */
export function requestHeader(request: Pick<InboundRequest, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() === wanted && value !== undefined) return typeof value === 'string' ? value : value.join(',');
  }
  return undefined;
}

/**
 * The body parsed as JSON (UTF-8), or a `WebhookVerificationError` (`malformed`) naming the
 * adapter. Verify the signature over the raw body first.
 *
 * @example
 * ```ts
 * const event = EventSchema.safeParse(requestJson(request, 'stripe'));
 * ```
 */
export function requestJson(request: Pick<InboundRequest, 'rawBody'>, adapter: string): unknown {
  const text = typeof request.rawBody === 'string' ? request.rawBody : Buffer.from(request.rawBody).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new WebhookVerificationError('malformed', `${adapter}: webhook body is not JSON`, { cause });
  }
}
