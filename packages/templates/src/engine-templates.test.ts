import { addDays, compilePolicy, DEFAULT_LADDER, LadderSchema, nextAction } from '@dueflow/core';
import { fixtureDecision } from './test-fixtures.js';
import { describe, expect, it } from 'vitest';
import { createTemplateRenderer } from './template-renderer.js';
import { fixtureSnapshot } from './test-fixtures.js';

const renderer = createTemplateRenderer({ company: { name: 'Initech', paymentUrl: 'https://pay.initech.example/i/{{ invoice.id }}' } });

describe('decisions of the engine', () => {
  it('render for every step of the default ladder, for standard and strategic customers', async () => {
    const policy = compilePolicy({ segments: [{ id: 'strategic', name: 'Strategic', tone: 'partnership' }] });
    const ladder = LadderSchema.parse(DEFAULT_LADDER);
    const seen = new Set<string>();
    for (const segment of ['standard', 'strategic']) {
      const snapshot = fixtureSnapshot({ segment });
      for (const step of ladder.steps) {
        // Probe the step's day and the next few, since weekends move steps to a working day.
        for (let extra = 0; extra < 4; extra++) {
          const now = `${addDays(snapshot.invoice.dueDate, step.offsetDays + extra)}T15:00:00Z`;
          const decision = nextAction(snapshot, Date.parse(now), policy);
          if (decision.kind !== 'act' || decision.step.id !== step.id) continue;
          const message = await renderer.render({ decision, snapshot, tenantId: 't', now: Date.parse(now) });
          const header = message.headers?.['X-Dueflow-Template'] ?? '';
          expect(header.startsWith(`${decision.action.template}/`), `${segment} ${step.id}: ${header}`).toBe(true);
          expect(message.text.length).toBeGreaterThan(40);
          if (segment === 'strategic' && decision.action.channel !== undefined) expect(header).toContain('/partnership/');
          seen.add(`${segment}:${step.id}`);
          break;
        }
      }
    }
    expect(seen.size).toBe(17);
    // Every step is reached for someone (the plan offer only for strategic customers).
    for (const step of ladder.steps)
      expect(
        [...seen].some((s) => s.endsWith(`:${step.id}`)),
        step.id,
      ).toBe(true);
  });
});

describe('the engine’s own messages', () => {
  const policy = compilePolicy({
    ladders: [
      {
        id: 'fees',
        name: 'Fees',
        steps: [
          { id: 'late-fee', name: 'Late fee', offsetDays: 1, action: { type: 'late-fee', fee: { kind: 'percent', basisPoints: 150 } } },
          {
            id: 'interest',
            name: 'Interest',
            offsetDays: 31,
            action: { type: 'interest', interest: { kind: 'rate', annualBasisPoints: 1000 } },
          },
        ],
      },
    ],
  });
  const promise = {
    id: 'p-1',
    invoiceId: 'inv-1042',
    amount: { amount: 400_000, currency: 'USD' },
    date: '2025-03-20',
    madeAt: '2025-03-10T15:00:00Z',
  };
  const plan = {
    id: 'plan-1',
    customerId: 'cus-1',
    invoiceIds: ['inv-1042'],
    total: { amount: 400_000, currency: 'USD' },
    frequency: 'monthly' as const,
    installments: [
      { seq: 1, dueDate: '2025-03-20', amount: { amount: 200_000, currency: 'USD' } },
      { seq: 2, dueDate: '2025-04-21', amount: { amount: 200_000, currency: 'USD' } },
    ],
    createdAt: '2025-03-05T15:00:00Z',
  };
  const sentAt = (key: string, stepId: string, at: string) => ({
    id: `${key}:sent`,
    type: 'action' as const,
    at,
    customerId: 'cus-1',
    invoiceId: 'inv-1042',
    idempotencyKey: key,
    stepId,
    action: 'late-fee' as const,
    outcome: 'sent' as const,
  });
  const cases: { name: string; template: string; now: string; snapshot: ReturnType<typeof fixtureSnapshot>; expect: RegExp }[] = [
    {
      name: 'promise reminder',
      template: 'promise.reminder',
      now: '2025-03-19T15:00:00Z',
      snapshot: fixtureSnapshot({}, { promise }),
      expect: /\$4,000\.00/,
    },
    {
      name: 'broken promise',
      template: 'promise.broken',
      now: '2025-03-25T15:00:00Z',
      snapshot: fixtureSnapshot({}, { promise: { ...promise, status: 'broken', settledAt: '2025-03-23T05:00:00Z' } }),
      expect: /has not arrived|not received/,
    },
    {
      name: 'installment upcoming',
      template: 'plan.installment-upcoming',
      now: '2025-03-17T15:00:00Z',
      snapshot: fixtureSnapshot({}, { plan }),
      expect: /installment 1 of 2/,
    },
    {
      name: 'installment due',
      template: 'plan.installment-due',
      now: '2025-03-20T15:00:00Z',
      snapshot: fixtureSnapshot({}, { plan }),
      expect: /Installment 1 of 2/,
    },
    {
      name: 'installment missed',
      template: 'plan.installment-missed',
      now: '2025-03-24T15:00:00Z',
      snapshot: fixtureSnapshot({}, { plan }),
      expect: /\$2,000\.00 is now due/,
    },
    {
      name: 'write-off warning',
      template: 'internal.write-off-warning',
      now: '2025-05-20T15:00:00Z',
      snapshot: fixtureSnapshot(),
      expect: /write-off age of 90 days/,
    },
  ];

  for (const c of cases) {
    it(`renders the ${c.name} the engine decides`, async () => {
      const decision = nextAction(c.snapshot, Date.parse(c.now), compilePolicy());
      expect(decision.kind, JSON.stringify(decision.reasons)).toBe('act');
      if (decision.kind !== 'act') return;
      expect(decision.action.template).toBe(c.template);
      const message = await renderer.render({ decision, snapshot: c.snapshot, tenantId: 't', now: Date.parse(c.now) });
      expect(message.text).toMatch(c.expect);
      expect(message.text).not.toMatch(/undefined|\[object/);
      if (decision.action.channel !== undefined) {
        const sms = await renderer.render({
          decision: { ...decision, action: { ...decision.action, channel: 'sms' } },
          snapshot: c.snapshot,
          tenantId: 't',
          now: Date.parse(c.now),
        });
        expect(sms.text.length).toBeLessThanOrEqual(320);
      }
    });
  }

  it('renders late fees and interest with what they were computed from', async () => {
    const snapshot = fixtureSnapshot({ ladderId: 'fees' });
    const fee = nextAction(snapshot, Date.parse('2025-03-04T15:00:00Z'), policy);
    expect(fee).toMatchObject({ kind: 'act', action: { type: 'late-fee', template: 'internal.late-fee' } });
    if (fee.kind !== 'act') return;
    const feeText = (await renderer.render({ decision: fee, snapshot, tenantId: 't', now: Date.parse('2025-03-04T15:00:00Z') })).text;
    expect(feeText).toContain('$60.00');
    const later = fixtureSnapshot({ ladderId: 'fees' }, { activities: [sentAt(fee.idempotencyKey, 'late-fee', '2025-03-04T15:00:00Z')] });
    const interest = nextAction(later, Date.parse('2025-04-03T15:00:00Z'), policy);
    expect(interest).toMatchObject({ kind: 'act', action: { type: 'interest', template: 'internal.interest' } });
    if (interest.kind !== 'act') return;
    const text = (await renderer.render({ decision: interest, snapshot: later, tenantId: 't', now: Date.parse('2025-04-03T15:00:00Z') }))
      .text;
    expect(text).toMatch(/for 31 days, .*March 3, 2025 to .*April 3, 2025, at 10% a year/);
  });

  it('renders both offers, with and without an approved discount', async () => {
    for (const template of ['offer.payment-plan', 'offer.early-payment-discount']) {
      for (const tone of ['partnership', 'neutral'] as const) {
        for (const channel of ['email', 'sms'] as const) {
          const decision = fixtureDecision({ template, tone, channel });
          const message = await renderer.render({
            decision,
            snapshot: fixtureSnapshot(),
            tenantId: 't',
            now: Date.parse('2025-03-10T15:00:00Z'),
          });
          expect(message.headers?.['X-Dueflow-Template']).toBe(`${template}/${tone}/en`);
        }
      }
    }
    const offered = fixtureSnapshot(
      {},
      {
        activities: [
          {
            id: 'o:1',
            type: 'action',
            at: '2025-03-10T14:00:00Z',
            customerId: 'cus-1',
            invoiceId: 'inv-1042',
            idempotencyKey: 'inv-1042:offer:off-1:1',
            stepId: 'offer:off-1',
            action: 'offer',
            outcome: 'approved',
            amount: { amount: 20_000, currency: 'USD' },
            until: '2025-03-14',
            detail: 'discount 20000 until 2025-03-14',
          },
        ],
      },
    );
    const decision = fixtureDecision({ template: 'offer.early-payment-discount', tone: 'neutral', channel: 'email' });
    const message = await renderer.render({ decision, snapshot: offered, tenantId: 't', now: Date.parse('2025-03-10T15:00:00Z') });
    expect(message.text).toContain('we will accept $4,000.00 in full settlement, a discount of $200.00');
  });

  it('lists every invoice of a consolidated message, in each tone', async () => {
    const members = ['inv-1042', 'inv-1043', 'inv-1044'].map((id, i) => {
      const snapshot = fixtureSnapshot(
        {},
        {
          invoice: {
            id,
            number: id.toUpperCase(),
            customerId: 'cus-1',
            issueDate: '2025-02-01',
            dueDate: '2025-03-03',
            total: { amount: 100_000 * (i + 1), currency: 'USD' },
          },
          payments: [],
        },
      );
      return {
        snapshot,
        decision: {
          ...fixtureDecision({ template: 'notice.overdue', tone: 'firm', channel: 'email' }),
          invoiceId: id,
          idempotencyKey: `${id}:overdue-notice:1`,
        },
      };
    });
    for (const tone of ['friendly', 'neutral', 'firm', 'partnership', 'final'] as const) {
      for (const channel of ['email', 'sms'] as const) {
        const lead = members[2]!;
        const decision = { ...lead.decision, action: { ...lead.decision.action, tone, channel } };
        const message = await renderer.render({
          decision,
          snapshot: lead.snapshot,
          tenantId: 't',
          now: Date.parse('2025-03-10T15:00:00Z'),
          members,
        } as Parameters<typeof renderer.render>[0]);
        expect(message.headers?.['X-Dueflow-Template']).toMatch(/^consolidated\//);
        if (channel === 'email') {
          for (const id of ['INV-1042', 'INV-1043', 'INV-1044']) expect(message.text).toContain(id);
          expect(message.text).toContain('$6,000.00');
        } else expect(message.text.length).toBeLessThanOrEqual(320);
      }
    }
  });
});
