import { CustomerSchema, InvoiceSchema } from '@dueflow/core';
import type { Activity, InstallmentPlan } from '@dueflow/core';
import { describe, expect, it } from 'vitest';
import { assembleSnapshot, recentContactsFrom } from './assemble-snapshot.js';

const customer = CustomerSchema.parse({ id: 'c1', name: 'Acme' });
const invoice = InvoiceSchema.parse({ id: 'i1', number: '1', customerId: 'c1', issueDate: '2025-01-01', dueDate: '2025-01-31', total: { amount: 10_000, currency: 'USD' } });
const plan = (id: string, status: InstallmentPlan['status'], createdAt: string, invoiceIds = ['i1']): InstallmentPlan => ({
  id,
  customerId: 'c1',
  invoiceIds,
  total: { amount: 10_000, currency: 'USD' },
  frequency: 'monthly',
  installments: [{ seq: 1, dueDate: '2025-03-01', amount: { amount: 10_000, currency: 'USD' }, paid: 0 }],
  status,
  createdAt,
  maxMissed: 2,
  graceDays: 3,
});

describe('assembleSnapshot', () => {
  it('prefers a live plan over a newer finished one, and ignores other invoices’ plans', () => {
    const rows = { invoice, customer, payments: [], credits: [], activities: [], promises: [] };
    const live = plan('p1', 'active', '2025-02-01T00:00:00Z');
    const cancelled = plan('p2', 'cancelled', '2025-02-10T00:00:00Z');
    const other = plan('p3', 'active', '2025-02-20T00:00:00Z', ['i2']);
    expect(assembleSnapshot({ ...rows, plans: [cancelled, live, other] }).plan?.id).toBe('p1');
    expect(assembleSnapshot({ ...rows, plans: [cancelled, other] }).plan?.id).toBe('p2');
    expect(assembleSnapshot({ ...rows, plans: [other] }).plan).toBeUndefined();
  });

  it('leaves recent contacts empty without a horizon', () => {
    const sent: Activity = { id: 'a', type: 'action', at: '2025-02-01T00:00:00Z', customerId: 'c1', invoiceId: 'i1', actor: { type: 'system' }, stepId: 's', occurrence: 1, action: 'message', channel: 'email', outcome: 'sent' };
    const rows = { invoice, customer, payments: [], credits: [], activities: [], promises: [], plans: [], customerActivities: [sent] };
    expect(assembleSnapshot(rows).recentContacts).toEqual([]);
    expect(assembleSnapshot(rows, 0).recentContacts).toHaveLength(1);
  });
});

describe('recentContactsFrom', () => {
  it('counts sent messages and calls, not queued actions or notes', () => {
    const base = { customerId: 'c1', invoiceId: 'i1', actor: { type: 'system' as const } };
    const activities: Activity[] = [
      { ...base, id: '1', type: 'action', at: '2025-02-01T00:00:00Z', stepId: 's', occurrence: 1, action: 'message', channel: 'sms', outcome: 'queued' },
      { ...base, id: '2', type: 'action', at: '2025-02-01T00:00:00Z', stepId: 's', occurrence: 1, action: 'message', channel: 'sms', outcome: 'sent' },
      { ...base, id: '3', type: 'call', at: '2025-02-02T00:00:00Z', direction: 'outbound', outcome: 'reached', automated: false },
      { ...base, id: '4', type: 'call', at: '2025-02-03T00:00:00Z', direction: 'outbound', outcome: 'no-answer', automated: true },
      { ...base, id: '5', type: 'note', at: '2025-02-03T00:00:00Z', source: 'agent', text: 'x' },
      { ...base, id: '6', type: 'action', at: '2025-01-01T00:00:00Z', stepId: 's', occurrence: 1, action: 'message', channel: 'email', outcome: 'sent' },
    ];
    expect(recentContactsFrom(activities, Date.parse('2025-01-15T00:00:00Z')).map((c) => c.kind)).toEqual(['message', 'conversation', 'call-attempt']);
  });
});
