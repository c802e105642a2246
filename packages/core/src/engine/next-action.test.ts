import { describe, expect, it } from 'vitest';
import type { ActivityInput } from '../model/activity.js';
import type { CustomerInput } from '../model/customer.js';
import type { InvoiceInput, PaymentInput } from '../model/invoice.js';
import type { LadderInput } from '../model/ladder.js';
import { compilePolicy, type PolicyInput } from '../model/policy.js';
import type { ActDecision, Decision, WaitDecision } from './decision.js';
import { explainDecision } from './explain.js';
import { nextAction } from './next-action.js';
import { parseSnapshot, type Snapshot } from './snapshot.js';

/** 1,000.00 USD issued 2025-03-01, due Monday 2025-03-31; one billing contact in New York with email and phone. */
function snapshot(
  patch: {
    invoice?: Partial<InvoiceInput>;
    customer?: Partial<CustomerInput>;
    payments?: PaymentInput[];
    activities?: ActivityInput[];
  } = {},
): Snapshot {
  return parseSnapshot({
    invoice: {
      id: 'inv-1',
      number: 'INV-1',
      customerId: 'c1',
      issueDate: '2025-03-01',
      dueDate: '2025-03-31',
      total: { amount: 100_000, currency: 'USD' },
      ...patch.invoice,
    },
    customer: {
      id: 'c1',
      name: 'Acme',
      timeZone: 'America/New_York',
      contacts: [{ id: 'ap', email: 'ap@acme.example', phone: '+14155550100' }],
      ...patch.customer,
    },
    payments: patch.payments ?? [],
    activities: patch.activities ?? [],
  });
}

const defaults = compilePolicy();

function action(stepId: string, at: string, extra: Partial<Extract<ActivityInput, { type: 'action' }>> = {}): ActivityInput {
  return {
    id: `a-${stepId}-${at}`,
    type: 'action',
    at,
    customerId: 'c1',
    invoiceId: 'inv-1',
    stepId,
    action: 'message',
    outcome: 'sent',
    ...extra,
  };
}

function act(d: Decision): ActDecision {
  if (d.kind !== 'act') throw new Error(`expected act, got ${d.kind} (${d.reason})`);
  return d;
}

function waits(d: Decision): WaitDecision {
  if (d.kind !== 'wait') throw new Error(`expected wait, got ${d.kind}${d.kind === 'act' ? ` ${d.idempotencyKey}` : ` (${d.reason})`}`);
  return d;
}

describe('nextAction: when steps fall', () => {
  it('sends the pre-due reminder 7 days before due, inside the window in the customer zone', () => {
    const d = act(nextAction(snapshot(), new Date('2025-03-24T14:00:00Z'), defaults)); // 10:00 in New York
    expect(d.step).toMatchObject({ id: 'pre-due-reminder', occurrence: 1, attempt: 1 });
    expect(d.action).toMatchObject({ type: 'message', channel: 'email', contactId: 'ap', template: 'reminder.pre-due', tone: 'friendly' });
    expect(d.idempotencyKey).toBe('inv-1:pre-due-reminder:1');
    expect(d.window).toEqual({ start: '2025-03-24T13:00:00.000Z', end: '2025-03-24T21:00:00.000Z' });
    expect(d.outstanding).toEqual({ amount: 100_000, currency: 'USD' });
    expect(d.requiresApproval).toBe(false);
  });

  it('before the window opens, waits for the step to become due at the window start', () => {
    const d = waits(nextAction(snapshot(), new Date('2025-03-24T12:00:00Z'), defaults));
    expect(d).toMatchObject({ reason: 'next-step', until: '2025-03-24T13:00:00.000Z' });
  });

  it('after the window closes, waits until the next window start in the contact zone', () => {
    expect(waits(nextAction(snapshot(), new Date('2025-03-24T22:00:00Z'), defaults))).toMatchObject({
      reason: 'outside-send-window',
      until: '2025-03-25T13:00:00.000Z',
    });
    // A contact in Tokyo is outside its window while New York is inside: 09:00 in Tokyo is 00:00 UTC.
    const tokyo = snapshot({ customer: { contacts: [{ id: 'ap', email: 'ap@acme.example', timeZone: 'Asia/Tokyo' }] } });
    const d = waits(nextAction(tokyo, new Date('2025-03-24T14:00:00Z'), defaults));
    expect(d).toMatchObject({ reason: 'outside-send-window', until: '2025-03-25T00:00:00.000Z' });
    expect(act(nextAction(tokyo, new Date('2025-03-25T00:00:00Z'), defaults)).window.start).toBe('2025-03-25T00:00:00.000Z');
  });

  it('moves a step that falls on a weekend to Monday', () => {
    // Due Saturday 2025-03-29: the pre-due reminder falls on Saturday the 22nd.
    const s = snapshot({ invoice: { dueDate: '2025-03-29' } });
    const d = waits(nextAction(s, new Date('2025-03-22T15:00:00Z'), defaults));
    expect(d).toMatchObject({ reason: 'next-step', until: '2025-03-24T13:00:00.000Z' });
    expect(d.reasons).toContainEqual({ code: 'next-step', stepId: 'pre-due-reminder', stepName: 'Friendly reminder', date: '2025-03-24' });
  });

  it('skips holidays of the calendar', () => {
    const policy = compilePolicy({ calendar: { holidays: ['2025-03-24'] } });
    expect(waits(nextAction(snapshot(), new Date('2025-03-24T14:00:00Z'), policy)).until).toBe('2025-03-25T13:00:00.000Z');
  });

  it('catches up on the highest due step: an invoice first seen at +40 days gets the +30 credit hold, not the pre-due reminder', () => {
    const s = snapshot({ invoice: { issueDate: '2025-02-03', dueDate: '2025-03-05' } });
    const d = act(nextAction(s, new Date('2025-04-14T14:00:00Z'), defaults)); // Monday, +40
    expect(d.step.id).toBe('credit-hold');
    expect(d.action).toEqual({ type: 'credit-hold', template: 'internal.credit-hold' });
    // The reasons list the steps passed over, with or without tracing.
    const passedOver = {
      code: 'superseded',
      stepIds: ['account-manager-alert', 'call-request', 'overdue-notice', 'due-date-notice', 'pre-due-reminder'],
    };
    expect(d.reasons).toContainEqual(passedOver);
    expect(nextAction(s, new Date('2025-04-14T14:00:00Z'), defaults, { trace: [] })).toEqual(d);
  });

  it('schedules internal actions in the business zone, not the customer zone', () => {
    const policy = compilePolicy({ calendar: { timeZone: 'Europe/Paris' } });
    const s = snapshot({ invoice: { issueDate: '2025-02-03', dueDate: '2025-03-05' } });
    // 07:30 UTC is 09:30 in Paris (inside) but 03:30 in New York.
    const d = act(nextAction(s, new Date('2025-04-14T07:30:00Z'), policy));
    expect(d.step.id).toBe('credit-hold');
    expect(d.window.start).toBe('2025-04-14T07:00:00.000Z');
  });
});

describe('nextAction: repeats, conditions and approval', () => {
  const nudge: LadderInput = {
    id: 'nudge',
    name: 'Nudge',
    steps: [
      {
        id: 'nudge',
        name: 'Weekly nudge',
        offsetDays: 0,
        action: { type: 'message', template: 'nudge' },
        repeat: { everyDays: 7, maxOccurrences: 3 },
      },
      { id: 'hold', name: 'Hold', offsetDays: 60, action: { type: 'credit-hold' } },
    ],
  };
  const policy = compilePolicy({ ladders: [nudge] });

  it('repeats every N days with a new occurrence and key', () => {
    const once = snapshot({ activities: [action('nudge', '2025-03-31T14:00:00Z', { idempotencyKey: 'inv-1:nudge:1' })] });
    expect(waits(nextAction(once, new Date('2025-04-03T14:00:00Z'), policy))).toMatchObject({
      reason: 'next-step',
      until: '2025-04-07T13:00:00.000Z',
    });
    const d = act(nextAction(once, new Date('2025-04-07T14:00:00Z'), policy));
    expect(d.step).toMatchObject({ id: 'nudge', occurrence: 2 });
    expect(d.idempotencyKey).toBe('inv-1:nudge:2');
  });

  it('stops after maxOccurrences and waits for the next step', () => {
    const thrice = snapshot({
      activities: [
        action('nudge', '2025-03-31T14:00:00Z'),
        action('nudge', '2025-04-07T14:00:00Z', { occurrence: 2 }),
        action('nudge', '2025-04-14T14:00:00Z', { occurrence: 3 }),
      ],
    });
    const d = waits(nextAction(thrice, new Date('2025-04-21T14:00:00Z'), policy));
    expect(d.reasons).toContainEqual(expect.objectContaining({ code: 'next-step', stepId: 'hold', date: '2025-05-30' }));
  });

  const conditional: LadderInput = {
    id: 'cond',
    name: 'Conditional',
    steps: [
      {
        id: 'big-only',
        name: 'Big invoices',
        offsetDays: 0,
        action: { type: 'call-task' },
        conditions: { minOutstanding: { USD: 500_000, EUR: 1 } },
      },
      { id: 'vip-only', name: 'VIP', offsetDays: 1, action: { type: 'account-manager-alert' }, conditions: { segments: ['vip'] } },
      {
        id: 'not-vip',
        name: 'Not VIP',
        offsetDays: 2,
        action: { type: 'webhook', event: 'overdue' },
        conditions: { exceptSegments: ['vip'] },
      },
    ],
  };
  const condPolicy = compilePolicy({ ladders: [conditional], segments: [] });
  const dueDay = new Date('2025-03-31T14:00:00Z');

  it('applies minOutstanding per currency and leaves other currencies unconstrained', () => {
    expect(nextAction(snapshot(), dueDay, condPolicy).kind).not.toBe('act'); // 1,000.00 USD < 5,000.00
    expect(act(nextAction(snapshot({ invoice: { total: { amount: 600_000, currency: 'USD' } } }), dueDay, condPolicy)).step.id).toBe(
      'big-only',
    );
    expect(act(nextAction(snapshot({ invoice: { total: { amount: 100, currency: 'JPY' } } }), dueDay, condPolicy)).step.id).toBe(
      'big-only',
    );
  });

  it('applies segment conditions', () => {
    const day2 = new Date('2025-04-02T14:00:00Z');
    expect(act(nextAction(snapshot({ customer: { segment: 'vip' } }), new Date('2025-04-01T14:00:00Z'), condPolicy)).step.id).toBe(
      'vip-only',
    );
    expect(act(nextAction(snapshot({ customer: { segment: 'vip' } }), day2, condPolicy)).step.id).toBe('vip-only');
    expect(act(nextAction(snapshot(), day2, condPolicy)).step.id).toBe('not-vip');
  });

  it('flags steps that need approval', () => {
    const s = snapshot({ invoice: { issueDate: '2025-01-01', dueDate: '2025-01-31' } });
    const d = act(nextAction(s, new Date('2025-04-01T14:00:00Z'), defaults)); // +60: agency referral
    expect(d.step.id).toBe('agency-referral');
    expect(d.requiresApproval).toBe(true);
    expect(d.reasons).toContainEqual({ code: 'approval-required', stepId: 'agency-referral' });
  });
});

describe('nextAction: attempts and contacts', () => {
  const overdueDay = new Date('2025-04-07T14:00:00Z'); // +7: overdue notice by email, then sms

  it('after a permanent failure, attempt 2 has a new key and skips the failed channel', () => {
    const history = [
      action('pre-due-reminder', '2025-03-24T14:00:00Z'),
      action('due-date-notice', '2025-03-31T14:00:00Z'),
      action('overdue-notice', '2025-04-07T13:30:00Z', {
        outcome: 'failed',
        channel: 'email',
        permanent: true,
        idempotencyKey: 'inv-1:overdue-notice:1',
      }),
    ];
    const d = act(nextAction(snapshot({ activities: history }), overdueDay, defaults));
    expect(d.step).toMatchObject({ id: 'overdue-notice', occurrence: 1, attempt: 2 });
    expect(d.idempotencyKey).toBe('inv-1:overdue-notice:1:2');
    expect(d.action.channel).toBe('sms');
    expect(d.reasons).toContainEqual(
      expect.objectContaining({ code: 'channel', channel: 'sms', skipped: [{ channel: 'email', why: 'failed-before' }] }),
    );
    expect(d.reasons).toContainEqual({ code: 'retry', stepId: 'overdue-notice', attempt: 2 });
  });

  it('gives up on a step occurrence after three failures and moves on', () => {
    const failed = (at: string): ActivityInput => action('overdue-notice', at, { outcome: 'failed', channel: 'email' });
    const history = [
      action('pre-due-reminder', '2025-03-24T14:00:00Z'),
      action('due-date-notice', '2025-03-31T14:00:00Z'),
      failed('2025-04-07T13:10:00Z'),
      failed('2025-04-07T13:20:00Z'),
      failed('2025-04-07T13:30:00Z'),
    ];
    const d = waits(nextAction(snapshot({ activities: history }), overdueDay, defaults));
    expect(d.reasons).toContainEqual(expect.objectContaining({ code: 'next-step', stepId: 'call-request' }));
  });

  it('waits when no contact can be reached on any channel of the step', () => {
    const unreachable = snapshot({ customer: { contacts: [{ id: 'ap', email: 'ap@acme.example', optOuts: ['email'] }] } });
    const d = waits(nextAction(unreachable, new Date('2025-03-24T14:00:00Z'), defaults));
    expect(d.reason).toBe('no-reachable-contact');
    expect(d.reasons).toContainEqual({
      code: 'no-reachable-contact',
      stepId: 'pre-due-reminder',
      skipped: [{ channel: 'email', why: 'opted-out' }],
    });
    expect(Date.parse(d.until ?? '')).toBeGreaterThan(Date.parse('2025-03-24T14:00:00Z'));
    expect(waits(nextAction(snapshot({ customer: { contacts: [] } }), new Date('2025-03-24T14:00:00Z'), defaults)).reason).toBe(
      'no-reachable-contact',
    );
  });
});

describe('nextAction: outcomes that are not acts', () => {
  const now = new Date('2025-04-07T14:00:00Z');
  it.each<[string, Parameters<typeof snapshot>[0], Decision['kind'], string, string | null | undefined]>([
    ['paid', { invoice: { status: 'paid' } }, 'done', 'paid', undefined],
    ['void', { invoice: { status: 'void' } }, 'done', 'void', undefined],
    ['written off', { invoice: { status: 'written-off' } }, 'done', 'written-off', undefined],
    ['draft', { invoice: { status: 'draft' } }, 'wait', 'draft', null],
    ['disputed', { invoice: { dispute: { reason: 'damaged goods', openedAt: '2025-04-01T10:00:00Z' } } }, 'wait', 'disputed', null],
    ['paused without end', { invoice: { pause: { reason: 'talking', since: '2025-04-01T10:00:00Z' } } }, 'wait', 'paused', null],
    [
      'paused until a date',
      { invoice: { pause: { reason: 'talking', since: '2025-04-01T10:00:00Z', until: '2025-04-20' } } },
      'wait',
      'paused',
      '2025-04-20T00:00:00.000Z',
    ],
    [
      'settled by payments',
      {
        payments: [
          {
            id: 'p1',
            customerId: 'c1',
            amount: { amount: 100_000, currency: 'USD' },
            status: 'succeeded',
            at: '2025-04-01T00:00:00Z',
            allocations: [{ invoiceId: 'inv-1', amount: 100_000 }],
          },
        ],
      },
      'done',
      'paid',
      undefined,
    ],
  ])('%s', (_name, patch, kind, reason, until) => {
    const d = nextAction(snapshot(patch), now, defaults);
    expect(d.kind).toBe(kind);
    expect(d.kind === 'act' ? undefined : d.reason).toBe(reason);
    if (d.kind === 'wait') expect(d.until).toBe(until);
  });

  it('a pause whose end has passed no longer holds collection back', () => {
    const s = snapshot({ invoice: { pause: { reason: 'talking', since: '2025-03-01T10:00:00Z', until: '2025-04-01' } } });
    expect(nextAction(s, now, defaults).kind).toBe('act');
  });

  it('partial and failed payments leave the rest outstanding', () => {
    const payments: PaymentInput[] = [
      {
        id: 'p1',
        customerId: 'c1',
        amount: { amount: 30_000, currency: 'USD' },
        status: 'succeeded',
        at: '2025-04-01T00:00:00Z',
        allocations: [{ invoiceId: 'inv-1', amount: 30_000 }],
      },
      {
        id: 'p2',
        customerId: 'c1',
        amount: { amount: 70_000, currency: 'USD' },
        status: 'failed',
        at: '2025-04-02T00:00:00Z',
        allocations: [{ invoiceId: 'inv-1', amount: 70_000 }],
      },
    ];
    expect(act(nextAction(snapshot({ payments }), now, defaults)).outstanding).toEqual({ amount: 70_000, currency: 'USD' });
  });

  it('is done after an agency referral went out', () => {
    const s = snapshot({
      activities: [action('agency-referral', '2025-06-01T14:00:00Z', { action: 'agency-referral', outcome: 'approved' })],
    });
    expect(nextAction(s, new Date('2025-06-10T14:00:00Z'), defaults)).toMatchObject({ kind: 'done', reason: 'referred' });
  });

  it('is done when every step of a ladder has been taken', () => {
    const policy = compilePolicy({
      ladders: [{ id: 'one', name: 'One', steps: [{ id: 'only', name: 'Only', offsetDays: 0, action: { type: 'credit-hold' } }] }],
      writeOffWarning: { enabled: false },
    });
    const s = snapshot({ activities: [action('only', '2025-03-31T14:00:00Z', { action: 'credit-hold' })] });
    expect(nextAction(s, now, policy)).toMatchObject({ kind: 'done', reason: 'ladder-complete' });
  });

  it('accepts now as a Date or as epoch milliseconds', () => {
    expect(nextAction(snapshot(), Date.parse('2025-03-24T14:00:00Z'), defaults)).toEqual(
      nextAction(snapshot(), new Date('2025-03-24T14:00:00Z'), defaults),
    );
  });
});

describe('nextAction: late fees', () => {
  it('skips a late-fee step whose fee does not apply to the invoice currency, and says why', () => {
    const policy = compilePolicy({
      segments: [],
      writeOffWarning: { enabled: false },
      ladders: [
        {
          id: 'fees',
          name: 'Fees',
          steps: [{ id: 'fee', name: 'Statutory fee', offsetDays: 1, action: { type: 'late-fee', fee: { kind: 'uk-late-payment' } } }],
        },
      ],
    });
    const usd = parseSnapshot({
      invoice: {
        id: 'i',
        number: 'I',
        customerId: 'c',
        issueDate: '2025-03-01',
        dueDate: '2025-03-31',
        total: { amount: 10_000, currency: 'USD' },
      },
      customer: { id: 'c', name: 'C' },
    });
    const now = new Date('2025-04-01T10:00:00Z');
    expect(nextAction(usd, now, policy)).toMatchObject({ kind: 'done', reason: 'ladder-complete' });
    const { steps } = explainDecision(usd, now, policy);
    expect(steps[0]).toMatchObject({ stepId: 'fee', status: 'condition-not-met', detail: 'the fee does not apply to USD invoices' });
    const gbp = parseSnapshot({ ...usd, invoice: { ...usd.invoice, total: { amount: 10_000, currency: 'GBP' } } });
    const charged = nextAction(gbp, now, policy);
    expect(charged).toMatchObject({ kind: 'act', action: { type: 'late-fee', charge: { amount: { amount: 4000, currency: 'GBP' } } } });
  });
});

describe('nextAction: policy input variants', () => {
  it('uses the invoice ladder over the customer ladder over the default', () => {
    const input: PolicyInput = {
      ladders: [
        { id: 'a', name: 'A', steps: [{ id: 'a1', name: 'A1', offsetDays: 0, action: { type: 'credit-hold' } }] },
        { id: 'b', name: 'B', steps: [{ id: 'b1', name: 'B1', offsetDays: 0, action: { type: 'credit-hold' } }] },
      ],
      segments: [],
    };
    const policy = compilePolicy(input);
    const day = new Date('2025-03-31T14:00:00Z');
    expect(act(nextAction(snapshot(), day, policy)).step.id).toBe('a1');
    expect(act(nextAction(snapshot({ customer: { ladderId: 'b' } }), day, policy)).step.id).toBe('b1');
    expect(act(nextAction(snapshot({ customer: { ladderId: 'b' }, invoice: { ladderId: 'a' } }), day, policy)).step.id).toBe('a1');
    expect(act(nextAction(snapshot({ invoice: { ladderId: 'missing' } }), day, policy)).step.id).toBe('a1');
  });
});
