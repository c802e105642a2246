import { describe, expect, it } from 'vitest';
import { ActivitySchema, compilePolicy, explain, matchSegments, nextAction, plan, type ActDecision } from '../src/index.js';
import { at, snapshotOf } from './fixtures.js';

const policy = compilePolicy({ calendar: { timeZone: 'America/New_York' } });

describe('seed case: the strategic account 45 days overdue on 127,400.00', () => {
  const snapshot = snapshotOf({
    invoice: { total: { amount: 12_740_000, currency: 'USD' }, issueDate: '2025-01-01', dueDate: '2025-01-31' },
    customer: {
      tier: 'strategic',
      accountManager: { name: 'Dana Whitfield', email: 'dana@seller.example' },
      annualRevenue: { amount: 80_000_000, currency: 'USD' },
    },
    rest: { customerStats: { settledInvoices: 30, paidLate: 3, averageDaysLate: 1 } },
  });
  const { actions } = plan(snapshot, at('2025-01-01T00:00:00Z'), policy, { until: at('2025-04-15T00:00:00Z') });
  const byStep = new Map(actions.map((a) => [a.decision.step.id, a.decision]));

  it('is matched to the strategic segment, and says why the other rules did not win', () => {
    const report = matchSegments(snapshot, policy, at('2025-03-17T15:00:00Z'));
    expect(report.segment).toEqual({ segment: 'strategic', source: 'rule' });
    const strategic = report.rules.find((r) => r.segment === 'strategic')!;
    expect(strategic.matched).toBe(true);
    expect(strategic.reasons).toContain('tier is strategic');
    const late = report.rules.find((r) => r.segment === 'chronic-late-payer')!;
    expect(late.matched).toBe(false);
    expect(late.reasons[0]).toMatch(/paid 1\.0 days late on average/);
  });

  it('speaks in partnership language on every message', () => {
    const messages = actions.map((a) => a.decision).filter((d) => d.action.channel !== undefined);
    expect(messages.length).toBeGreaterThanOrEqual(4);
    for (const d of messages) expect(d.action.tone).toBe('partnership');
  });

  it('copies the account manager on the overdue notice', () => {
    const overdue = byStep.get('overdue-notice')!;
    expect(overdue.action.copyAccountManager).toBe(true);
    expect(explain(overdue)).toContain('account manager is copied');
  });

  it('offers a payment plan, after a person approves it', () => {
    const offer = byStep.get('plan-offer')!;
    expect(offer.action).toMatchObject({ type: 'offer', tone: 'partnership' });
    expect(offer.requiresApproval).toBe(true);
  });

  it('never puts a credit hold on without a person', () => {
    const hold = byStep.get('credit-hold')!;
    expect(hold.requiresApproval).toBe(true);
    expect(byStep.get('demand-letter')?.requiresApproval).toBe(true);
  });

  it('at 45 days overdue the decision needs approval and is explained', () => {
    const done = actions.filter((a) => Date.parse(a.at) < Date.parse('2025-03-17T00:00:00Z')).map((a) => a.decision);
    const history = snapshotOf({
      invoice: { total: { amount: 12_740_000, currency: 'USD' }, issueDate: '2025-01-01', dueDate: '2025-01-31' },
      customer: { tier: 'strategic', accountManager: { name: 'Dana Whitfield' } },
      rest: {
        activities: done.map((d, i) => ({
          id: `a${i}`,
          type: 'action' as const,
          at: d.window.start,
          customerId: 'c1',
          invoiceId: 'inv-1',
          stepId: d.step.id,
          occurrence: d.step.occurrence,
          action: d.action.type,
          outcome: d.requiresApproval ? ('awaiting-approval' as const) : ('sent' as const),
          idempotencyKey: d.idempotencyKey,
        })),
      },
    });
    const decision = nextAction(history, at('2025-03-17T15:00:00Z'), policy) as ActDecision;
    expect(decision.kind).toBe('act');
    expect(decision.requiresApproval).toBe(true);
    expect(decision.action.tone).toBe('partnership');
  });
});

describe('seed case: the customer who always pays 17 days late', () => {
  const snapshot = snapshotOf({ rest: { customerStats: { settledInvoices: 24, paidLate: 22, averageDaysLate: 17 } } });

  it('gets reminders at -14 and -3 days instead of -7, with the reason in words', () => {
    const { actions } = plan(snapshot, at('2025-02-01T00:00:00Z'), policy, { until: at('2025-03-04T00:00:00Z') });
    const preDue = actions.filter((a) => a.decision.step.id.startsWith('pre-due-reminder'));
    expect(preDue.map((a) => a.decision.window.start.slice(0, 10))).toEqual(['2025-02-17', '2025-02-28']);
    const text = explain(preDue[0]!.decision);
    expect(text).toContain('This customer paid 17 days late on average over 24 invoices');
    expect(text).toContain('-14 and -3 days');
  });

  it('is in the chronic late payer segment, whose overdue notice is firm and may use SMS', () => {
    expect(matchSegments(snapshot, policy, at('2025-03-10T15:00:00Z')).segment.segment).toBe('chronic-late-payer');
    const d = nextAction(snapshot, at('2025-03-10T15:00:00Z'), policy) as ActDecision;
    expect(d.step.id).toBe('overdue-notice');
    expect(d.action.tone).toBe('firm');
  });

  it('keeps the ladder unchanged for a punctual customer', () => {
    const punctual = snapshotOf({ rest: { customerStats: { settledInvoices: 24, paidLate: 1, averageDaysLate: 0.5 } } });
    const { actions } = plan(punctual, at('2025-02-01T00:00:00Z'), policy, { until: at('2025-03-04T00:00:00Z') });
    expect(actions.filter((a) => a.decision.step.id.startsWith('pre-due')).map((a) => a.decision.window.start.slice(0, 10))).toEqual([
      '2025-02-24',
    ]);
  });
});

describe('seed case: an email hard bounce moves the next step to SMS', () => {
  const bounced = snapshotOf({
    customer: { contacts: [{ id: 'ap', email: 'ap@acme.example', phone: '+14155550100', suppressed: ['email'] }] },
  });

  it('sends the overdue notice by SMS and says why not by email', () => {
    const d = nextAction(bounced, at('2025-03-10T16:00:00Z'), policy) as ActDecision;
    expect(d.kind).toBe('act');
    expect(d.action.channel).toBe('sms');
    expect(explain(d)).toContain('not by email (the address bounced and is suppressed)');
  });

  it('an email-only step cannot reach anyone and waits instead of sending to a dead address', () => {
    const d = nextAction(bounced, at('2025-03-03T16:00:00Z'), policy);
    expect(d.kind).toBe('wait');
    if (d.kind === 'wait') expect(d.reason).toBe('no-reachable-contact');
  });

  it('an SMS STOP opts out of SMS only: email still goes', () => {
    const stopped = snapshotOf({
      customer: { contacts: [{ id: 'ap', email: 'ap@acme.example', phone: '+14155550100', optOuts: ['sms'] }] },
    });
    const d = nextAction(stopped, at('2025-03-10T16:00:00Z'), policy) as ActDecision;
    expect(d.action.channel).toBe('email');
  });
});

describe('channel strategy', () => {
  const twoChannels = compilePolicy({
    ladders: [
      {
        id: 'l',
        name: 'L',
        steps: [
          { id: 'nudge', name: 'Nudge', offsetDays: 1, action: { type: 'message', channels: ['email', 'sms', 'letter'], template: 't' } },
        ],
      },
    ],
    channels: { order: 'cost-effectiveness' },
  });
  const contact = { id: 'ap', email: 'ap@acme.example', phone: '+14155550100', postalAddress: ['1 Main St', 'Springfield'] };

  it('orders by cost per expected success when asked', () => {
    const d = nextAction(snapshotOf({ customer: { contacts: [contact] } }), at('2025-03-04T16:00:00Z'), twoChannels) as ActDecision;
    expect(d.action.channel).toBe('email');
  });

  it("puts the contact's preferred channel first", () => {
    const d = nextAction(
      snapshotOf({ customer: { contacts: [{ ...contact, preferredChannel: 'letter' }] } }),
      at('2025-03-04T16:00:00Z'),
      twoChannels,
    ) as ActDecision;
    expect(d.action.channel).toBe('letter');
    expect(explain(d)).toContain("the contact's preferred channel");
  });

  it('learns the channel this customer engages with', () => {
    const snapshot = snapshotOf({
      customer: { contacts: [contact] },
      rest: {
        customerStats: {
          settledInvoices: 5,
          paidLate: 0,
          averageDaysLate: 0,
          engagement: { email: { messages: 10, opens: 1 }, sms: { messages: 4, replies: 2, paymentsAfter: 1 } },
        },
      },
    });
    const d = nextAction(snapshot, at('2025-03-04T16:00:00Z'), twoChannels) as ActDecision;
    expect(d.action.channel).toBe('sms');
    expect(explain(d)).toContain('engages with most');
  });

  it('ignores engagement below the minimum number of messages', () => {
    const snapshot = snapshotOf({
      customer: { contacts: [contact] },
      rest: { customerStats: { settledInvoices: 5, paidLate: 0, averageDaysLate: 0, engagement: { sms: { messages: 1, replies: 1 } } } },
    });
    expect((nextAction(snapshot, at('2025-03-04T16:00:00Z'), twoChannels) as ActDecision).action.channel).toBe('email');
  });
});

describe('send windows', () => {
  it('uses only the overlap when a person is reachable in two zones', () => {
    const snapshot = snapshotOf({
      customer: { contacts: [{ id: 'ap', email: 'ap@acme.example', timeZone: 'Europe/London', otherTimeZones: ['America/New_York'] }] },
    });
    // 12:00 UTC is noon in London but 08:00 in New York (already on summer time): before its window.
    const early = nextAction(snapshot, at('2025-03-10T12:00:00Z'), policy);
    expect(early.kind).toBe('wait');
    if (early.kind === 'wait') expect(early.until).toBe('2025-03-10T13:00:00.000Z');
    const d = nextAction(snapshot, at('2025-03-10T14:30:00Z'), policy) as ActDecision;
    expect(d.kind).toBe('act');
    expect(d.window).toEqual({ start: '2025-03-10T13:00:00.000Z', end: '2025-03-10T17:00:00.000Z' });
  });

  it("starts at the customer's best contact hour when it falls inside the window", () => {
    const snapshot = snapshotOf({ rest: { customerStats: { settledInvoices: 3, paidLate: 0, averageDaysLate: 0, bestContactHour: 14 } } });
    const d = nextAction(snapshot, at('2025-03-10T15:00:00Z'), policy);
    expect(d.kind).toBe('wait');
    if (d.kind === 'wait') expect(d.until).toBe('2025-03-10T19:00:00.000Z');
    const later = nextAction(snapshot, at('2025-03-10T19:00:00Z'), policy);
    expect(later.kind).toBe('act');
  });

  it('the us-consumer profile narrows the window to 08:00-21:00', () => {
    const consumer = compilePolicy({ calendar: { sendWindow: { start: '07:00', end: '22:00' } }, guardrails: { profile: 'us-consumer' } });
    const d = nextAction(snapshotOf(), at('2025-03-10T12:30:00Z'), consumer); // 07:30 in Chicago
    expect(d.kind).toBe('wait');
    if (d.kind === 'wait') expect(d.until).toBe('2025-03-10T13:00:00.000Z');
  });
});

describe('learning from engagement', () => {
  it('counts messages, opens, replies and payments that followed a message', async () => {
    const { ZoneCache } = await import('../src/index.js');
    const { summarizeEngagement, bestContactHour } = await import('../src/engine/index.js');
    const base = Date.parse('2025-03-03T00:00:00Z');
    const h = (hours: number) => new Date(base + hours * 3_600_000).toISOString();
    const activities = parseActivities([
      { id: '1', type: 'action', at: h(15), customerId: 'c1', stepId: 's', action: 'message', channel: 'email', outcome: 'sent' },
      { id: '2', type: 'delivery', at: h(20), customerId: 'c1', channel: 'email', event: 'opened' },
      { id: '3', type: 'action', at: h(40), customerId: 'c1', stepId: 's', action: 'message', channel: 'sms', outcome: 'sent' },
      { id: '4', type: 'delivery', at: h(44), customerId: 'c1', channel: 'sms', event: 'replied' },
      { id: '5', type: 'delivery', at: h(68), customerId: 'c1', channel: 'sms', event: 'clicked' },
      { id: '6', type: 'delivery', at: h(92), customerId: 'c1', channel: 'email', event: 'opened' },
    ]);
    const payments = [
      {
        id: 'p',
        customerId: 'c1',
        amount: { amount: 100, currency: 'USD' },
        status: 'succeeded' as const,
        method: 'card' as const,
        at: h(50),
        allocations: [],
      },
    ];
    const e = summarizeEngagement(activities, payments, { sinceMs: base, asOfMs: base + 10 * 86_400_000 });
    expect(e.email).toEqual({ messages: 1, opens: 2, clicks: 0, replies: 0, paymentsAfter: 0 });
    expect(e.sms).toEqual({ messages: 1, opens: 0, clicks: 1, replies: 1, paymentsAfter: 1 });
    // All four events fall at 20:00 UTC: 14:00 in Chicago (UTC-6 until 9 March).
    expect(bestContactHour(activities, 'America/Chicago', new ZoneCache())).toBe(14);
    expect(bestContactHour(activities.slice(0, 2), 'America/Chicago', new ZoneCache())).toBeUndefined();
  });
});

function parseActivities(list: readonly unknown[]) {
  return list.map((a) => ActivitySchema.parse(a));
}
