import type { OutboundMessage } from '@dueflow/runtime/ports';
import { sampleDecision } from '@dueflow/testing/conformance';

export { captureLogger } from '@dueflow/testing/conformance';

export const decision = sampleDecision;

export function message(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    key: 'inv_1:overdue-14:1:1',
    channel: 'email',
    to: { customerId: 'cus_1', contactId: 'ct_1', name: 'Jane Doe', email: 'jane.doe@globex.example', phone: '+14155550100' },
    subject: 'Invoice INV-1042 is 14 days overdue',
    text: 'Invoice INV-1042 for $4,200.00 is 14 days overdue.',
    decision: { ...decision, action: { type: 'message', channel: 'email', contactId: 'ct_1', template: 'overdue', tone: 'firm' } },
    html: '<p>Invoice <b>INV-1042</b> for $4,200.00 is 14 days overdue.</p>',
    tenantId: 't_1',
    ...overrides,
  };
}
