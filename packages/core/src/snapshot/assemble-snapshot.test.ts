import type { Activity } from '../model/activity.js';
import { CustomerSchema } from '../model/customer.js';
import { InvoiceSchema } from '../model/invoice.js';
import type { InstallmentPlan } from '../model/promise.js';
import { describe, expect, it } from 'vitest';
import { assembleSnapshot, recentContactsFrom } from './assemble-snapshot.js';

const customer = CustomerSchema.parse({ id: 'c1', name: 'Acme' });
const invoice = InvoiceSchema.parse({
  id: 'i1',
  number: '1',
  customerId: 'c1',
  issueDate: '2025-01-01',
  dueDate: '2025-01-31',
  total: { amount: 10_000, currency: 'USD' },
});
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

  it('carries the latest promise and the payments of every invoice of the plan', () => {
    const promise = (id: string, madeAt: string) => ({
      id,
      invoiceId: 'i1',
      amount: { amount: 5_000, currency: 'USD' },
      date: '2025-02-10',
      madeAt,
      status: 'pending' as const,
      paid: 0,
    });
    const pay = (id: string, invoiceId: string) => ({
      id,
      customerId: 'c1',
      amount: { amount: 1_000, currency: 'USD' },
      status: 'succeeded' as const,
      method: 'ach' as const,
      at: '2025-02-05T00:00:00Z',
      allocations: [{ invoiceId, amount: 1_000 }],
    });
    const rows = { invoice, customer, credits: [], activities: [], payments: [pay('x1', 'i1'), pay('x2', 'i2'), pay('x3', 'i3')] };
    const snapshot = assembleSnapshot({
      ...rows,
      promises: [promise('p2', '2025-02-03T00:00:00Z'), promise('p1', '2025-02-01T00:00:00Z')],
      plans: [plan('pl', 'active', '2025-02-01T00:00:00Z', ['i1', 'i2'])],
    });
    expect(snapshot.promise?.id).toBe('p2');
    expect(snapshot.payments.map((p) => p.id)).toEqual(['x1', 'x2']);
    expect(assembleSnapshot({ ...rows, promises: [], plans: [] }).payments.map((p) => p.id)).toEqual(['x1']);
  });

  it('leaves recent contacts empty without a horizon', () => {
    const sent: Activity = {
      id: 'a',
      type: 'action',
      at: '2025-02-01T00:00:00Z',
      customerId: 'c1',
      invoiceId: 'i1',
      actor: { type: 'system' },
      stepId: 's',
      occurrence: 1,
      action: 'message',
      channel: 'email',
      outcome: 'sent',
    };
    const rows = { invoice, customer, payments: [], credits: [], activities: [], promises: [], plans: [], customerActivities: [sent] };
    expect(assembleSnapshot(rows).recentContacts).toEqual([]);
    expect(assembleSnapshot(rows, 0).recentContacts).toHaveLength(1);
  });
});

describe('recentContactsFrom', () => {
  it('counts a consolidated message once', () => {
    const sent = (id: string, invoiceId: string, detail: string): Activity => ({
      id,
      type: 'action',
      at: '2025-02-01T10:00:00Z',
      customerId: 'c1',
      invoiceId,
      actor: { type: 'system' },
      stepId: 's',
      occurrence: 1,
      action: 'message',
      channel: 'email',
      outcome: 'sent',
      detail,
    });
    const group = 'group:i1:s:1|i2:s:1';
    const activities = [
      sent('a', 'i1', `sent in one message with 1 other invoice(s) (${group})`),
      sent('b', 'i2', `sent in one message with 1 other invoice(s) (${group})`),
      sent('c', 'i3', 'plain'),
    ];
    expect(recentContactsFrom(activities, 0).map((c) => c.invoiceId)).toEqual(['i1', 'i3']);
  });

  it('counts sent messages and calls, not queued actions or notes', () => {
    const base = { customerId: 'c1', invoiceId: 'i1', actor: { type: 'system' as const } };
    const activities: Activity[] = [
      {
        ...base,
        id: '1',
        type: 'action',
        at: '2025-02-01T00:00:00Z',
        stepId: 's',
        occurrence: 1,
        action: 'message',
        channel: 'sms',
        outcome: 'queued',
      },
      {
        ...base,
        id: '2',
        type: 'action',
        at: '2025-02-01T00:00:00Z',
        stepId: 's',
        occurrence: 1,
        action: 'message',
        channel: 'sms',
        outcome: 'sent',
      },
      { ...base, id: '3', type: 'call', at: '2025-02-02T00:00:00Z', direction: 'outbound', outcome: 'reached', automated: false },
      { ...base, id: '4', type: 'call', at: '2025-02-03T00:00:00Z', direction: 'outbound', outcome: 'no-answer', automated: true },
      { ...base, id: '5', type: 'note', at: '2025-02-03T00:00:00Z', source: 'agent', text: 'x' },
      {
        ...base,
        id: '6',
        type: 'action',
        at: '2025-01-01T00:00:00Z',
        stepId: 's',
        occurrence: 1,
        action: 'message',
        channel: 'email',
        outcome: 'sent',
      },
    ];
    expect(recentContactsFrom(activities, Date.parse('2025-01-15T00:00:00Z')).map((c) => c.kind)).toEqual([
      'message',
      'conversation',
      'call-attempt',
    ]);
  });
});
