/**
 * A realistic outbound message for the channel tests (not exported from the package).
 *
 * @module
 */
import type { ActDecision, ChannelKind } from '@dueflow/core';
import type { OutboundMessage } from '../ports/channel.js';

function overdueNotice(channel: ChannelKind): ActDecision {
  return {
    kind: 'act',
    invoiceId: 'inv-1042',
    ladderId: 'default',
    segment: 'standard',
    step: { id: 'overdue-notice', name: 'overdue-notice', index: 2, occurrence: 1, attempt: 1 },
    action: { type: 'message', channel, contactId: 'c-1', template: 'notice.overdue', tone: 'firm' },
    window: { start: '2025-03-10T14:00:00.000Z', end: '2025-03-10T22:00:00.000Z' },
    requiresApproval: false,
    idempotencyKey: 'inv-1042:overdue-notice:1',
    outstanding: { amount: 400_000, currency: 'USD' },
    reasons: [],
  };
}

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
    to: {
      customerId: 'cus-1',
      contactId: 'c-1',
      name: 'Ann Smith',
      email: 'ann@globex.example',
      phone: '+14155550100',
      postalAddress: ['Globex Corporation', '1 Main St', 'Springfield'],
    },
    subject: 'Overdue: invoice INV-1042 is 7 days past due',
    text: 'Dear Ann Smith,\n\nInvoice INV-1042 for $4,000.00 is 7 days past due.\n\nKind regards,\nInitech',
    html: '<p>Dear Ann Smith,</p>\n<p>Invoice INV-1042 for $4,000.00 is 7 days past due.</p>',
    decision: overdueNotice(channel),
    tenantId: 't1',
    ...overrides,
  };
}
