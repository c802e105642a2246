/**
 * A realistic outbound message for the channel tests (not exported from the package).
 *
 * @module
 */
import type { ChannelKind } from '@dueflow/core';
import type { OutboundMessage } from '../ports/channel.js';
import { fixtureDecision } from '../templates/test-fixtures.js';

/**
 * An overdue notice to Ann Smith at Globex, with overridable fields.
 *
 * @example
 * ```ts
 * await channel.send(fixtureMessage({ channel: 'sms' }));
 * ```
 */
export function fixtureMessage(overrides: Partial<OutboundMessage> & { channel?: ChannelKind } = {}): OutboundMessage {
  const channel = overrides.channel ?? 'email';
  return {
    key: 'inv-1042:overdue-notice:1',
    channel,
    to: { customerId: 'cus-1', contactId: 'c-1', name: 'Ann Smith', email: 'ann@globex.example', phone: '+14155550100', postalAddress: ['Globex Corporation', '1 Main St', 'Springfield'] },
    subject: 'Overdue: invoice INV-1042 is 7 days past due',
    text: 'Dear Ann Smith,\n\nInvoice INV-1042 for $4,000.00 is 7 days past due.\n\nKind regards,\nInitech',
    html: '<p>Dear Ann Smith,</p>\n<p>Invoice INV-1042 for $4,000.00 is 7 days past due.</p>',
    decision: fixtureDecision({ template: 'notice.overdue', tone: 'firm', channel, stepId: 'overdue-notice' }),
    tenantId: 't1',
    ...overrides,
  };
}
