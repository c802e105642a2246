import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../model/policy.js';
import { describeReason, explain, explainDecision } from './explain.js';
import { nextAction } from './next-action.js';
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
  customer: { id: 'c1', name: 'Acme', timeZone: 'America/New_York', contacts: [{ id: 'ap', email: 'ap@acme.example' }] },
  activities: [
    {
      id: 'a1',
      type: 'action',
      at: '2025-03-24T14:00:00Z',
      customerId: 'c1',
      invoiceId: 'inv-1',
      stepId: 'pre-due-reminder',
      action: 'message',
      outcome: 'sent',
      channel: 'email',
    },
  ],
});

describe('explain', () => {
  it('names the step, the channel, the window, the key and every reason', () => {
    const text = explain(nextAction(snapshot, new Date('2025-03-31T14:00:00Z'), policy));
    const [headline, ...lines] = text.split('\n');
    expect(headline).toBe(
      'Act: Due-date notice (due-date-notice) by email, between 2025-03-31T13:00:00.000Z and 2025-03-31T21:00:00.000Z. Key inv-1:due-date-notice:1.',
    );
    expect(lines).toContain('- $1,000.00 is outstanding.');
    expect(lines).toContain('- Step "Due-date notice" fell due on 2025-03-31; the invoice is on the due date.');
    expect(lines.some((l) => l.startsWith('- Sending by email to contact ap'))).toBe(true);
    expect(lines.some((l) => l.includes('ladder "default"'))).toBe(true);
  });

  it('explains waits and done decisions', () => {
    expect(explain(nextAction(snapshot, new Date('2025-03-26T14:00:00Z'), policy))).toMatch(
      /^Wait until 2025-03-31T13:00:00.000Z \(next-step\)\.\n[\s\S]*Next step "Due-date notice" falls on 2025-03-31\./,
    );
    const paid = parseSnapshot({ ...snapshot, invoice: { ...snapshot.invoice, status: 'paid' } });
    expect(explain(nextAction(paid, new Date('2025-03-26T14:00:00Z'), policy))).toBe(
      'Done (paid): nothing more will happen for this invoice.\n- The invoice is paid.',
    );
    const disputed = parseSnapshot({
      ...snapshot,
      invoice: { ...snapshot.invoice, dispute: { reason: 'wrong quantity', openedAt: '2025-03-20T10:00:00Z' } },
    });
    expect(explain(nextAction(disputed, new Date('2025-03-26T14:00:00Z'), policy))).toContain(
      'a dispute is open since 2025-03-20T10:00:00Z ("wrong quantity")',
    );
  });

  it('formats amounts in the locale asked for', () => {
    expect(describeReason({ code: 'outstanding', amount: { amount: 123_450, currency: 'EUR' } }, 'de-DE')).toBe(
      '1.234,50\u00a0€ is outstanding.',
    );
    expect(describeReason({ code: 'step-due', stepId: 's', stepName: 'S', date: '2025-01-01', daysPastDue: -7, occurrence: 2 })).toBe(
      'Step "S" fell due on 2025-01-01 (repeat 2); the invoice is 7 days before the due date.',
    );
  });
});

describe('explainDecision', () => {
  it('traces every step of the ladder in order, with its status', () => {
    const { decision, steps, text } = explainDecision(snapshot, new Date('2025-04-08T14:00:00Z'), policy);
    expect(decision.kind).toBe('act');
    const ladder = policy.ladderFor('default', 'standard')!;
    expect(steps.map((s) => s.stepId)).toEqual(ladder.steps.map((s) => s.step.id));
    expect(steps.map((s) => s.index)).toEqual(ladder.steps.map((_, i) => i));
    const status = Object.fromEntries(steps.map((s) => [s.stepId, s.status]));
    expect(status).toMatchObject({
      'pre-due-reminder': 'done',
      'due-date-notice': 'superseded',
      'overdue-notice': 'due',
      'call-request': 'upcoming',
      'agency-referral': 'upcoming',
    });
    expect(status['plan-offer']).toBe('condition-not-met');
    expect(text).toContain('Ladder steps:');
    for (const s of steps) expect(text).toContain(`(${s.stepId}) on ${s.date}: ${s.status}`);
    expect(text).toContain('(pre-due-reminder) on 2025-03-24: done\n');
    expect(text).toContain('(due-date-notice) on 2025-03-31: superseded - also due, superseded by overdue-notice\n');
  });

  it('returns the decision nextAction returns, apart from reasons only tracing adds', () => {
    const now = new Date('2025-03-31T14:00:00Z');
    const plain = nextAction(snapshot, now, policy);
    const { decision } = explainDecision(snapshot, now, policy);
    expect({ ...decision, reasons: decision.reasons.filter((r) => r.code !== 'superseded') }).toEqual(plain);
  });
});
