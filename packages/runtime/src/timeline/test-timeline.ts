/**
 * A realistic invoice timeline for the export tests (not exported from the package).
 *
 * @module
 */
import type { ActivityInput } from '@dueflow/core';

const base = { customerId: 'cus-1', invoiceId: 'inv-1042' };

/**
 * Reminder, overdue notice with deliveries and a reply, a call, a promise, an approval, a payment.
 *
 * @example
 * ```ts
 * timelineToMarkdown(TIMELINE);
 * ```
 */
export const TIMELINE: readonly ActivityInput[] = [
  { ...base, id: 'a01', type: 'status', at: '2025-02-01T09:00:00Z', change: 'created' },
  { ...base, id: 'a02', type: 'action', at: '2025-02-24T14:00:00Z', stepId: 'pre-due-reminder', ladderId: 'default', action: 'message', channel: 'email', contactId: 'c-1', template: 'reminder.pre-due', tone: 'friendly', outcome: 'queued', idempotencyKey: 'inv-1042:pre-due-reminder:1' },
  { ...base, id: 'a03', type: 'action', at: '2025-02-24T14:00:02Z', stepId: 'pre-due-reminder', ladderId: 'default', action: 'message', channel: 'email', contactId: 'c-1', template: 'reminder.pre-due', tone: 'friendly', outcome: 'sent', idempotencyKey: 'inv-1042:pre-due-reminder:1' },
  { ...base, id: 'a04', type: 'delivery', at: '2025-02-24T14:01:00Z', channel: 'email', event: 'delivered', actionKey: 'inv-1042:pre-due-reminder:1', actor: { type: 'provider', name: 'postmark' } },
  { ...base, id: 'a05', type: 'delivery', at: '2025-02-24T16:30:00Z', channel: 'email', event: 'opened', actionKey: 'inv-1042:pre-due-reminder:1', actor: { type: 'provider', name: 'postmark' } },
  { ...base, id: 'a06', type: 'action', at: '2025-03-10T14:00:00Z', stepId: 'overdue-notice', ladderId: 'default', action: 'message', channel: 'email', contactId: 'c-1', template: 'notice.overdue', tone: 'firm', outcome: 'failed', detail: 'mailbox full', permanent: false, idempotencyKey: 'inv-1042:overdue-notice:1' },
  { ...base, id: 'a07', type: 'action', at: '2025-03-10T15:00:00Z', stepId: 'overdue-notice', ladderId: 'default', action: 'message', channel: 'email', contactId: 'c-1', template: 'notice.overdue', tone: 'firm', outcome: 'sent', idempotencyKey: 'inv-1042:overdue-notice:1' },
  { ...base, id: 'a08', type: 'delivery', at: '2025-03-10T18:12:00Z', channel: 'email', event: 'replied', actionKey: 'inv-1042:overdue-notice:1', text: 'We are waiting on PO approval.\n\n*Ann*', actor: { type: 'customer', name: 'Ann Smith' } },
  { ...base, id: 'a09', type: 'delivery', at: '2025-03-11T08:00:00Z', channel: 'sms', event: 'bounced', bounce: 'hard', contactId: 'c-2' },
  { ...base, id: 'a10', type: 'call', at: '2025-03-17T15:30:00Z', direction: 'outbound', outcome: 'reached', durationSeconds: 330, contactId: 'c-1', notes: 'Spoke to Ann. <b>PO</b> approved today.', commitments: 'Pays $4,000 by March 20', actor: { type: 'user', id: 'u-7', name: 'Jane Collector' } },
  { ...base, id: 'a11', type: 'promise', at: '2025-03-17T15:36:00Z', promiseId: 'ptp-1', event: 'made', amount: { amount: 400_000, currency: 'USD' }, date: '2025-03-20', actor: { type: 'user', name: 'Jane Collector' } },
  { ...base, id: 'a12', type: 'action', at: '2025-05-02T09:00:00+02:00', stepId: 'agency-referral', action: 'agency-referral', outcome: 'awaiting-approval', idempotencyKey: 'inv-1042:agency-referral:1' },
  { ...base, id: 'a13', type: 'approval', at: '2025-05-02T10:00:00Z', actionKey: 'inv-1042:agency-referral:1', decision: 'rejected', reason: 'Customer paid', actor: { type: 'user', name: 'Lee Manager' } },
  { ...base, id: 'a14', type: 'payment', at: '2025-03-19T12:00:00Z', paymentId: 'p-2', amount: { amount: 400_000, currency: 'USD' }, status: 'succeeded', method: 'ach', reference: 'ACH 7781' },
  { ...base, id: 'a15', type: 'note', at: '2025-03-19T12:00:00Z', source: 'crm', text: '# Not a heading\nPaid in full, thanks [team](http://x).' },
];
