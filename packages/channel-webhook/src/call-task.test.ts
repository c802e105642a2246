import { describe, expect, it } from 'vitest';
import { ValidationError } from '@dueflow/core';
import { decision, snapshot } from '../test/fixtures.js';
import { createCallTask, recordCallOutcome } from './call-task.js';

describe('createCallTask', () => {
  it('names who to call, what is owed and why', () => {
    const task = createCallTask(decision, snapshot, { callerName: 'Sam', companyName: 'Acme' });
    expect(task).toMatchObject({
      key: 'inv_1:overdue-14:1:1',
      invoiceNumber: 'INV-1042',
      customerName: 'Globex Ltd',
      contact: { id: 'ct_1', name: 'Jane Doe', phone: '+14155550100' },
      outstandingText: '$4,200.00',
      daysPastDue: 14,
    });
    expect(task.openingLine).toBe(
      "Hello Jane Doe, this is Sam at Acme. I'm calling about invoice INV-1042 for $4,200.00, which is 14 days past due. Do you have a moment?",
    );
    expect(task.why[0]).toBe('$4,200.00 is outstanding.');
  });

  it('summarises the history, most recent first, and raises points from it', () => {
    const task = createCallTask(decision, snapshot);
    expect(task.history).toEqual([
      '2025-03-03: promise to pay broken ($4,200.00 by 2025-03-02).',
      '2025-03-01: a payment of $100.00 failed (card declined).',
      '2025-02-27: sent "overdue-1" by email.',
    ]);
    expect(task.talkingPoints.join('\n')).toMatch(/promise\(s\) to pay were not kept/);
    expect(task.talkingPoints.join('\n')).toMatch(/1 payment\(s\) failed/);
    expect(task.talkingPoints.join('\n')).toMatch(/1 reminder\(s\) went unanswered/);
  });

  it('works without a reachable contact', () => {
    const bare = { ...snapshot, customer: { ...snapshot.customer, contacts: [] } };
    const task = createCallTask({ ...decision, action: { type: 'call-task' } }, bare);
    expect(task.contact).toBeUndefined();
    expect(task.openingLine.startsWith('Hello, this is the accounts team.')).toBe(true);
  });
});

describe('recordCallOutcome', () => {
  const base = {
    id: 'call_1',
    at: '2025-03-12T15:04:00Z',
    customerId: 'cus_1',
    invoiceId: 'inv_1',
    contactId: 'ct_1',
    key: 'inv_1:overdue-14:1:1',
  };

  it('records a reached call with a promise and a dispute', () => {
    const outcome = recordCallOutcome({
      ...base,
      reached: true,
      durationSeconds: 240,
      notes: 'AP run is on Fridays',
      promise: { amount: { amount: 420000, currency: 'USD' }, date: '2025-03-21' },
      dispute: { reason: 'Line 3 was not delivered' },
      by: { id: 'u_7', name: 'Sam' },
    });
    expect(outcome.call).toMatchObject({
      type: 'call',
      outcome: 'reached',
      automated: false,
      idempotencyKey: 'inv_1:overdue-14:1:1',
      commitments: 'promised $4,200.00 by 2025-03-21; disputed: Line 3 was not delivered',
      actor: { type: 'user', id: 'u_7', name: 'Sam' },
    });
    expect(outcome.promise).toMatchObject({ id: 'call_1:promise', date: '2025-03-21', status: 'pending', channel: 'call', takenBy: 'Sam' });
    expect(outcome.activities.map((a) => a.type)).toEqual(['call', 'promise', 'status']);
    expect(outcome.activities[2]).toMatchObject({ change: 'dispute-opened', reason: 'Line 3 was not delivered' });
  });

  it('records an unanswered call', () => {
    const outcome = recordCallOutcome({ ...base, reached: false, notReached: 'voicemail' });
    expect(outcome.call.outcome).toBe('voicemail');
    expect(outcome.promise).toBeUndefined();
    expect(outcome.activities).toHaveLength(1);
  });

  it('refuses a promise without reaching anyone, and bad money, naming the field', () => {
    expect(() =>
      recordCallOutcome({ ...base, reached: false, promise: { amount: { amount: 1, currency: 'USD' }, date: '2025-03-21' } }),
    ).toThrow(/promise/);
    expect(() =>
      recordCallOutcome({ ...base, reached: true, promise: { amount: { amount: 1.5, currency: 'USD' }, date: '2025-03-21' } }),
    ).toThrow(ValidationError);
  });
});
