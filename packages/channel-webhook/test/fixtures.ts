import { parseSnapshot, type Snapshot } from '@dueflow/core';
import type { OutboundMessage } from '@dueflow/runtime/ports';
import { sampleDecision } from '@dueflow/testing/conformance';

export { captureLogger } from '@dueflow/testing/conformance';

export const decision = sampleDecision;

export const snapshot: Snapshot = parseSnapshot({
  invoice: {
    id: 'inv_1',
    number: 'INV-1042',
    customerId: 'cus_1',
    issueDate: '2025-01-27',
    dueDate: '2025-02-26',
    total: { amount: 420000, currency: 'USD' },
  },
  customer: {
    id: 'cus_1',
    name: 'Globex Ltd',
    contacts: [{ id: 'ct_1', name: 'Jane Doe', email: 'jane.doe@globex.example', phone: '+14155550100' }],
  },
  payments: [
    {
      id: 'pay_1',
      customerId: 'cus_1',
      amount: { amount: 10000, currency: 'USD' },
      status: 'failed',
      at: '2025-03-01T10:00:00Z',
      failureReason: 'card declined',
      allocations: [],
    },
  ],
  activities: [
    {
      id: 'a1',
      type: 'action',
      at: '2025-02-27T09:00:00Z',
      customerId: 'cus_1',
      invoiceId: 'inv_1',
      stepId: 'overdue-1',
      action: 'message',
      channel: 'email',
      outcome: 'sent',
    },
    {
      id: 'a2',
      type: 'promise',
      at: '2025-03-03T09:00:00Z',
      customerId: 'cus_1',
      invoiceId: 'inv_1',
      promiseId: 'p1',
      event: 'broken',
      amount: { amount: 420000, currency: 'USD' },
      date: '2025-03-02',
    },
  ],
});

export function message(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    key: 'inv_1:overdue-14:1:1',
    channel: 'webhook',
    to: { customerId: 'cus_1', contactId: 'ct_1', name: 'Jane Doe', email: 'jane.doe@globex.example', phone: '+14155550100' },
    subject: 'Invoice INV-1042 is 14 days overdue',
    text: 'Invoice INV-1042 for $4,200.00 is 14 days overdue.',
    decision: { ...decision, action: { type: 'webhook', event: 'invoice.overdue' } },
    tenantId: 't_1',
    ...overrides,
  };
}
