import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../model/policy.js';
import { plan } from './plan.js';
import { parseSnapshot } from './snapshot.js';

const policy = compilePolicy();
const snapshot = parseSnapshot({
  invoice: {
    id: 'inv-1',
    number: 'INV-1',
    customerId: 'c1',
    issueDate: '2025-03-01',
    dueDate: '2025-03-31',
    total: { amount: 100_000, currency: 'USD' },
  },
  customer: {
    id: 'c1',
    name: 'Acme',
    timeZone: 'America/New_York',
    contacts: [{ id: 'ap', email: 'ap@acme.example', phone: '+14155550100', postalAddress: ['1 Main St'] }],
  },
});

describe('plan', () => {
  it("lists the default ladder's 8 actions for an unpaid invoice and ends referred", () => {
    const result = plan(snapshot, new Date('2025-03-01T00:00:00Z'), policy, { until: new Date('2025-12-31T00:00:00Z') });
    expect(result.actions.map((a) => a.decision.step.id)).toEqual([
      'pre-due-reminder',
      'due-date-notice',
      'overdue-notice',
      'call-request',
      'account-manager-alert',
      'credit-hold',
      'demand-letter',
      'agency-referral',
    ]);
    expect(result.actions.map((a) => a.at)).toEqual([
      '2025-03-24T13:00:00.000Z',
      '2025-03-31T13:00:00.000Z',
      '2025-04-07T13:00:00.000Z',
      '2025-04-14T09:00:00.000Z',
      '2025-04-21T09:00:00.000Z',
      '2025-04-30T09:00:00.000Z',
      '2025-05-15T13:00:00.000Z',
      '2025-05-30T09:00:00.000Z',
    ]);
    expect(result.actions.at(-1)?.decision.requiresApproval).toBe(true);
    expect(result.last).toMatchObject({ kind: 'done', reason: 'referred' });
    expect(new Set(result.actions.map((a) => a.decision.idempotencyKey)).size).toBe(8);
  });

  it('stops at until, on a wait', () => {
    const result = plan(snapshot, new Date('2025-03-01T00:00:00Z'), policy, { until: new Date('2025-04-01T00:00:00Z') });
    expect(result.actions).toHaveLength(2);
    expect(result.last).toMatchObject({ kind: 'wait', reason: 'next-step', until: '2025-04-07T13:00:00.000Z' });
  });

  it('stops after maxActions for repeating steps', () => {
    const repeating = compilePolicy({
      ladders: [
        { id: 'r', name: 'R', steps: [{ id: 'r', name: 'R', offsetDays: 0, action: { type: 'credit-hold' }, repeat: { everyDays: 1 } }] },
      ],
    });
    const result = plan(snapshot, new Date('2025-03-31T00:00:00Z'), repeating, { until: new Date('2026-03-31T00:00:00Z'), maxActions: 5 });
    expect(result.actions.map((a) => a.decision.step.occurrence)).toEqual([1, 2, 3, 4, 5]);
  });

  it('ends done for a paid invoice without actions', () => {
    const paid = parseSnapshot({ ...snapshot, invoice: { ...snapshot.invoice, status: 'paid' } });
    expect(plan(paid, new Date('2025-03-01T00:00:00Z'), policy, { until: new Date('2025-12-31T00:00:00Z') })).toMatchObject({
      actions: [],
      last: { kind: 'done', reason: 'paid' },
    });
  });
});
