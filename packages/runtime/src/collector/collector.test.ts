import { compilePolicy, CustomerSchema, DueflowError, InvoiceSchema, ValidationError, ConfigError } from '@dueflow/core';
import type { Customer, CustomerInput, Invoice, InvoiceInput } from '@dueflow/core';
import { describe, expect, it } from 'vitest';
import { AdapterError, ConcurrentWorkersError } from '../errors.js';
import { createMemoryStorage, type MemoryStorage } from '../memory/memory-storage.js';
import type { Channel, ChannelEvent, OutboundMessage, SendResult } from '../ports/channel.js';
import { createCollector } from './collector.js';
import type { CollectorEvents, CollectorOptions } from './collector-types.js';

const at = (iso: string) => Date.parse(iso);
const PRE_DUE = at('2025-03-24T10:00:00Z'); // Monday, 7 days before the due date, inside 09:00-17:00 UTC
const OVERDUE = at('2025-04-07T10:00:00Z'); // due + 7
const CALL = at('2025-04-14T10:00:00Z'); // due + 14: call task

/** A channel double that records sends; `fail` decides per message. */
function testChannel(
  options: { name?: string; kinds?: Channel['kinds']; fail?: (m: OutboundMessage, attempt: number) => SendResult | undefined } = {},
) {
  const sent: OutboundMessage[] = [];
  const calls = new Map<string, number>();
  const lookups: string[] = [];
  let closed = 0;
  const channel: Channel = {
    name: options.name ?? 'double',
    kinds: options.kinds ?? ['email', 'sms', 'letter'],
    capabilities: { idempotent: 'none' },
    async send(m) {
      const attempt = (calls.get(m.key) ?? 0) + 1;
      calls.set(m.key, attempt);
      const failure = options.fail?.(m, attempt);
      if (failure !== undefined) return failure;
      sent.push(m);
      return { status: 'sent', providerMessageId: `pm-${sent.length}` };
    },
    async lookup(key) {
      lookups.push(key);
      const i = sent.findIndex((m) => m.key === key);
      return i < 0 ? undefined : { status: 'sent', providerMessageId: `pm-${i + 1}` };
    },
    async close() {
      closed++;
    },
  };
  return { channel, sent, lookups, closed: () => closed };
}

function customer(overrides: Partial<CustomerInput> = {}): Customer {
  return CustomerSchema.parse({
    id: 'c1',
    name: 'Acme Corp',
    contacts: [{ id: 'k1', name: 'Jane', email: 'ap@acme.example', phone: '+14155550100', postalAddress: ['1 Main St', 'Springfield'] }],
    accountManager: { name: 'Ana', email: 'ana@us.example' },
    ...overrides,
  });
}

function invoice(overrides: Partial<InvoiceInput> = {}): Invoice {
  return InvoiceSchema.parse({
    id: 'inv1',
    number: 'N-1001',
    customerId: 'c1',
    issueDate: '2025-03-01',
    dueDate: '2025-03-31',
    total: { amount: 100_000, currency: 'USD' },
    ...overrides,
  });
}

async function setup(options: Partial<CollectorOptions> & { storage?: MemoryStorage } = {}) {
  const storage = options.storage ?? createMemoryStorage({ tenantId: 't1' });
  await storage.commit({ customers: [customer()] });
  await storage.commit({ invoices: [invoice()] });
  const double = testChannel();
  const collector = createCollector({ storage, channels: [double.channel], policy: compilePolicy(), ...options });
  const events: { type: keyof CollectorEvents; event: unknown }[] = [];
  for (const type of [
    'action.queued',
    'action.sent',
    'action.failed',
    'action.cancelled',
    'action.awaiting-approval',
    'action.approved',
    'action.rejected',
    'task.created',
    'event.recorded',
    'tick.finished',
  ] as const) {
    collector.on(type, (event) => events.push({ type, event }));
  }
  return { storage, collector, double, events };
}

const approvalPolicy = compilePolicy({
  ladders: [
    {
      id: 'strict',
      name: 'Strict',
      steps: [
        {
          id: 'final-notice',
          name: 'Final notice',
          offsetDays: 7,
          action: { type: 'message', channels: ['email'], template: 'notice.final' },
          requiresApproval: true,
        },
      ],
    },
  ],
});

describe('createCollector: the cycle', () => {
  it('decides, enqueues and sends the due step once, then waits for the next one', async () => {
    const { collector, double, storage, events } = await setup();
    const summary = await collector.tick({ now: PRE_DUE });
    expect(summary).toEqual({ now: PRE_DUE, decided: 1, enqueued: 1, awaitingApproval: 0, sent: 1, failed: 0, retried: 0, cancelled: 0 });
    expect(double.sent.map((m) => m.key)).toEqual(['t1/inv1:pre-due-reminder:1']);
    const message = double.sent[0]!;
    expect(message).toMatchObject({
      channel: 'email',
      to: { customerId: 'c1', contactId: 'k1', email: 'ap@acme.example' },
      tenantId: 't1',
    });
    expect(message.text).toContain('N-1001');
    expect(message.text).toContain('$1,000.00');
    expect((await storage.listOutbox({ key: 'inv1:pre-due-reminder:1' }))[0]?.status).toBe('sent');
    expect((await storage.listActivities({ invoiceId: 'inv1' })).map((a) => (a.type === 'action' ? a.outcome : a.type))).toEqual([
      'queued',
      'sent',
    ]);
    expect((await storage.getSchedule('inv1'))?.nextCheckAt).toBe(at('2025-03-31T09:00:00Z'));
    expect(events.map((e) => e.type)).toEqual(['action.queued', 'action.sent', 'tick.finished']);

    const again = await collector.tick({ now: PRE_DUE + 60_000 });
    expect(again.decided + again.sent).toBe(0);
    expect(double.sent).toHaveLength(1);
  });

  it('waits outside the send window and acts at its start', async () => {
    const { collector, double, storage } = await setup();
    const evening = at('2025-03-24T20:00:00Z');
    expect(await collector.tick({ now: evening })).toMatchObject({ decided: 1, enqueued: 0 });
    expect((await storage.getSchedule('inv1'))?.nextCheckAt).toBe(at('2025-03-25T09:00:00Z'));
    await collector.tick({ now: at('2025-03-25T09:00:00Z') });
    expect(double.sent.map((m) => m.key)).toEqual(['t1/inv1:pre-due-reminder:1']);
  });

  it('falls back to the next channel after a permanent failure', async () => {
    const double = testChannel({
      fail: (m) => (m.channel === 'email' ? { status: 'failed', permanent: true, error: '550 mailbox unknown' } : undefined),
    });
    const { collector, storage } = await setup({ channels: [double.channel] });
    const first = await collector.tick({ now: OVERDUE });
    expect(first).toMatchObject({ enqueued: 1, failed: 1, sent: 0 });
    const failed = (await storage.listActivities({ invoiceId: 'inv1', types: ['action'] })).at(-1);
    expect(failed).toMatchObject({ outcome: 'failed', permanent: true, channel: 'email', detail: '550 mailbox unknown' });
    const second = await collector.tick({ now: OVERDUE });
    expect(second).toMatchObject({ enqueued: 1, sent: 1 });
    expect(double.sent.map((m) => [m.key, m.channel])).toEqual([['t1/inv1:overdue-notice:1:2', 'sms']]);
  });

  it('retries a transient failure with backoff, asking the channel first', async () => {
    const double = testChannel({
      fail: (_m, attempt) => (attempt === 1 ? { status: 'failed', permanent: false, error: 'timeout' } : undefined),
    });
    const { collector, storage, events } = await setup({ channels: [double.channel] });
    expect(await collector.tick({ now: PRE_DUE })).toMatchObject({ retried: 1, sent: 0 });
    const entry = (await storage.listOutbox({ key: 'inv1:pre-due-reminder:1' }))[0];
    expect(entry).toMatchObject({ status: 'pending', notBefore: PRE_DUE + 30_000, lastError: 'timeout', attempts: 1 });
    expect(events.find((e) => e.type === 'action.failed')?.event).toMatchObject({ permanent: false, willRetry: true });
    expect(await collector.tick({ now: PRE_DUE + 29_999 })).toMatchObject({ sent: 0 });
    expect(await collector.tick({ now: PRE_DUE + 30_000 })).toMatchObject({ sent: 1 });
    expect(double.lookups).toEqual(['t1/inv1:pre-due-reminder:1']);
  });

  it('gives up after maxAttempts transient failures and records the failure', async () => {
    const double = testChannel({ fail: () => ({ status: 'failed', permanent: false, error: 'down' }) });
    const { collector, storage } = await setup({ channels: [double.channel], dispatch: { maxAttempts: 2, backoff: { baseMs: 1000 } } });
    await collector.tick({ now: PRE_DUE });
    expect(await collector.tick({ now: PRE_DUE + 1000 })).toMatchObject({ failed: 1 });
    expect((await storage.listOutbox({ key: 'inv1:pre-due-reminder:1' }))[0]).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('completes internal actions as tasks when no webhook channel is registered', async () => {
    const { collector, double, events, storage } = await setup();
    const summary = await collector.tick({ now: CALL });
    expect(summary).toMatchObject({ sent: 1 });
    expect(double.sent).toEqual([]);
    const task = events.find((e) => e.type === 'task.created')?.event as CollectorEvents['task.created'];
    expect(task.decision.action.type).toBe('call-task');
    expect(task.snapshot.invoice.id).toBe('inv1');
    expect((await storage.listActivities({ invoiceId: 'inv1', types: ['action'] })).at(-1)).toMatchObject({
      outcome: 'sent',
      detail: 'task created: call-task',
    });
  });

  it('posts internal actions through a webhook channel when one is registered', async () => {
    const hook = testChannel({ name: 'hook', kinds: ['webhook'] });
    const mail = testChannel();
    const { collector, events } = await setup({ channels: [mail.channel, hook.channel] });
    await collector.tick({ now: CALL });
    expect(hook.sent.map((m) => [m.key, m.channel, m.to.contactId])).toEqual([['t1/inv1:call-request:1', 'webhook', 'internal']]);
    expect(events.some((e) => e.type === 'task.created')).toBe(false);
  });

  it('fails permanently when no adapter delivers the channel', async () => {
    const { collector, storage } = await setup({ channels: [testChannel({ kinds: ['sms'] }).channel] });
    expect(await collector.tick({ now: PRE_DUE })).toMatchObject({ failed: 1 });
    expect((await storage.listOutbox({ key: 'inv1:pre-due-reminder:1' }))[0]?.lastError).toBe('no channel adapter delivers email');
  });

  it('keeps at most the configured number of sends in flight per channel', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow: Channel = {
      name: 'slow',
      kinds: ['email'],
      capabilities: { idempotent: 'provider', concurrency: 8 },
      async send() {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        return { status: 'sent' };
      },
    };
    const storage = createMemoryStorage();
    await storage.commit({ customers: [customer()] });
    await storage.commit({ invoices: Array.from({ length: 6 }, (_, i) => invoice({ id: `inv${i}` })) });
    // One customer's invoices due together would go out as one message, or be held back by the
    // daily contact cap: this test is about pacing, so both are lifted.
    const policy = compilePolicy({ consolidate: false, guardrails: { maxPerDay: 10, maxPerWeek: 20 } });
    const collector = createCollector({ storage, channels: [slow], policy, dispatch: { concurrency: { slow: 2 } } });
    expect(await collector.tick({ now: PRE_DUE })).toMatchObject({ sent: 6 });
    expect(peak).toBe(2);
  });

  it('copies the account manager when the step says so', async () => {
    const policy = compilePolicy({
      segments: [{ id: 'standard', name: 'Standard', overrides: [{ step: 'pre-due-reminder', copyAccountManager: true }] }],
    });
    const { collector, double } = await setup({ policy });
    await collector.tick({ now: PRE_DUE });
    expect(double.sent[0]?.cc).toEqual([{ name: 'Ana', email: 'ana@us.example' }]);
  });
});

describe('createCollector: recovery', () => {
  it('lets a stalled worker’s late result be refused after another worker took over', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sent: string[] = [];
    const stalled: Channel = {
      name: 'stalled',
      kinds: ['email'],
      capabilities: { idempotent: 'provider' },
      async send(m) {
        sent.push(m.key);
        if (sent.length === 1) await gate;
        return { status: 'sent', providerMessageId: 'pm-1' };
      },
      async lookup(key) {
        return sent.includes(key) ? { status: 'sent', providerMessageId: 'pm-1' } : undefined;
      },
    };
    const storage = createMemoryStorage();
    await storage.commit({ customers: [customer()] });
    await storage.commit({ invoices: [invoice()] });
    const options = { storage, channels: [stalled], policy: compilePolicy(), dispatch: { leaseMs: 60_000 } };
    const first = createCollector(options).tick({ now: PRE_DUE });
    await new Promise((r) => setTimeout(r, 10));
    const second = await createCollector(options).tick({ now: PRE_DUE + 60_000 });
    expect(second).toMatchObject({ sent: 1 });
    release();
    expect(await first).toMatchObject({ sent: 0 });
    expect(sent).toEqual(['default/inv1:pre-due-reminder:1']);
    const actions = await storage.listActivities({ invoiceId: 'inv1', types: ['action'] });
    expect(actions.map((a) => (a.type === 'action' ? [a.outcome, a.detail] : []))).toEqual([
      ['queued', undefined],
      ['sent', 'accepted by an earlier attempt'],
    ]);
  });
});

describe('createCollector: approvals', () => {
  it('holds an action until approved, then sends it', async () => {
    const { collector, double, events } = await setup({ policy: approvalPolicy });
    expect(await collector.tick({ now: OVERDUE })).toMatchObject({ enqueued: 1, awaitingApproval: 1, sent: 0 });
    await collector.tick({ now: OVERDUE + 3_600_000 });
    expect(double.sent).toEqual([]);
    const [pending] = await collector.pending();
    expect(pending).toMatchObject({ key: 'inv1:final-notice:1', invoiceId: 'inv1', customerId: 'c1' });
    expect(pending?.reasons.some((r) => r.code === 'approval-required')).toBe(true);
    expect(pending?.explanation.length).toBeGreaterThan(0);
    expect(await collector.approve('inv1:final-notice:1', { by: 'ana', at: OVERDUE + 3_600_000 })).toBe(true);
    expect(await collector.approve('inv1:final-notice:1', { by: 'ana' })).toBe(false);
    expect(await collector.pending()).toEqual([]);
    expect(await collector.tick({ now: OVERDUE + 3_600_000 })).toMatchObject({ sent: 1 });
    expect(double.sent.map((m) => m.key)).toEqual(['t1/inv1:final-notice:1']);
    expect(events.map((e) => e.type)).toContain('action.approved');
  });

  it('never sends a rejected action and records why', async () => {
    const { collector, double, storage } = await setup({ policy: approvalPolicy });
    await collector.tick({ now: OVERDUE });
    expect(await collector.reject('inv1:final-notice:1', { by: 'ana', reason: 'customer called', at: OVERDUE })).toBe(true);
    await collector.tick({ now: OVERDUE + 86_400_000 });
    expect(double.sent).toEqual([]);
    const timeline = await storage.listActivities({ invoiceId: 'inv1' });
    expect(timeline.find((a) => a.type === 'approval')).toMatchObject({
      decision: 'rejected',
      reason: 'customer called',
      actor: { type: 'user', id: 'ana' },
    });
    expect((await storage.listOutbox({ key: 'inv1:final-notice:1' }))[0]?.status).toBe('rejected');
  });

  it('cancels an approved action when the invoice was paid meanwhile', async () => {
    const { collector, double, storage, events } = await setup({ policy: approvalPolicy });
    await collector.tick({ now: OVERDUE });
    await collector.approve('inv1:final-notice:1', { by: 'ana', at: OVERDUE });
    await collector.record({
      type: 'payment',
      payment: {
        id: 'p1',
        customerId: 'c1',
        amount: { amount: 100_000, currency: 'USD' },
        status: 'succeeded',
        at: '2025-04-07T10:30:00Z',
        allocations: [{ invoiceId: 'inv1', amount: 100_000 }],
      },
    });
    expect(await collector.tick({ now: OVERDUE + 3_600_000 })).toMatchObject({ cancelled: 1, sent: 0 });
    expect(double.sent).toEqual([]);
    expect((await storage.listOutbox({ key: 'inv1:final-notice:1' }))[0]?.status).toBe('cancelled');
    expect(events.find((e) => e.type === 'action.cancelled')?.event).toMatchObject({ reason: 'no longer collectible: paid' });
    expect((await storage.getSchedule('inv1'))?.nextCheckAt).toBeNull();
  });
});

describe('createCollector: record()', () => {
  it('records a payment with an activity per allocation and re-decides the invoice', async () => {
    const { collector, storage } = await setup();
    await collector.tick({ now: PRE_DUE });
    const result = await collector.record({
      type: 'payment',
      payment: {
        id: 'p1',
        customerId: 'c1',
        amount: { amount: 40_000, currency: 'USD' },
        status: 'succeeded',
        method: 'ach',
        at: '2025-03-25T10:00:00Z',
        allocations: [{ invoiceId: 'inv1', amount: 40_000 }],
      },
    });
    expect(result.matched).toBe(true);
    expect(result.activities).toMatchObject([
      { type: 'payment', paymentId: 'p1', invoiceId: 'inv1', amount: { amount: 40_000, currency: 'USD' }, status: 'succeeded' },
    ]);
    expect((await storage.getSchedule('inv1'))?.nextCheckAt).toBe(-Infinity);
    await collector.record({
      type: 'payment',
      payment: {
        id: 'p1',
        customerId: 'c1',
        amount: { amount: 40_000, currency: 'USD' },
        status: 'succeeded',
        method: 'ach',
        at: '2025-03-25T10:00:00Z',
        allocations: [{ invoiceId: 'inv1', amount: 40_000 }],
      },
    });
    expect(await storage.listActivities({ invoiceId: 'inv1', types: ['payment'] })).toHaveLength(1);
  });

  it('suppresses the channel on a hard bounce and falls back for the bounced step', async () => {
    const { collector, storage, double } = await setup();
    await collector.tick({ now: OVERDUE });
    const sent = double.sent[0]!;
    expect(sent.channel).toBe('email');
    const result = await collector.record({
      type: 'bounced',
      bounce: 'hard',
      channel: 'email',
      at: OVERDUE + 60_000,
      providerMessageId: 'pm-1',
      detail: '550 5.1.1',
    });
    expect(result.matched).toBe(true);
    expect(result.activities.map((a) => a.type)).toEqual(['delivery', 'contact', 'action']);
    expect((await storage.getCustomer('c1'))?.contacts[0]?.suppressed).toEqual(['email']);
    await collector.tick({ now: OVERDUE + 120_000 });
    expect(double.sent.map((m) => [m.key, m.channel])).toEqual([
      [sent.key, 'email'],
      [`${sent.key}:2`, 'sms'],
    ]);
  });

  it('opts out of one channel on STOP and back in on START, routed by address', async () => {
    const { collector, storage } = await setup();
    const stop = await collector.record({ type: 'opt-out', channel: 'sms', at: PRE_DUE, address: '+14155550100' });
    expect(stop.activities).toMatchObject([{ type: 'contact', event: 'opted-out', channel: 'sms', contactId: 'k1' }]);
    expect((await storage.getCustomer('c1'))?.contacts[0]?.optOuts).toEqual(['sms']);
    expect((await collector.record({ type: 'opt-out', channel: 'sms', at: PRE_DUE + 1, address: '+14155550100' })).activities).toEqual([]);
    await collector.record({ type: 'opt-in', channel: 'sms', at: PRE_DUE + 2, address: '+14155550100' });
    expect((await storage.getCustomer('c1'))?.contacts[0]?.optOuts).toEqual([]);
  });

  it('records replies as a note, deliveries and calls, and reports unmatched events', async () => {
    const { collector, storage } = await setup();
    await collector.tick({ now: PRE_DUE });
    const reply = await collector.record({
      type: 'replied',
      channel: 'email',
      at: PRE_DUE + 1000,
      address: 'AP@acme.example',
      text: 'Paying Friday',
    });
    expect(reply.activities.map((a) => a.type)).toEqual(['delivery', 'note']);
    const opened = await collector.record({ type: 'opened', channel: 'email', at: PRE_DUE + 2000, key: 'inv1:pre-due-reminder:1' });
    expect(opened.activities).toMatchObject([
      { type: 'delivery', event: 'opened', invoiceId: 'inv1', actionKey: 'inv1:pre-due-reminder:1', contactId: 'k1' },
    ]);
    const call = await collector.record({
      type: 'call-completed',
      at: PRE_DUE + 3000,
      address: '+14155550100',
      outcome: 'reached',
      durationSeconds: 95,
      transferRequested: true,
    });
    expect(call.activities).toMatchObject([
      { type: 'call', outcome: 'reached', automated: true, durationSeconds: 95, notes: 'The callee asked to speak to a person.' },
    ]);
    expect(await collector.record({ type: 'delivered', channel: 'email', at: PRE_DUE, address: 'nobody@example.com' })).toEqual({
      matched: false,
      activities: [],
    });
    const delivered = { type: 'delivered' as const, channel: 'email' as const, at: PRE_DUE, key: 'inv1:pre-due-reminder:1' };
    await collector.recordChannelEvents([delivered, delivered]);
    expect(
      (await storage.listActivities({ invoiceId: 'inv1', types: ['delivery'] })).filter(
        (a) => a.type === 'delivery' && a.event === 'delivered',
      ),
    ).toHaveLength(1);
  });

  it('accepts the channel port’s events as they are', async () => {
    const { collector } = await setup();
    const events: ChannelEvent[] = [
      { type: 'opt-out', channel: 'sms', at: PRE_DUE, address: '+14155550100' },
      { type: 'call-completed', at: PRE_DUE, address: '+14155550100', outcome: 'no-answer' },
      { type: 'bounced', bounce: 'soft', channel: 'email', at: PRE_DUE, address: 'ap@acme.example' },
    ];
    const results = await collector.recordChannelEvents(events);
    expect(results.map((r) => r.activities.map((a) => a.type))).toEqual([['contact'], ['call'], ['delivery']]);
  });

  it('rejects malformed events with a ValidationError naming the field', async () => {
    const { collector } = await setup();
    const bad = { type: 'bounced', bounce: 'medium', channel: 'email', at: PRE_DUE, address: 'x@example.com' } as unknown as Parameters<
      typeof collector.record
    >[0];
    await expect(collector.record(bad)).rejects.toBeInstanceOf(ValidationError);
    await expect(collector.record(bad)).rejects.toThrow(/bounce/);
  });
});

describe('createCollector: operations', () => {
  it('pauses and resumes with status activities, and the engine honours the pause', async () => {
    const { collector, storage, double } = await setup();
    const paused = await collector.pause('inv1', { reason: 'on holiday', until: '2025-04-01', by: 'ana', at: PRE_DUE - 3_600_000 });
    expect(paused.pause).toMatchObject({ reason: 'on holiday', until: '2025-04-01', by: 'ana' });
    await collector.tick({ now: PRE_DUE });
    expect(double.sent).toEqual([]);
    const resumed = await collector.resume('inv1', { by: 'ana', at: PRE_DUE + 1 });
    expect(resumed.pause).toBeUndefined();
    // The engine may shift the ladder by the time spent paused; two days later the reminder is due either way.
    await collector.tick({ now: at('2025-03-26T10:00:00Z') });
    expect(double.sent.map((m) => m.key)).toEqual(['t1/inv1:pre-due-reminder:1']);
    expect(
      (await storage.listActivities({ invoiceId: 'inv1', types: ['status'] })).map((a) => (a.type === 'status' ? a.change : '')),
    ).toEqual(['paused', 'resumed']);
    await expect(collector.resume('inv1', { by: 'ana' })).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
  });

  it('opens and resolves disputes, voids, writes off, marks paid and assigns ladders', async () => {
    const { collector, storage } = await setup();
    await storage.commit({ invoices: [invoice({ id: 'inv2' }), invoice({ id: 'inv3' }), invoice({ id: 'inv4' })] });
    expect((await collector.openDispute('inv1', { reason: 'wrong amount', by: 'ana', at: PRE_DUE })).dispute?.reason).toBe('wrong amount');
    await expect(collector.openDispute('inv1', { reason: 'again', by: 'ana' })).rejects.toBeInstanceOf(DueflowError);
    expect((await collector.resolveDispute('inv1', { by: 'ana', at: PRE_DUE + 1 })).dispute).toBeUndefined();
    expect((await collector.voidInvoice('inv2', { by: 'ana', reason: 'duplicate' })).status).toBe('void');
    expect((await collector.writeOff('inv3', { by: 'ana' })).status).toBe('written-off');
    expect((await collector.markPaid('inv4', { by: 'ana', method: 'check', reference: 'CHK-7' })).status).toBe('paid');
    expect((await storage.listActivities({ invoiceId: 'inv4' })).at(-1)).toMatchObject({
      change: 'marked-paid',
      reason: 'paid by check, reference CHK-7',
    });
    expect((await collector.assignLadder('inv1', { ladderId: 'default', by: 'ana' })).ladderId).toBe('default');
    await expect(collector.assignLadder('inv1', { ladderId: 'vip', by: 'ana' })).rejects.toBeInstanceOf(ConfigError);
    await expect(collector.pause('nope', { reason: 'x', by: 'ana' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(collector.pause('inv1', { reason: '', by: 'ana' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('adds notes and calls to the timeline', async () => {
    const { collector, storage } = await setup();
    const note = await collector.addNote('inv1', { text: 'Spoke to AP', by: 'ana', at: PRE_DUE });
    const call = await collector.recordCall('inv1', { outcome: 'voicemail', by: 'ana', at: PRE_DUE + 1, contactId: 'k1' });
    expect((await storage.listActivities({ invoiceId: 'inv1' })).map((a) => a.id)).toEqual([note.id, call.id]);
  });
});

describe('createCollector: adapters', () => {
  it('rethrows storage failures as AdapterError naming the adapter and operation', async () => {
    const storage = createMemoryStorage();
    const broken = {
      ...storage,
      claimOutbox: async () => {
        throw new Error('connection reset');
      },
    };
    const collector = createCollector({ storage: broken, channels: [], policy: compilePolicy() });
    const error = await collector.tick({ now: PRE_DUE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect(error).toMatchObject({ code: 'ADAPTER', adapter: 'memory', kind: 'storage', operation: 'claimOutbox' });
    expect((error as AdapterError).cause).toBeInstanceOf(Error);
  });

  it('initialises storage once and closes every adapter once', async () => {
    const storage = createMemoryStorage();
    let inits = 0;
    let closes = 0;
    const counted = {
      ...storage,
      init: async () => {
        inits++;
      },
      close: async () => {
        closes++;
      },
    };
    const double = testChannel();
    const collector = createCollector({ storage: counted, channels: [double.channel], policy: {} });
    await Promise.all([collector.tick({ now: PRE_DUE }), collector.pending()]);
    await collector.tick({ now: PRE_DUE });
    await Promise.all([collector.close(), collector.close()]);
    expect([inits, closes, double.closed()]).toEqual([1, 1, 1]);
    await expect(collector.tick()).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
  });

  it('tries storage initialisation again after it failed (a connection lost while migrating)', async () => {
    const storage = createMemoryStorage();
    let inits = 0;
    const flaky = {
      ...storage,
      init: async () => {
        inits++;
        if (inits === 1) throw new Error('Connection terminated unexpectedly');
      },
    };
    const collector = createCollector({ storage: flaky, channels: [testChannel().channel], policy: {} });
    await expect(collector.tick({ now: PRE_DUE })).rejects.toBeInstanceOf(AdapterError);
    await expect(collector.tick({ now: PRE_DUE })).resolves.toMatchObject({ now: PRE_DUE });
    await collector.tick({ now: PRE_DUE });
    expect(inits).toBe(2);
  });

  it('rejects inconsistent configuration', () => {
    const storage = createMemoryStorage({ tenantId: 'a' });
    expect(() => createCollector({ storage, channels: [], policy: {}, tenantId: 'b' })).toThrow(ConfigError);
    expect(() => createCollector({ storage, channels: [testChannel().channel, testChannel().channel], policy: {} })).toThrow(
      /two adapters/,
    );
    expect(() => createCollector({ storage, channels: [], policy: {}, dispatch: { leaseMs: 0 } })).toThrow(/leaseMs/);
  });

  it('keeps running when an event handler throws', async () => {
    const { collector, double } = await setup();
    collector.on('action.queued', () => {
      throw new Error('handler bug');
    });
    await collector.tick({ now: PRE_DUE });
    expect(double.sent).toHaveLength(1);
  });
});

describe('workers on one storage', () => {
  it('refuses a second open collector on a storage that does not declare concurrent workers, until the first closes', async () => {
    const memory = createMemoryStorage({ tenantId: 't1' });
    // The memory adapter, minus its promise: a storage that never said several workers are safe.
    const { capabilities: _declared, ...single } = memory;
    const first = createCollector({ storage: single, channels: [], policy: compilePolicy() });
    const second = createCollector({ storage: single, channels: [], policy: compilePolicy() });
    await first.tick({ now: PRE_DUE });
    const refused = await second.tick({ now: PRE_DUE }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConcurrentWorkersError);
    expect(refused).toMatchObject({ code: 'CONFLICT', storage: 'memory', message: expect.stringContaining('concurrentWorkers') });
    await first.close();
    await expect(second.tick({ now: PRE_DUE })).resolves.toMatchObject({ decided: 0 });
    await second.close();
  });

  it('lets collectors share a storage that declares concurrent workers', async () => {
    const storage = createMemoryStorage({ tenantId: 't1' });
    await storage.commit({ customers: [customer()], invoices: [invoice()] });
    const a = createCollector({ storage, channels: [testChannel().channel], policy: compilePolicy() });
    const b = createCollector({ storage, channels: [testChannel().channel], policy: compilePolicy() });
    const [ra, rb] = await Promise.all([a.tick({ now: PRE_DUE }), b.tick({ now: PRE_DUE })]);
    expect(ra.decided + rb.decided).toBe(1);
    await Promise.all([a.close(), b.close()]);
  });
});
