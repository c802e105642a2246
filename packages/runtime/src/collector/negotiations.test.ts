import { compilePolicy, CustomerSchema, InvoiceSchema, outstandingAmount } from '@dueflow/core';
import type { CompiledPolicy, InvoiceInput, PolicyInput } from '@dueflow/core';
import { describe, expect, it } from 'vitest';
// A relative import: @dueflow/testing depends on @dueflow/runtime, so runtime cannot list it as a dependency.
import { createRecordingChannel, type RecordingChannel } from '../../../testing/src/conformance/index.js';
import { createMemoryStorage, type MemoryStorage } from '../memory/memory-storage.js';
import { manualClock } from '../ports/clock.js';
// A relative import: @dueflow/templates depends on @dueflow/runtime, so runtime cannot list it as a dependency.
import { createTemplateRenderer } from '../../../templates/src/index.js';
import { createCollector } from './collector.js';
import { parseDeliveryKey } from './delivery-key.js';
import type { Collector, CollectorEvents } from './collector-types.js';

const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);

const EVENTS = [
  'promise.made',
  'promise.kept',
  'promise.broken',
  'plan.created',
  'plan.proposed',
  'plan.completed',
  'plan.defaulted',
  'offer.proposed',
  'offer.approved',
  'offer.rejected',
  'offer.expired',
  'action.sent',
  'task.created',
] as const;

function invoice(overrides: Partial<InvoiceInput> = {}) {
  return InvoiceSchema.parse({
    id: 'inv1',
    number: 'N-1001',
    customerId: 'c1',
    issueDate: '2025-02-01',
    dueDate: '2025-03-03',
    total: { amount: 100_000, currency: 'USD' },
    ...overrides,
  });
}

interface World {
  storage: MemoryStorage;
  channel: RecordingChannel;
  collector: Collector;
  clock: ReturnType<typeof manualClock>;
  events: { type: string; event: unknown }[];
  /** Ticks at 10:00 UTC on every day from `from` to `to`, inclusive. */
  run(from: string, to: string): Promise<void>;
  /** Keys delivered (single messages) on a day (`YYYY-MM-DD`), or all keys delivered. */
  keys(day?: string): string[];
}

async function world(options: { policy?: CompiledPolicy | PolicyInput; invoices?: Partial<InvoiceInput>[] } = {}): Promise<World> {
  const storage = createMemoryStorage({ tenantId: 't1' });
  await storage.commit({
    customers: [
      CustomerSchema.parse({
        id: 'c1',
        name: 'Acme Corp',
        contacts: [{ id: 'k1', name: 'Jane Doe', email: 'ap@acme.example', phone: '+14155550100' }],
      }),
    ],
  });
  await storage.commit({ invoices: (options.invoices ?? [{}]).map((i) => invoice(i)) });
  const channel = createRecordingChannel({ kinds: ['email', 'sms', 'letter'] });
  const clock = manualClock(at('2025-02-01T10:00:00Z'));
  const renderer = createTemplateRenderer({ company: { name: 'Initech', replyTo: 'ar@initech.example' } });
  const collector = createCollector({ storage, channels: [channel], policy: options.policy ?? compilePolicy(), clock, renderer });
  const events: { type: string; event: unknown }[] = [];
  for (const type of EVENTS) collector.on(type, (event) => events.push({ type, event }));
  const sentOn = new Map<string, string>();
  collector.on('action.sent', ({ key }) => sentOn.set(key, new Date(clock.now()).toISOString().slice(0, 10)));
  return {
    storage,
    channel,
    collector,
    clock,
    events,
    async run(from, to) {
      for (let t = at(`${from}T10:00:00Z`); t <= at(`${to}T10:00:00Z`); t += DAY) {
        clock.set(t);
        await collector.tick();
      }
    },
    keys(day) {
      return channel.delivered.map((m) => parseDeliveryKey(m.key)?.key ?? m.key).filter((k) => day === undefined || sentOn.get(k) === day);
    },
  };
}

const types = (w: World) => w.events.map((e) => e.type).filter((t) => t !== 'action.sent' && t !== 'task.created');

describe('(a) a promise made through the collector', () => {
  it('suspends the ladder, reminds the day before, and is kept by the payment', async () => {
    const w = await world();
    await w.run('2025-02-20', '2025-03-11');
    expect(w.keys()).toEqual(['inv1:pre-due-reminder:1', 'inv1:due-date-notice:1', 'inv1:overdue-notice:1']);
    w.clock.set(at('2025-03-11T11:00:00Z'));
    const promise = await w.collector.makePromise('inv1', { date: '2025-03-14', channel: 'call', by: 'sam' });
    expect(promise).toMatchObject({ status: 'pending', amount: { amount: 100_000, currency: 'USD' }, takenBy: 'sam' });
    await w.run('2025-03-12', '2025-03-13');
    const reminder = w.channel.delivered.at(-1)!;
    expect(reminder.key).toBe(`t1/inv1:promise:${promise.id}:reminder:1`);
    expect(w.keys('2025-03-13')).toEqual([`inv1:promise:${promise.id}:reminder:1`]);
    expect(reminder.text).toContain('$1,000.00 is planned for March 14, 2025');

    await w.collector.record({
      type: 'payment',
      payment: {
        id: 'pay1',
        customerId: 'c1',
        amount: { amount: 100_000, currency: 'USD' },
        status: 'succeeded',
        at: '2025-03-14T09:00:00Z',
        allocations: [{ invoiceId: 'inv1', amount: 100_000 }],
      },
    });
    await w.run('2025-03-14', '2025-04-30');
    expect(w.storage.store.tables('t1').promises.get(promise.id)?.status).toBe('kept');
    expect(types(w)).toEqual(['promise.made', 'promise.kept']);
    // Nothing more once kept and paid: the call request of the 17th never comes.
    expect(w.channel.delivered).toHaveLength(4);
    expect((await w.storage.listOutbox()).map((e) => e.key)).not.toContain('inv1:call-request:1');
    const timeline = await w.storage.listActivities({ invoiceId: 'inv1', types: ['promise'] });
    expect(timeline.map((a) => (a.type === 'promise' ? a.event : ''))).toEqual(['made', 'kept']);
  });
});

describe('(b) a broken promise', () => {
  it('gets its follow-up, then the ladder resumes where it stopped', async () => {
    const w = await world();
    await w.run('2025-02-20', '2025-03-11');
    w.clock.set(at('2025-03-11T11:00:00Z'));
    const promise = await w.collector.makePromise('inv1', { date: '2025-03-13', amount: 50_000, by: 'sam' });
    await w.run('2025-03-12', '2025-04-30');
    // The 13th plus 2 days' grace ends on the 15th: broken on Sunday the 16th, followed up on Monday.
    expect(w.keys('2025-03-17')).toEqual([`inv1:promise:${promise.id}:follow-up:1`]);
    expect(w.channel.delivered.find((m) => m.key.endsWith('follow-up:1'))?.text).toMatch(
      /You agreed to pay \$500\.00 by March 13, 2025, but we have not received the payment/,
    );
    expect(w.storage.store.tables('t1').promises.get(promise.id)?.status).toBe('broken');
    expect(types(w)).toEqual(['promise.made', 'promise.broken']);
    // Escalation resumes where it stopped, later by the days the promise suspended it: the call
    // request (due + 14, the 17th) comes on the 24th, not on the day of the follow-up.
    const resumed = (await w.storage.listOutbox()).filter((e) => e.createdAt > at('2025-03-17T23:59:59Z'));
    expect(new Date(resumed[0]!.createdAt).toISOString().slice(0, 10)).toBe('2025-03-24');
    expect(resumed.map((e) => e.key)).toContain('inv1:call-request:1');
    expect(resumed.every((e) => !e.key.includes(':promise:'))).toBe(true);
  });
});

describe('(c) an installment plan created through the collector', () => {
  it('sends only installment reminders, and the payments complete it', async () => {
    const w = await world();
    await w.run('2025-02-20', '2025-03-11');
    w.clock.set(at('2025-03-11T11:00:00Z'));
    const plan = await w.collector.createPlan({
      invoiceIds: ['inv1'],
      frequency: 'fortnightly',
      count: 2,
      firstDueDate: '2025-03-17',
      by: 'sam',
    });
    expect(plan.installments.map((i) => [i.dueDate, i.amount.amount])).toEqual([
      ['2025-03-17', 50_000],
      ['2025-03-31', 50_000],
    ]);
    const pay = (id: string, day: string) =>
      w.collector.record({
        type: 'payment',
        payment: {
          id,
          customerId: 'c1',
          amount: { amount: 50_000, currency: 'USD' },
          status: 'succeeded',
          at: `${day}T12:00:00Z`,
          allocations: [{ invoiceId: 'inv1', amount: 50_000 }],
        },
      });
    // Each installment is paid on its due date, after that day's reminder went out.
    await w.run('2025-03-12', '2025-03-17');
    await pay('pay1', '2025-03-17');
    await w.run('2025-03-18', '2025-03-31');
    await pay('pay2', '2025-03-31');
    await w.run('2025-04-01', '2025-04-30');
    const since = w.keys().slice(3);
    expect(since).toEqual([
      `inv1:plan:${plan.id}:1:upcoming:1`,
      `inv1:plan:${plan.id}:1:due:1`,
      `inv1:plan:${plan.id}:2:upcoming:1`,
      `inv1:plan:${plan.id}:2:due:1`,
    ]);
    expect(w.channel.delivered.find((m) => m.key.endsWith(':2:upcoming:1'))?.text).toContain('installment 2 of 2');
    expect(w.storage.store.tables('t1').plans.get(plan.id)?.status).toBe('completed');
    expect(types(w)).toEqual(['plan.created', 'plan.completed']);
  });

  it('returns a defaulting plan’s invoice to the ladder', async () => {
    const w = await world({ policy: compilePolicy({ writeOffWarning: { enabled: false } }) });
    await w.run('2025-02-20', '2025-03-11');
    w.clock.set(at('2025-03-11T11:00:00Z'));
    const plan = await w.collector.createPlan({
      invoiceIds: ['inv1'],
      frequency: 'fortnightly',
      count: 3,
      firstDueDate: '2025-03-17',
      maxMissed: 2,
      graceDays: 3,
      by: 'sam',
    });
    await w.run('2025-03-12', '2025-05-15');
    const defaulted = w.events.find((e) => e.type === 'plan.defaulted');
    expect(defaulted).toBeDefined();
    expect(w.storage.store.tables('t1').plans.get(plan.id)?.status).toBe('defaulted');
    const activity = (await w.storage.listActivities({ invoiceId: 'inv1', types: ['plan'] })).find(
      (a) => a.type === 'plan' && a.event === 'defaulted',
    )!;
    // Installment 2 (31 March) is missed after 3 days' grace: the second miss, on 4 April.
    expect(activity.at.slice(0, 10)).toBe('2025-04-04');
    const later = (await w.storage.listOutbox()).filter((e) => e.createdAt >= at('2025-04-04T00:00:00Z'));
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((e) => !e.decision.step.id.startsWith('plan:'))).toBe(true);
    expect(later[0]?.decision.step.id).toBe('call-request');
  });
});

describe('(d) offers and plan proposals wait for a person', () => {
  it('lists a discount in pending(); approval adds the credit note; the deadline expires it', async () => {
    const w = await world();
    w.clock.set(at('2025-03-11T11:00:00Z'));
    const offer = await w.collector.proposeDiscount('inv1', { basisPoints: 500, deadline: '2025-03-14', by: 'sam' });
    expect(offer).toMatchObject({ status: 'proposed', discount: { amount: 5_000 }, newTotal: { amount: 95_000 } });
    const [pending] = await w.collector.pending();
    expect(pending).toMatchObject({ kind: 'offer', key: `offer:${offer.id}`, invoiceId: 'inv1' });
    expect(pending?.explanation).toContain('the customer pays $950.00 by 2025-03-14');
    await expect(w.collector.proposeDiscount('inv1', { amount: 1000, deadline: '2025-03-20', by: 'sam' })).rejects.toMatchObject({
      code: 'INVALID_OPERATION',
    });

    const approved = await w.collector.approveOffer(offer.id, { by: 'lead' });
    expect(approved).toMatchObject({ status: 'approved', creditNoteId: `${offer.id}:credit` });
    expect(await w.collector.pending()).toEqual([]);
    const t = w.storage.store.tables('t1');
    expect(t.credits.get(`${offer.id}:credit`)?.amount).toEqual({ amount: 5_000, currency: 'USD' });
    const snapshot = (await w.storage.loadSnapshot('inv1'))!;
    expect(outstandingAmount(snapshot.invoice, snapshot.payments, snapshot.credits)).toBe(95_000);
    const reviews = (await w.storage.listActivities({ invoiceId: 'inv1', types: ['approval'] })).map((a) =>
      a.type === 'approval' ? [a.decision, a.actor.id] : [],
    );
    expect(reviews).toEqual([['approved', 'lead']]);

    await w.run('2025-03-14', '2025-03-15');
    expect((await w.collector.offers('inv1')).map((o) => o.status)).toEqual(['expired']);
    expect(t.credits.get(`${offer.id}:reversal`)?.amount).toEqual({ amount: -5_000, currency: 'USD' });
    expect(types(w)).toEqual(['offer.proposed', 'offer.approved', 'offer.expired']);
  });

  it('records a rejection, and approves a proposed plan by its pending key', async () => {
    const w = await world({ invoices: [{}, { id: 'inv2', number: 'N-1002' }] });
    w.clock.set(at('2025-03-11T11:00:00Z'));
    const offer = await w.collector.proposeDiscount('inv1', { amount: 2_000, deadline: '2025-03-14', by: 'sam' });
    const plan = await w.collector.createPlan({
      invoiceIds: ['inv1', 'inv2'],
      frequency: 'monthly',
      count: 4,
      firstDueDate: '2025-04-01',
      status: 'proposed',
      by: 'sam',
    });
    expect((await w.collector.pending()).map((p) => [p.kind, p.key])).toEqual([
      ['offer', `offer:${offer.id}`],
      ['plan', `plan:${plan.id}`],
    ]);
    expect(await w.collector.reject(`offer:${offer.id}`, { by: 'lead', reason: 'margin too thin' })).toBe(true);
    expect(await w.collector.approve(`plan:${plan.id}`, { by: 'lead' })).toBe(true);
    expect(await w.collector.approve(`plan:${plan.id}`, { by: 'lead' })).toBe(false);
    expect(await w.collector.pending()).toEqual([]);
    expect((await w.collector.offers('inv1'))[0]?.status).toBe('rejected');
    expect(w.storage.store.tables('t1').plans.get(plan.id)?.status).toBe('active');
    const reviews = (await w.storage.listActivities({ types: ['approval'] })).map((a) =>
      a.type === 'approval' ? [a.invoiceId, a.actionKey, a.decision] : [],
    );
    expect(reviews).toEqual([
      ['inv1', `inv1:offer:${offer.id}:1`, 'rejected'],
      ['inv1', `plan:${plan.id}`, 'approved'],
      ['inv2', `plan:${plan.id}`, 'approved'],
    ]);
    expect(types(w)).toEqual(['offer.proposed', 'plan.proposed', 'offer.rejected', 'plan.created']);
  });
});

describe('(e) consolidation', () => {
  it('sends one message listing three invoices of a customer due the same day', async () => {
    const w = await world({
      invoices: [
        {},
        { id: 'inv2', number: 'N-1002', total: { amount: 250_000, currency: 'USD' } },
        { id: 'inv3', number: 'N-1003', total: { amount: 40_000, currency: 'USD' } },
      ],
    });
    await w.run('2025-02-24', '2025-02-24');
    expect(w.channel.delivered).toHaveLength(1);
    const message = w.channel.delivered[0]!;
    expect(message.key).toBe('t1/group:inv1:pre-due-reminder:1|inv2:pre-due-reminder:1|inv3:pre-due-reminder:1');
    for (const number of ['N-1001', 'N-1002', 'N-1003']) expect(message.text).toContain(number);
    expect(message.text).toContain('$3,900.00');
    // The lead is the largest balance; every member is completed with its own activity.
    expect(message.decision.invoiceId).toBe('inv2');
    for (const id of ['inv1', 'inv2', 'inv3']) {
      expect((await w.storage.listOutbox({ key: `${id}:pre-due-reminder:1` }))[0]?.status).toBe('sent');
      const sent = (await w.storage.listActivities({ invoiceId: id, types: ['action'] })).filter(
        (a) => a.type === 'action' && a.outcome === 'sent',
      );
      expect(sent).toHaveLength(1);
    }
    expect(w.events.filter((e) => e.type === 'action.sent')).toHaveLength(3);
  });

  it('sends one message per invoice when the policy does not consolidate, within the contact caps', async () => {
    const w = await world({
      policy: compilePolicy({ consolidate: false, guardrails: { maxPerDay: 2 } }),
      invoices: [{}, { id: 'inv2', number: 'N-1002' }],
    });
    await w.run('2025-02-24', '2025-02-24');
    expect(w.keys()).toEqual(['inv1:pre-due-reminder:1', 'inv2:pre-due-reminder:1']);
    // With the default cap of one message a day, the second goes out the next working day.
    const capped = await world({ policy: compilePolicy({ consolidate: false }), invoices: [{}, { id: 'inv2', number: 'N-1002' }] });
    await capped.run('2025-02-24', '2025-02-24');
    expect(capped.keys()).toEqual(['inv1:pre-due-reminder:1']);
    await capped.run('2025-02-25', '2025-02-25');
    expect(capped.keys()).toEqual(['inv1:pre-due-reminder:1', 'inv2:pre-due-reminder:1']);
  });
});

describe('(f) charges', () => {
  const policy = compilePolicy({
    ladders: [
      {
        id: 'fees',
        name: 'Fees',
        steps: [
          { id: 'late-fee', name: 'Late fee', offsetDays: 1, action: { type: 'late-fee', fee: { kind: 'percent', basisPoints: 150 } } },
        ],
      },
    ],
    writeOffWarning: { enabled: false },
  });

  it('charges a late fee once across repeated ticks and a crash mid-dispatch', async () => {
    const storage = createMemoryStorage({ tenantId: 't1' });
    await storage.commit({
      customers: [CustomerSchema.parse({ id: 'c1', name: 'Acme Corp', contacts: [{ id: 'k1', email: 'ap@acme.example' }] })],
    });
    await storage.commit({ invoices: [invoice()] });
    const now = at('2025-03-04T10:00:00Z');
    // The first worker dies after claiming: its completion never reaches storage.
    const dying = {
      ...storage,
      completeOutbox: async () => {
        throw new Error('process killed');
      },
    };
    const first = createCollector({ storage: dying, channels: [], policy, dispatch: { leaseMs: 60_000 } });
    expect(await first.tick({ now })).toMatchObject({ enqueued: 1, sent: 0 });
    const events: CollectorEvents['task.created'][] = [];
    const second = createCollector({ storage, channels: [], policy, dispatch: { leaseMs: 60_000 } });
    second.on('task.created', (e) => events.push(e));
    for (let i = 0; i < 5; i++) await second.tick({ now: now + 60_000 + i * 3_600_000 });
    await second.tick({ now: at('2025-03-20T10:00:00Z') });
    expect(events).toHaveLength(1);
    const charges = (await storage.listActivities({ invoiceId: 'inv1', types: ['action'] })).filter(
      (a) => a.type === 'action' && a.action === 'late-fee',
    );
    expect(charges.map((a) => (a.type === 'action' ? a.outcome : ''))).toEqual(['queued', 'sent']);
    const sent = charges[1]!;
    expect(sent).toMatchObject({ idempotencyKey: 'inv1:late-fee:1', amount: { amount: 1_500, currency: 'USD' } });
    expect(JSON.parse(sent.type === 'action' ? sent.detail! : '{}')).toEqual({
      kind: 'percent',
      outstanding: 100_000,
      basisPoints: 150,
      rounding: 'half-up',
    });
    expect((await storage.listOutbox()).map((e) => [e.key, e.status])).toEqual([['inv1:late-fee:1', 'sent']]);
  });
});

describe('other negotiation operations', () => {
  it('edits a contact with E.164 normalisation, adds credit notes, cancels promises and plans', async () => {
    const w = await world();
    w.clock.set(at('2025-03-11T11:00:00Z'));
    const customer = await w.collector.editContact('c1', 'k1', { phone: '(415) 555-0199' }, { by: 'sam' });
    expect(customer.contacts[0]?.phone).toBe('+14155550199');
    expect((await w.storage.listActivities({ customerId: 'c1', types: ['contact'] }))[0]).toMatchObject({
      event: 'updated',
      detail: 'changed phone',
      contactId: 'k1',
    });
    expect((await w.storage.getSchedule('inv1'))?.nextCheckAt).toBe(-Infinity);
    await expect(w.collector.editContact('c1', 'k1', { phone: 'not a number' }, { by: 'sam' })).rejects.toThrow(/phone/);

    const credit = await w.collector.addCreditNote('inv1', { amount: 10_000, reason: 'damaged goods', by: 'sam' });
    expect(w.storage.store.tables('t1').credits.get(credit.id)?.amount).toEqual({ amount: 10_000, currency: 'USD' });
    await expect(w.collector.addCreditNote('inv1', { amount: -5, by: 'sam' })).rejects.toThrow(/amount/);

    const first = await w.collector.makePromise('inv1', { date: '2025-03-20', by: 'sam' });
    expect(first.amount.amount).toBe(90_000);
    const second = await w.collector.makePromise('inv1', { date: '2025-03-25', amount: 40_000, by: 'sam', at: at('2025-03-11T12:00:00Z') });
    expect(w.storage.store.tables('t1').promises.get(first.id)?.status).toBe('cancelled');
    expect((await w.collector.cancelPromise('inv1', { by: 'sam' })).id).toBe(second.id);
    await expect(w.collector.cancelPromise('inv1', { by: 'sam' })).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
    await expect(w.collector.makePromise('inv1', { date: 'soon', by: 'sam' })).rejects.toThrow(/date/);

    const plan = await w.collector.createPlan({
      invoiceIds: ['inv1'],
      frequency: 'weekly',
      count: 3,
      firstDueDate: '2025-03-18',
      by: 'sam',
    });
    await expect(
      w.collector.createPlan({ invoiceIds: ['inv1'], frequency: 'weekly', count: 2, firstDueDate: '2025-03-18', by: 'sam' }),
    ).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
    await expect(
      w.collector.createPlan({ invoiceIds: ['inv1'], frequency: 'weekly', firstDueDate: '2025-03-18', by: 'sam' }),
    ).rejects.toThrow(/count or schedule/);
    expect((await w.collector.cancelPlan(plan.id, { reason: 'paying in full', by: 'sam' })).status).toBe('cancelled');
    await expect(w.collector.approvePlan('nope', { by: 'lead' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('(e) consolidation under the fencing protocol', () => {
  it('completes each member with its own token; a refused member is found by its own key and not sent again', async () => {
    const storage = createMemoryStorage({ tenantId: 't1' });
    await storage.commit({
      customers: [CustomerSchema.parse({ id: 'c1', name: 'Acme Corp', contacts: [{ id: 'k1', email: 'ap@acme.example' }] })],
    });
    await storage.commit({ invoices: [invoice(), invoice({ id: 'inv2', number: 'N-1002' }), invoice({ id: 'inv3', number: 'N-1003' })] });
    const channel = createRecordingChannel({ kinds: ['email'] });
    // inv2's lease is taken over while the message is out: its completion is refused.
    const refusing = {
      ...storage,
      completeOutbox: async (input: Parameters<MemoryStorage['completeOutbox']>[0]) =>
        input.key === 'inv2:pre-due-reminder:1' ? false : storage.completeOutbox(input),
    };
    const now = at('2025-02-24T10:00:00Z');
    const first = createCollector({ storage: refusing, channels: [channel], policy: compilePolicy(), dispatch: { leaseMs: 60_000 } });
    expect(await first.tick({ now })).toMatchObject({ enqueued: 3, sent: 2 });
    expect(channel.delivered.map((m) => m.key)).toEqual([
      't1/group:inv1:pre-due-reminder:1|inv2:pre-due-reminder:1|inv3:pre-due-reminder:1',
    ]);
    expect((await storage.listOutbox({ key: 'inv2:pre-due-reminder:1' }))[0]?.status).toBe('pending');

    const second = createCollector({ storage, channels: [channel], policy: compilePolicy(), dispatch: { leaseMs: 60_000 } });
    // The message named its members, so the channel answers for inv2's own key: recorded as sent, not mentioned again.
    expect(await second.tick({ now: now + 60_000 })).toMatchObject({ sent: 1 });
    expect(channel.delivered).toHaveLength(1);
    expect(channel.delivered[0]?.memberKeys).toEqual([
      't1/inv1:pre-due-reminder:1',
      't1/inv2:pre-due-reminder:1',
      't1/inv3:pre-due-reminder:1',
    ]);
    for (const id of ['inv1', 'inv2', 'inv3'])
      expect((await storage.listOutbox({ key: `${id}:pre-due-reminder:1` }))[0]?.status).toBe('sent');
  });
});

describe('contact caps at dispatch', () => {
  it('counts the customer’s messages on its other invoices, so two steps due the same day go out a day apart', async () => {
    const storage = createMemoryStorage({ tenantId: 't1' });
    await storage.commit({
      customers: [CustomerSchema.parse({ id: 'c1', name: 'Acme Corp', contacts: [{ id: 'k1', email: 'ap@acme.example' }] })],
    });
    // Two invoices of one customer at different steps today: a pre-due reminder and a due-date notice.
    await storage.commit({ invoices: [invoice(), invoice({ id: 'inv2', number: 'N-1002', dueDate: '2025-02-24' })] });
    const channel = createRecordingChannel({ kinds: ['email'] });
    const collector = createCollector({ storage, channels: [channel], policy: compilePolicy(), dispatch: { leaseMs: 60_000 } });
    const now = at('2025-02-24T10:00:00Z');
    expect(await collector.tick({ now })).toMatchObject({ enqueued: 2, sent: 1 });
    expect(channel.delivered).toHaveLength(1);
    await collector.tick({ now: now + DAY });
    expect(channel.delivered).toHaveLength(2);
    expect(new Set(channel.delivered.map((m) => m.key)).size).toBe(2);
  });
});
