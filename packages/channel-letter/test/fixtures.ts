import type { OutboundMessage } from '@dueflow/runtime/ports';
import { sampleDecision } from '@dueflow/testing/conformance';

export { captureLogger } from '@dueflow/testing/conformance';

export const decision = sampleDecision;

export function message(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    key: 'inv_1:overdue-14:1:1',
    channel: 'letter',
    to: {
      customerId: 'cus_1',
      contactId: 'ct_1',
      name: 'Jane Doe',
      postalAddress: ['Globex Ltd', '742 Evergreen Terrace', 'Springfield, OR 97403'],
      locale: 'en-US',
      timeZone: 'America/Los_Angeles',
    },
    subject: 'Final notice: invoice INV-1042',
    text: 'Dear Jane Doe,\n\nInvoice INV-1042 for $4,200.00 is now 45 days overdue.\nPlease pay within 7 days.\n\nIf you have already paid, please ignore this letter.',
    decision: {
      ...decision,
      action: { type: 'demand-letter', channel: 'letter', contactId: 'ct_1', template: 'final-notice', tone: 'final' },
    },
    tenantId: 't_1',
    ...overrides,
  };
}
