import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/day.js';
import { compilePolicy } from '../model/policy.js';
import { nextAction } from '../engine/next-action.js';
import { parseSnapshot, type Snapshot } from '../engine/snapshot.js';
import { ConfigError } from '../errors.js';
import { ACTION_QUEUE_SCHEMA_VERSION, buildActionQueue, RISK_SCORE_NOTE, urgencyOf, type ActionQueueEntry } from './action-queue.js';

const NOW = '2025-03-12T10:00:00Z'; // a Wednesday, inside the default 09:00-17:00 UTC window
const TODAY = '2025-03-12';
const policy = compilePolicy();

function snapshot(id: string, daysPastDue: number, amount: number, currency: string, extra: Record<string, unknown> = {}): Snapshot {
  const dueDate = addDays(TODAY, -daysPastDue);
  return parseSnapshot({
    invoice: {
      id,
      number: id.toUpperCase(),
      customerId: `cust-${id}`,
      issueDate: addDays(dueDate, -30),
      dueDate,
      total: { amount, currency },
      ...extra,
    },
    customer: {
      id: `cust-${id}`,
      name: `Customer ${id}`,
      contacts: [{ id: `ct-${id}`, email: `${id}@example.com`, phone: '+14155550100' }],
    },
  });
}

const snapshots = [
  snapshot('a', 40, 100_000, 'USD'),
  snapshot('b', 10, 500_000, 'USD'),
  snapshot('c', 16, 300_000, 'EUR'),
  snapshot('d', 12, 200_000, 'USD', { status: 'paid' }),
  snapshot('e', 25, 900_000, 'USD', { dispute: { reason: 'wrong quantity', openedAt: '2025-03-01T00:00:00Z' } }),
];

function expectOrdered(entries: readonly ActionQueueEntry[], byCurrency: boolean): void {
  for (let i = 1; i < entries.length; i++) {
    const a = entries[i - 1]!;
    const b = entries[i]!;
    if (byCurrency && a.expectedValue.currency !== b.expectedValue.currency) {
      expect(a.expectedValue.currency < b.expectedValue.currency).toBe(true);
      continue;
    }
    expect(a.expectedValue.amount).toBeGreaterThanOrEqual(b.expectedValue.amount);
  }
  expect(entries.map((e) => e.rank)).toEqual(entries.map((_, i) => i + 1));
}

describe('buildActionQueue', () => {
  const queue = buildActionQueue({ snapshots, now: NOW, policy });

  it('keeps only the acts, and counts the rest', () => {
    expect(queue.entries.map((e) => e.invoiceId).sort()).toEqual(['a', 'b', 'c']);
    expect(queue.counts).toEqual({ snapshots: 5, act: 3, awaitingApproval: 0, wait: 1, done: 1 });
  });

  it('orders by expected value within each currency when no rates are given', () => {
    expect(queue.referenceCurrency).toBeNull();
    expectOrdered(queue.entries, true);
    expect(queue.entries.map((e) => e.expectedValue.currency)).toEqual(['EUR', 'USD', 'USD']);
  });

  it('computes expected value as outstanding × probability × urgency', () => {
    for (const e of queue.entries) {
      const needsPerson = e.requiresApproval || e.action.type === 'call-task' || e.action.type === 'account-manager-alert';
      expect(e.urgency).toBe(urgencyOf(e.daysPastDue, needsPerson));
      expect(e.expectedValue.amount).toBe(Math.round(e.outstanding.amount * e.risk.probability * e.urgency));
    }
    const c = queue.entries.find((e) => e.invoiceId === 'c')!;
    expect(c.action.type).toBe('call-task');
    expect(c.urgency).toBeCloseTo((1 + 16 / 30) * 1.5, 12);
  });

  it('orders across currencies once rates are given', () => {
    const fxQueue = buildActionQueue({ snapshots, now: NOW, policy, fx: { referenceCurrency: 'USD', rates: { EUR: 1.1 } } });
    expect(fxQueue.referenceCurrency).toBe('USD');
    expectOrdered(fxQueue.entries, false);
    const c = fxQueue.entries.find((e) => e.invoiceId === 'c')!;
    expect(c.expectedValue.currency).toBe('USD');
    expect(c.expectedValue.amount).toBe(Math.round(Math.round(300_000 * 1.1) * c.risk.probability * c.urgency));
    expect(() => buildActionQueue({ snapshots, now: NOW, policy, fx: { referenceCurrency: 'USD', rates: {} } })).toThrow(ConfigError);
  });

  it('puts riskier invoices of equal amount and urgency first', () => {
    const twin = (id: string) => snapshot(id, 10, 100_000, 'USD');
    const late = {
      id: 'x',
      issueDate: '2024-01-01',
      dueDate: '2024-01-31',
      total: { amount: 100_000, currency: 'USD' },
      settledAt: '2024-03-15T00:00:00Z',
    };
    const ontime = { ...late, settledAt: '2024-01-20T00:00:00Z' };
    const q = buildActionQueue({
      snapshots: [twin('p'), twin('q')],
      now: NOW,
      policy,
      history: { 'cust-p': [ontime, { ...ontime, id: 'y' }], 'cust-q': [late, { ...late, id: 'y' }] },
    });
    expect(q.entries.map((e) => e.invoiceId)).toEqual(['q', 'p']);
    expect(q.entries[0]!.risk.probability).toBeGreaterThan(q.entries[1]!.risk.probability);
  });

  it('adds pending approvals as entries that need a person', () => {
    const decided = nextAction(snapshots[0]!, Date.parse(NOW), policy);
    if (decided.kind !== 'act') throw new Error('expected an act');
    const pending = {
      ...decided,
      idempotencyKey: 'a:agency-referral:1',
      requiresApproval: true,
      step: { ...decided.step, id: 'agency-referral', name: 'Agency referral' },
    };
    const q = buildActionQueue({ snapshots, now: NOW, policy, pendingApprovals: [pending] });
    const entry = q.entries.find((e) => e.status === 'awaiting-approval')!;
    expect(entry.idempotencyKey).toBe('a:agency-referral:1');
    expect(entry.urgency).toBe(urgencyOf(entry.daysPastDue, true));
    expect(q.counts.awaitingApproval).toBe(1);
  });

  it('explains each entry and carries the note on judgement', () => {
    for (const e of queue.entries) {
      expect(e.note).toBe(RISK_SCORE_NOTE);
      expect(e.reasons.length).toBeGreaterThan(e.risk.factors.length);
      expect(e.reasons.slice(-e.risk.factors.length).every((r) => /^Risk (raised|lowered) by: /.test(r))).toBe(true);
      expect(e.risk.factors.length).toBeLessThanOrEqual(3);
    }
  });

  it('has the documented JSON shape', () => {
    expect(queue.schemaVersion).toBe(ACTION_QUEUE_SCHEMA_VERSION);
    expect(ACTION_QUEUE_SCHEMA_VERSION).toBe(1);
    expect(Object.keys(queue)).toEqual(['schemaVersion', 'generatedAt', 'referenceCurrency', 'entries', 'counts']);
    expect(queue.generatedAt).toBe('2025-03-12T10:00:00.000Z');
    const entry = queue.entries[0]!;
    expect(Object.keys(entry)).toEqual([
      'rank',
      'status',
      'invoiceId',
      'invoiceNumber',
      'customerId',
      'customerName',
      'idempotencyKey',
      'step',
      'action',
      'template',
      'requiresApproval',
      'window',
      'outstanding',
      'daysPastDue',
      'risk',
      'urgency',
      'expectedValue',
      'reasons',
      'note',
    ]);
    expect(Object.keys(entry.step)).toEqual(['id', 'name', 'occurrence']);
    expect(Object.keys(entry.action)).toEqual(['type', 'channel', 'contactId', 'tone']);
    expect(Object.keys(entry.risk)).toEqual(['probability', 'score', 'band', 'model', 'factors']);
    expect(Object.keys(entry.risk.factors[0]!)).toEqual(['feature', 'contribution', 'sentence']);
    expect(JSON.parse(JSON.stringify(queue))).toEqual(queue);
  });

  it('is deterministic', () => {
    expect(buildActionQueue({ snapshots, now: NOW, policy })).toEqual(queue);
  });
});
