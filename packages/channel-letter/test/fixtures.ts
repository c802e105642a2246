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
    channel: 'letter',
    to: { customerId: 'cus_1', contactId: 'ct_1', name: 'Jane Doe', postalAddress: ['Globex Ltd', '742 Evergreen Terrace', 'Springfield, OR 97403'], locale: 'en-US', timeZone: 'America/Los_Angeles' },
    subject: 'Final notice: invoice INV-1042',
    text: 'Dear Jane Doe,\n\nInvoice INV-1042 for $4,200.00 is now 45 days overdue.\nPlease pay within 7 days.\n\nIf you have already paid, please ignore this letter.',
    decision: { ...decision, action: { type: 'demand-letter', channel: 'letter', contactId: 'ct_1', template: 'final-notice', tone: 'final' } },
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
