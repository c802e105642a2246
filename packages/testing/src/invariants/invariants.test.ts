import { describe, expect, it } from 'vitest';
import { compilePolicy, nextAction, parseSnapshot, type ActDecision, type Decision, type Snapshot } from '@dueflow/core';
import { closedBecause, owedOn } from './closed-invoice.js';
import { assertDecisionInvariants, checkDecisionInvariants } from './decision-invariants.js';
import { firstDifference } from './deep-equal.js';
import { checkDeterminism } from './determinism.js';
import { checkMonotonicEscalation, runWithoutPayment } from './escalation.js';
import { checkFreshIdempotencyKey, historyKeys } from './idempotency.js';
import { InvariantViolation, type Decide } from './invariant-result.js';
import { checkAllocation, checkDecimalRoundTrip, checkFormatRoundTrip, checkOutstandingExact, checkSplit } from './money-exact.js';
import { checkActInWindow, checkProgress } from './progress.js';
import { checkNeverActsWhenClosed } from './closed-invoice.js';
import { checkContactRules } from './contact-rules.js';

const policy = compilePolicy({ segments: [] });
const base = {
  invoice: {
    id: 'inv-1',
    number: 'INV-1',
    customerId: 'c1',
    issueDate: '2025-03-01',
    dueDate: '2025-03-31',
    total: { amount: 100_000, currency: 'USD' },
  },
  customer: { id: 'c1', name: 'Acme', timeZone: 'America/New_York', contacts: [{ id: 'ap', email: 'ap@acme.example' }] },
};
const snapshot = parseSnapshot(base);
const dueNow = Date.parse('2025-03-24T14:00:00Z'); // the pre-due reminder is due
const quiet = Date.parse('2025-03-26T14:00:00Z'); // waiting for the due-date notice

const asAct = (d: Decision): ActDecision => {
  if (d.kind !== 'act') throw new Error(`expected an act, got ${d.kind}`);
  return d;
};
const reference = asAct(nextAction(snapshot, dueNow, policy));

describe('the checks pass for the engine', () => {
  it('on an act, a wait and a closed invoice', () => {
    for (const now of [dueNow, quiet]) expect(checkDecisionInvariants(snapshot, now, policy)).toEqual([]);
    const paid = parseSnapshot({ ...base, invoice: { ...base.invoice, status: 'paid' } });
    expect(checkDecisionInvariants(paid, dueNow, policy)).toEqual([]);
    expect(() => assertDecisionInvariants(snapshot, dueNow, policy)).not.toThrow();
  });
});

describe('the checks catch broken deciders', () => {
  it('determinism: a decider with hidden state', () => {
    let calls = 0;
    const decide: Decide = (s, now, p) => ({ ...nextAction(s, now, p), invoiceId: `inv-${calls++}` });
    const result = checkDeterminism(snapshot, dueNow, policy, { decide });
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.message).toContain('invoiceId');
  });

  it('closed invoices: a decider that ignores the status', () => {
    const decide: Decide = () => reference;
    for (const invoice of [
      { status: 'paid' as const },
      { status: 'void' as const },
      { dispute: { reason: 'x', openedAt: '2025-03-01T00:00:00Z' } },
      { pause: { reason: 'x', since: '2025-03-01T00:00:00Z' } },
    ]) {
      const s = parseSnapshot({ ...base, invoice: { ...base.invoice, ...invoice } });
      expect(checkNeverActsWhenClosed(s, dueNow, policy, { decide })).toMatchObject({ ok: false });
    }
    const plan = {
      id: 'plan-1',
      customerId: 'c1',
      invoiceIds: ['inv-1'],
      total: { amount: 100_000, currency: 'USD' },
      frequency: 'monthly' as const,
      installments: [
        { seq: 1, dueDate: '2025-04-15', amount: { amount: 50_000, currency: 'USD' } },
        { seq: 2, dueDate: '2025-05-15', amount: { amount: 50_000, currency: 'USD' } },
      ],
      createdAt: '2025-03-20T10:00:00Z',
    };
    const onPlan = parseSnapshot({ ...base, plan });
    expect(checkNeverActsWhenClosed(onPlan, dueNow, policy)).toEqual({ ok: true });
    expect(checkNeverActsWhenClosed(onPlan, dueNow, policy, { decide })).toMatchObject({ ok: false });
    const reminder: Decide = () => ({ ...reference, action: { ...reference.action, type: 'installment-reminder' } });
    expect(checkNeverActsWhenClosed(onPlan, dueNow, policy, { decide: reminder })).toEqual({ ok: true });
    const waitsOnPaid: Decide = (s) => ({ kind: 'wait', invoiceId: s.invoice.id, until: null, reason: 'paused', reasons: [] });
    const paid = parseSnapshot({ ...base, invoice: { ...base.invoice, status: 'paid' } });
    expect(checkNeverActsWhenClosed(paid, dueNow, policy, { decide: waitsOnPaid })).toMatchObject({ ok: false });
  });

  it('fresh keys: a decider that forgets the attempt', () => {
    const failed = parseSnapshot({
      ...base,
      activities: [
        {
          id: 'a1',
          type: 'action',
          at: '2025-03-24T13:30:00Z',
          customerId: 'c1',
          invoiceId: 'inv-1',
          stepId: 'pre-due-reminder',
          action: 'message',
          outcome: 'failed',
          channel: 'email',
        },
      ],
    });
    const good = asAct(nextAction(failed, dueNow, policy));
    expect(good.idempotencyKey).toBe('inv-1:pre-due-reminder:1:2');
    expect(checkFreshIdempotencyKey(failed, dueNow, policy)).toEqual({ ok: true });
    const forgetful: Decide = () => ({ ...good, step: { ...good.step, attempt: 1 }, idempotencyKey: 'inv-1:pre-due-reminder:1' });
    expect(checkFreshIdempotencyKey(failed, dueNow, policy, { decide: forgetful })).toMatchObject({ ok: false });
    const misshapen: Decide = () => ({ ...good, idempotencyKey: 'pre-due-reminder' });
    expect(checkFreshIdempotencyKey(failed, dueNow, policy, { decide: misshapen })).toMatchObject({ ok: false });
  });

  it('monotonic escalation: a decider that goes back to the first step', () => {
    const regress: Decide = (s, now, p) => {
      const d = nextAction(s, now, p);
      const acted = s.activities.filter((a) => a.type === 'action').length;
      return d.kind === 'act' && acted === 2
        ? { ...reference, idempotencyKey: 'inv-1:pre-due-reminder:1:2', step: { ...reference.step, attempt: 1 } }
        : d;
    };
    expect(checkMonotonicEscalation(snapshot, Date.parse('2025-03-01T00:00:00Z'), policy)).toEqual({ ok: true });
    expect(checkMonotonicEscalation(snapshot, Date.parse('2025-03-01T00:00:00Z'), policy, { decide: regress })).toMatchObject({
      ok: false,
    });
  });

  it('progress: a decider that waits until now, or returns the same wait again', () => {
    const now = new Date(quiet).toISOString();
    const stuck: Decide = (s) => ({ kind: 'wait', invoiceId: s.invoice.id, until: now, reason: 'next-step', reasons: [] });
    expect(checkProgress(snapshot, quiet, policy, { decide: stuck })).toMatchObject({ ok: false });
    const later = new Date(quiet + 3_600_000).toISOString();
    const repeating: Decide = (s) => ({ kind: 'wait', invoiceId: s.invoice.id, until: later, reason: 'next-step', reasons: [] });
    expect(checkProgress(snapshot, quiet, policy, { decide: repeating })).toMatchObject({ ok: false });
  });

  it('act in window and exact outstanding: a decider with a wrong window or amount', () => {
    const early: Decide = () => ({ ...reference, window: { start: '2025-03-24T15:00:00.000Z', end: '2025-03-24T21:00:00.000Z' } });
    expect(checkActInWindow(snapshot, dueNow, policy, { decide: early })).toMatchObject({ ok: false });
    const offByOne: Decide = () => ({ ...reference, outstanding: { amount: 99_999, currency: 'USD' } });
    expect(checkOutstandingExact(snapshot, dueNow, policy, { decide: offByOne })).toMatchObject({ ok: false });
  });

  it('contact rules: a decider that sends to an opted-out, suppressed, unknown or failed channel', () => {
    const optedOut = parseSnapshot({
      ...base,
      customer: { ...base.customer, contacts: [{ id: 'ap', email: 'ap@acme.example', phone: '+14155550100', optOuts: ['email'] }] },
    });
    const sendsAnyway: Decide = () => reference;
    expect(checkContactRules(snapshot, dueNow, policy, { decide: sendsAnyway })).toEqual({ ok: true });
    expect(checkContactRules(optedOut, dueNow, policy, { decide: sendsAnyway })).toMatchObject({ ok: false });
    const suppressed = parseSnapshot({
      ...base,
      customer: { ...base.customer, contacts: [{ id: 'ap', email: 'ap@acme.example', suppressed: ['email'] }] },
    });
    expect(checkContactRules(suppressed, dueNow, policy, { decide: sendsAnyway })).toMatchObject({ ok: false });
    const stranger: Decide = () => ({ ...reference, action: { ...reference.action, contactId: 'nobody' } });
    expect(checkContactRules(snapshot, dueNow, policy, { decide: stranger })).toMatchObject({ ok: false });
    const noPhone: Decide = () => ({ ...reference, action: { ...reference.action, channel: 'sms' } });
    expect(checkContactRules(snapshot, dueNow, policy, { decide: noPhone })).toMatchObject({ ok: false });
    const bounced = parseSnapshot({
      ...base,
      activities: [
        {
          id: 'a1',
          type: 'action',
          at: '2025-03-24T13:30:00Z',
          customerId: 'c1',
          invoiceId: 'inv-1',
          stepId: 'pre-due-reminder',
          action: 'message',
          outcome: 'failed',
          channel: 'email',
          permanent: true,
        },
      ],
    });
    expect(checkContactRules(bounced, dueNow, policy, { decide: sendsAnyway })).toMatchObject({ ok: false });
  });

  it('assertDecisionInvariants throws an InvariantViolation naming the invariant', () => {
    const offByOne: Decide = () => ({ ...reference, outstanding: { amount: 1, currency: 'USD' } });
    let error: unknown;
    try {
      assertDecisionInvariants(snapshot, dueNow, policy, { decide: offByOne, skip: ['monotonic-escalation', 'progress'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvariantViolation);
    expect((error as InvariantViolation).invariant).toBe('outstanding-exact');
    expect((error as Error).message).toMatch(/^outstanding-exact: /);
  });
});

describe('helpers', () => {
  it('historyKeys computes attempt keys in time order and keeps recorded keys', () => {
    const s: Snapshot = parseSnapshot({
      ...base,
      activities: [
        {
          id: 'b',
          type: 'action',
          at: '2025-03-24T14:00:00Z',
          customerId: 'c1',
          invoiceId: 'inv-1',
          stepId: 'x',
          action: 'message',
          outcome: 'failed',
        },
        {
          id: 'a',
          type: 'action',
          at: '2025-03-24T13:00:00Z',
          customerId: 'c1',
          invoiceId: 'inv-1',
          stepId: 'x',
          action: 'message',
          outcome: 'failed',
        },
        {
          id: 'c',
          type: 'action',
          at: '2025-03-24T15:00:00Z',
          customerId: 'c1',
          invoiceId: 'inv-1',
          stepId: 'x',
          action: 'message',
          outcome: 'sent',
          idempotencyKey: 'custom-key',
        },
        {
          id: 'd',
          type: 'action',
          at: '2025-03-31T15:00:00Z',
          customerId: 'c1',
          invoiceId: 'inv-1',
          stepId: 'y',
          occurrence: 2,
          action: 'message',
          outcome: 'sent',
        },
      ],
    });
    expect([...historyKeys(s)].sort()).toEqual(['custom-key', 'inv-1:x:1', 'inv-1:x:1:2', 'inv-1:x:1:3', 'inv-1:y:2']);
  });

  it('closedBecause and owedOn read the snapshot independently of the engine', () => {
    expect(closedBecause(snapshot, dueNow, policy)).toBeUndefined();
    const pausedUntil = parseSnapshot({
      ...base,
      invoice: { ...base.invoice, pause: { reason: 'x', since: '2025-03-01T00:00:00Z', until: '2025-03-25' } },
    });
    expect(closedBecause(pausedUntil, dueNow, policy)).toBe('the invoice is paused until 2025-03-25');
    expect(closedBecause(pausedUntil, Date.parse('2025-03-25T00:00:00Z'), policy)).toBeUndefined();
    const partly = parseSnapshot({
      ...base,
      payments: [
        {
          id: 'p1',
          customerId: 'c1',
          amount: { amount: 40_000, currency: 'USD' },
          status: 'succeeded',
          at: '2025-03-02T00:00:00Z',
          allocations: [
            { invoiceId: 'inv-1', amount: 30_000 },
            { invoiceId: 'other', amount: 10_000 },
          ],
        },
        {
          id: 'p2',
          customerId: 'c1',
          amount: { amount: 70_000, currency: 'USD' },
          status: 'pending',
          at: '2025-03-03T00:00:00Z',
          allocations: [{ invoiceId: 'inv-1', amount: 70_000 }],
        },
      ],
      credits: [{ id: 'cn', invoiceId: 'inv-1', amount: { amount: 5_000, currency: 'USD' }, at: '2025-03-04T00:00:00Z' }],
    });
    expect(owedOn(partly)).toBe(65_000);
  });

  it('runWithoutPayment stops on done', () => {
    const run = runWithoutPayment(snapshot, Date.parse('2025-03-01T00:00:00Z'), policy);
    expect(run.acts.map((a) => a.decision.step.index)).toEqual([0, 1, 2, 3, 4, 5, 7, 8]); // 6 is the strategic-only plan offer
    expect(run.last).toMatchObject({ kind: 'done', reason: 'referred' });
    expect(run.stalled).toBeUndefined();
  });

  it('firstDifference names the path', () => {
    expect(firstDifference({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe('a[1].b: "x" vs "y"');
    expect(firstDifference([1, 2], [1])).toBe('(root): array of 2 vs array of 1');
    expect(firstDifference({ a: undefined }, {})).toBeUndefined();
    expect(firstDifference(Number.NaN, Number.NaN)).toBeUndefined();
    expect(firstDifference({ a: 1 }, { a: '1' })).toBe('a: 1 vs "1"');
  });

  it('money checks pass on exact results and name the operation', () => {
    expect(checkAllocation({ amount: 8_420_000, currency: 'USD' }, [1, 1, 1])).toEqual({ ok: true });
    expect(checkSplit({ amount: 8_420_000, currency: 'USD' }, 3)).toEqual({ ok: true });
    expect(checkDecimalRoundTrip({ amount: -5, currency: 'KWD' })).toEqual({ ok: true });
    expect(checkFormatRoundTrip({ amount: 123_450, currency: 'EUR' }, 'de-DE')).toEqual({ ok: true });
  });
});
