/**
 * One delivery per message key at a time, for channel adapters.
 *
 * @module
 */
import type { OutboundMessage, SendResult } from '../ports/index.js';

/**
 * Wraps a channel's `deliver` so that two sends of one key at once share the first one's
 * outcome instead of reaching the provider twice; once it settles, the key may be sent again
 * (the adapter's sent log answers repeats).
 *
 * @example
 * ```ts
 * const send = singleFlight((message) => deliver(message));
 * await Promise.all([send(message), send(message)]); // one provider call
 * ```
 */
export function singleFlight(
  deliver: (message: OutboundMessage) => Promise<SendResult>,
): (message: OutboundMessage) => Promise<SendResult> {
  const inFlight = new Map<string, Promise<SendResult>>();
  return (message) => {
    const running = inFlight.get(message.key);
    if (running !== undefined) return running;
    const attempt = deliver(message).finally(() => inFlight.delete(message.key));
    inFlight.set(message.key, attempt);
    return attempt;
  };
}
