import { describe, expect, it } from 'vitest';
import {
  approveDiscount,
  compilePolicy,
  createInstallmentPlan,
  CustomerSchema,
  explain,
  InvoiceSchema,
  makePromise,
  outstandingAmount,
  proposeDiscount,
  recordPayment,
  recordTouch,
  type PolicyInput,
} from '../src/index.js';
import { World } from './world.js';

const customer = CustomerSchema.parse({
  id: 'acme',
  name: 'Acme Corp',
  timeZone: 'America/Chicago',
  accountManager: { name: 'Dana Whitfield', email: 'dana@seller.example' },
  contacts: [{ id: 'ap', email: 'ap@acme.example', phone: '+14155550100' }],
});
const sam = { type: 'user' as const, id: 'sam', name: 'Sam Ortiz' };

function world(invoice: { id: string; total: number; issueDate: string; dueDate: string }, policy: PolicyInput = {}): World {
  return new World(
    compilePolicy({ calendar: { timeZone: 'America/New_York' }, ...policy }),
    InvoiceSchema.parse({
      id: invoice.id,
      number: invoice.id.toUpperCase(),
      customerId: 'acme',
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      total: { amount: invoice.total, currency: 'USD' },
    }),
    customer,
  );
}

function pay(w: World, id: string, amount: number, at: string): void {
  const { payment, activities } = recordPayment(
    {
      id,
      customerId: 'acme',
      amount: { amount, currency: 'USD' },
      status: 'succeeded',
      method: 'ach',
      at,
      allocations: [{ invoiceId: w.invoice.id, amount }],
    },
    { at, idPrefix: id },
  );
  w.payments.push(payment);
  w.activities.push(...activities);
}

describe('(a) a promise conditional on a 5% discount, kept two days later', () => {
  const w = world({ id: 'inv-4200', total: 420_000, issueDate: '2025-02-01', dueDate: '2025-03-03' });
  w.run('2025-02-20', '2025-03-11'); // reminders up to the overdue notice; 8 days overdue on the 11th

  it('escalated normally until the call', () => {
    expect(w.steps()).toEqual(['pre-due-reminder', 'due-date-notice', 'overdue-notice']);
  });

  it('records the call, the conditional promise and the discount awaiting approval', () => {
    const at = '2025-03-11T16:00:00Z';
    w.activities.push(
      ...recordTouch(
        w.invoice,
        { kind: 'call', outcome: 'reached', durationSeconds: 300, notes: 'will pay in 48 hours with 5% off' },
        { at, idPrefix: 'call-1', by: sam },
      ),
    );
    const { offer, activities: offered } = proposeDiscount(
      { id: 'off-1', invoice: w.invoice, outstanding: 420_000, basisPoints: 500, deadline: '2025-03-14' },
      { at, idPrefix: 'off-1', by: sam },
    );
    w.activities.push(...offered);
    expect(offer.newTotal).toEqual({ amount: 399_000, currency: 'USD' });
    const { promise, activities: promised } = makePromise(
      {
        id: 'p-1',
        invoice: w.invoice,
        amount: offer.newTotal,
        date: '2025-03-13',
        channel: 'call',
        takenBy: 'sam',
        condition: '5% early-payment discount approved',
      },
      { at, idPrefix: 'p-1', by: sam },
    );
    w.promise = promise;
    w.activities.push(...promised);
    const decision = w.tick('2025-03-11T17:00:00Z');
    expect(decision.kind).toBe('wait');
    expect(explain(decision)).toContain('promised to pay $3,990.00 by 2025-03-13');

    const approved = approveDiscount(offer, w.invoice, {
      at: '2025-03-11T18:00:00Z',
      idPrefix: 'off-1-ok',
      by: { type: 'user', id: 'lead' },
    });
    w.credits.push(approved.credit);
    w.activities.push(...approved.activities);
    expect(outstandingAmount(w.invoice, w.payments, w.credits)).toBe(399_000);
  });

  it('suspends the ladder and reminds the day before the promised date', () => {
    w.tick('2025-03-12T15:00:00Z');
    expect(w.steps('2025-03-12', '2025-03-12')).toEqual(['promise:p-1:reminder']);
  });

  it('the payment of 3,990.00 two days later keeps the promise and resolves the invoice', () => {
    pay(w, 'pay-1', 399_000, '2025-03-13T14:00:00Z');
    const decision = w.tick('2025-03-13T15:00:00Z');
    expect(decision).toMatchObject({ kind: 'done', reason: 'paid' });
    expect(w.promise?.status).toBe('kept');
    const events = w.activities.map((a) =>
      a.type === 'promise'
        ? `promise:${a.event}`
        : a.type === 'action' && a.action === 'offer'
          ? `offer:${a.outcome}`
          : a.type === 'status'
            ? a.change
            : a.type,
    );
    expect(events).toEqual(
      expect.arrayContaining([
        'call',
        'offer:awaiting-approval',
        'promise:made',
        'offer:approved',
        'credit-note',
        'payment',
        'promise:kept',
      ]),
    );
    w.run('2025-03-14', '2025-04-30');
    expect(w.steps('2025-03-14')).toEqual([]);
  });
});

describe('(b) 84,200.00 flagged before write-off, then a 3-month plan paid on days 90, 120 and 150', () => {
  const w = world(
    { id: 'inv-84200', total: 8_420_000, issueDate: '2025-01-01', dueDate: '2025-01-31' },
    { writeOffWarning: { anchor: 'issue', ageDays: 90, warnDaysBefore: 12 } },
  );

  it('raises the write-off warning when the invoice is 78 days old', () => {
    w.run('2024-12-30', '2025-03-18'); // day 76
    expect(w.steps()).not.toContain('write-off-warning');
    w.run('2025-03-19', '2025-03-20'); // day 77 (Wednesday) and 78 (Thursday): the warning is for day 78
    const warning = w.acts.find((a) => a.decision.step.id === 'write-off-warning')!;
    expect(warning.at.slice(0, 10)).toBe('2025-03-20');
    expect(explain(warning.decision)).toContain('write-off age of 90 days on 2025-04-01');
  });

  it('splits the plan 28,067.00 / 28,067.00 / 28,066.00 and stops campaign messages', () => {
    const { plan, activities } = createInstallmentPlan(
      {
        id: 'plan-1',
        invoices: [{ invoice: w.invoice, outstanding: 8_420_000 }],
        frequency: 'monthly',
        count: 3,
        firstDueDate: '2025-04-01',
      },
      { at: '2025-03-21T16:00:00Z', idPrefix: 'plan-1', by: sam },
    );
    expect(plan.installments.map((i) => [i.dueDate, i.amount.amount])).toEqual([
      ['2025-04-01', 2_806_700],
      ['2025-05-01', 2_806_700],
      ['2025-06-01', 2_806_600],
    ]);
    w.plan = plan;
    w.activities.push(...activities);
    w.run('2025-03-21', '2025-04-01');
    expect(w.steps('2025-03-21')).toEqual(['plan:plan-1:1:upcoming', 'plan:plan-1:1:due']);
  });

  it('applies payments on days 90, 120 and 150 and completes the plan', () => {
    pay(w, 'pay-1', 2_806_700, '2025-04-01T13:00:00Z'); // day 90
    w.run('2025-04-02', '2025-05-01');
    expect(w.planState('2025-04-02T12:00:00Z').status).toBe('on-track');
    pay(w, 'pay-2', 2_806_700, '2025-05-01T13:00:00Z'); // day 120
    w.run('2025-05-02', '2025-05-31');
    pay(w, 'pay-3', 2_806_600, '2025-05-31T13:00:00Z'); // day 150
    const decision = w.tick('2025-05-31T15:00:00Z');
    expect(decision).toMatchObject({ kind: 'done', reason: 'paid' });
    expect(w.plan?.status).toBe('completed');
    const sinceThePlan = w.steps('2025-03-21');
    expect(sinceThePlan.every((s) => s.startsWith('plan:'))).toBe(true);
    expect(sinceThePlan).toContain('plan:plan-1:2:upcoming');
    expect(sinceThePlan).not.toContain('plan:plan-1:1:missed');
  });
});

describe('(c) a broken promise resumes escalation at the right step', () => {
  const w = world({ id: 'inv-c', total: 150_000, issueDate: '2025-02-01', dueDate: '2025-03-03' });

  it('follows up on the broken promise, then continues with the next step, later by the suspension', () => {
    w.run('2025-02-20', '2025-03-11');
    expect(w.steps()).toEqual(['pre-due-reminder', 'due-date-notice', 'overdue-notice']);
    const { promise, activities } = makePromise(
      { id: 'p-c', invoice: w.invoice, amount: { amount: 150_000, currency: 'USD' }, date: '2025-03-13' },
      { at: '2025-03-11T16:00:00Z', idPrefix: 'p-c', by: sam },
    );
    w.promise = promise;
    w.activities.push(...activities);
    w.run('2025-03-12', '2025-04-30');
    const after = w.acts.filter((a) => a.at >= '2025-03-12');
    // Reminder on the 12th; the promise (13th + 2 days' grace) breaks on the 16th, a Sunday: follow-up on Monday.
    expect(after.slice(0, 3).map((a) => [a.at.slice(0, 10), a.decision.step.id])).toEqual([
      ['2025-03-12', 'promise:p-c:reminder'],
      ['2025-03-17', 'promise:p-c:follow-up'],
      ['2025-03-24', 'call-request'],
    ]);
    expect(w.promise?.status).toBe('broken');
    const call = after[2]!.decision;
    expect(explain(call)).toContain('suspended for 5 days');
    // Escalation goes on in order from there, none skipped, each step 5 days later than written.
    expect(after.slice(3, 6).map((a) => [a.at.slice(0, 10), a.decision.step.id])).toEqual([
      ['2025-03-31', 'account-manager-alert'], // +21 = 24 March, +5 = 29 March, a Saturday
      ['2025-04-07', 'credit-hold'], // +30 = 2 April, +5
      ['2025-04-22', 'demand-letter'], // +45 = 17 April, +5
    ]);
  });
});

describe('(d) a plan that defaults after two missed installments', () => {
  const w = world({ id: 'inv-d', total: 300_000, issueDate: '2025-01-01', dueDate: '2025-01-31' }, { writeOffWarning: { enabled: false } });

  it('sends plan reminders, defaults on the second missed installment, and the ladder resumes', () => {
    w.run('2025-01-20', '2025-02-10');
    expect(w.steps()).toEqual(['pre-due-reminder', 'due-date-notice', 'overdue-notice']);
    const { plan, activities } = createInstallmentPlan(
      {
        id: 'plan-d',
        invoices: [{ invoice: w.invoice, outstanding: 300_000 }],
        frequency: 'fortnightly',
        count: 3,
        firstDueDate: '2025-02-17',
        maxMissed: 2,
        graceDays: 3,
      },
      { at: '2025-02-10T16:00:00Z', idPrefix: 'plan-d', by: sam },
    );
    w.plan = plan;
    w.activities.push(...activities);
    w.run('2025-02-11', '2025-03-06');
    expect(w.plan?.status).toBe('active');
    expect(w.planState('2025-03-06T15:00:00Z')).toMatchObject({
      status: 'in-arrears',
      missed: 1,
      arrears: { amount: 200_000, currency: 'USD' },
    });
    // Reminders for installment 1, then installment 2 while 1 is still missing.
    expect(w.steps('2025-02-11', '2025-03-06')).toEqual([
      'plan:plan-d:1:upcoming',
      'plan:plan-d:1:due',
      'plan:plan-d:1:missed',
      'plan:plan-d:2:upcoming',
      'plan:plan-d:2:due',
    ]);
    // Installment 2 fell due on 3 March and counts as missed after 3 days' grace: the plan defaults on the 7th.
    w.run('2025-03-07', '2025-03-31');
    expect(w.plan?.status).toBe('defaulted');
    const defaulted = w.activities.find((a) => a.type === 'plan' && a.event === 'defaulted')!;
    expect(defaulted.at.slice(0, 10)).toBe('2025-03-07');
    const resumed = w.acts.filter((a) => a.at >= '2025-03-07');
    expect(resumed.every((a) => !a.decision.step.id.startsWith('plan:'))).toBe(true);
    // The next step after the overdue notice, later by the 25 days the plan ran.
    expect([resumed[0]!.at.slice(0, 10), resumed[0]!.decision.step.id]).toEqual(['2025-03-11', 'call-request']);
  });
});
