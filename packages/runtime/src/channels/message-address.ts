/**
 * Where an outbound message goes on its channel, shared by the file and console channels.
 *
 * @module
 */
import type { OutboundMessage } from '../ports/channel.js';

/**
 * The recipient's address on the message's channel (email, E.164 number, postal lines joined,
 * webhook endpoint), or `undefined` when the recipient has none.
 *
 * @example
 * ```ts
 * addressOf({ ...message, channel: 'sms', to: { customerId: 'c', contactId: 'k', phone: '+14155550100' } }); // '+14155550100'
 * ```
 */
export function addressOf(message: OutboundMessage): string | undefined {
  const { to } = message;
  switch (message.channel) {
    case 'email':
      return to.email;
    case 'sms':
    case 'voice':
      return to.phone;
    case 'letter':
      return to.postalAddress !== undefined && to.postalAddress.length > 0 ? to.postalAddress.join(', ') : undefined;
    case 'webhook':
      return to.webhook;
  }
}
