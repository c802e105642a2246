/**
 * Shared data for channel adapter tests: a decision to build messages from, and a logger that
 * keeps what it was given so a test can check that no secret or full address was logged.
 *
 * @module
 */
import type { ActDecision } from '@dueflow/core';
import type { Logger } from '@dueflow/runtime/ports';

/**
 * A decided action on invoice `inv_1` (USD 4,200.00, 14 days overdue), key `inv_1:overdue-14:1:1`,
 * as channel tests attach it to their messages.
 *
 * @example
 * ```ts
 * const message = { ...base, decision: { ...sampleDecision, action: { type: 'message', channel: 'sms', contactId: 'ct_1' } } };
 * ```
 */
export const sampleDecision: ActDecision = {
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

/**
 * A logger that keeps every line as JSON, to check what an adapter would have written.
 *
 * @example
 * ```ts
 * const logger = captureLogger();
 * createEmailChannel({ ..., logger });
 * expect(logger.lines.join('\n')).not.toContain('jane.doe@');
 * ```
 */
export function captureLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (msg: string, fields?: Readonly<Record<string, unknown>>) => {
    lines.push(JSON.stringify({ level, msg, ...fields }));
  };
  return { lines, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
