import type { ActDecision } from '@dueflow/core';
import type { Logger, OutboundMessage } from '@dueflow/runtime/ports';

export const decision: ActDecision = {
  kind: 'act',
  invoiceId: 'inv_1',
  ladderId: 'default',
  segment: 'smb',
  step: { id: 'overdue-14', name: 'Second reminder', index: 2, occurrence: 1, attempt: 1 },
  action: { type: 'call-task', contactId: 'ct_1', tone: 'firm' },
  window: { start: '2025-03-12T09:00:00.000Z', end: '2025-03-12T17:00:00.000Z' },
  requiresApproval: false,
  idempotencyKey: 'inv_1:overdue-14:1:1',
  outstanding: { amount: 420000, currency: 'USD' },
  reasons: [
    { code: 'outstanding', amount: { amount: 420000, currency: 'USD' } },
    { code: 'step-due', stepId: 'overdue-14', stepName: 'Second reminder', date: '2025-03-12', daysPastDue: 14, occurrence: 1 },
  ],
};

export function message(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    key: 'inv_1:overdue-14:1:1',
    channel: 'sms',
    to: { customerId: 'cus_1', contactId: 'ct_1', name: 'Jane Doe', email: 'jane.doe@globex.example', phone: '+14155550100' },
    subject: 'Invoice INV-1042 is 14 days overdue',
    text: 'Invoice INV-1042 for $4,200.00 is 14 days overdue.',
    decision: { ...decision, action: { type: 'message', channel: 'sms', contactId: 'ct_1', template: 'overdue', tone: 'firm' } },
    tenantId: 't_1',
    ...overrides,
  };
}

/** A logger that keeps every line, to check what would have been written. */
export function captureLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (msg: string, fields?: Readonly<Record<string, unknown>>) => {
    lines.push(JSON.stringify({ level, msg, ...fields }));
  };
  return { lines, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
