import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePolicy,
  createInstallmentPlan,
  CURRENCY_EXPONENTS,
  InvoiceSchema,
  makePromise,
  nextAction,
  parseSnapshot,
  type Invoice,
} from '../src/index.js';
import { World } from './world.js';

const DAY = 86_400_000;
const currencies = [...CURRENCY_EXPONENTS.keys()];
const policy = compilePolicy({ calendar: { timeZone: 'Europe/Paris' } });

const invoiceOf = (total: number, currency: string, status: Invoice['status'] = 'open'): Invoice =>
  InvoiceSchema.parse({
    id: 'inv',
    number: 'INV',
    customerId: 'c',
    issueDate: '2025-01-01',
    dueDate: '2025-01-31',
    total: { amount: total, currency },
    status,
  });

const customer = {
  id: 'c',
  name: 'C',
  timeZone: 'Europe/Berlin',
  contacts: [{ id: 'k', email: 'k@c.example', phone: '+4915112345678', postalAddress: ['Hauptstr. 1', 'Berlin'] }],
};

describe('installment plans', () => {
  it('always sum to the plan total exactly, in every currency exponent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...currencies),
        fc.integer({ min: 1, max: 10 ** 12 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom('weekly' as const, 'fortnightly' as const, 'monthly' as const),
        (currency, total, count, frequency) => {
          const { plan } = createInstallmentPlan(
            {
              id: 'p',
              invoices: [{ invoice: invoiceOf(total, currency), outstanding: total }],
              frequency,
              count,
              firstDueDate: '2025-02-28',
            },
            { at: '2025-02-01T00:00:00Z', idPrefix: 'x' },
          );
          const amounts = plan.installments.map((i) => i.amount.amount);
          expect(amounts.reduce((a, b) => a + b, 0)).toBe(total);
          expect(amounts.every((a) => Number.isSafeInteger(a) && a >= 0)).toBe(true);
          // Equal split, remainder on the first installments: never increasing after the first.
          for (let i = 2; i < amounts.length; i++) expect(amounts[i]!).toBeLessThanOrEqual(amounts[i - 1]!);
          expect(plan.installments.map((i) => i.dueDate)).toEqual([...plan.installments.map((i) => i.dueDate)].sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an invoice on an active plan receives plan messages only', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 3 }),
        fc.integer({ min: 0, max: 200 * 4 }),
        (count, paidDays, quarter) => {
          const invoice = invoiceOf(600_000, 'EUR');
          const { plan } = createInstallmentPlan(
            {
              id: 'p',
              invoices: [{ invoice, outstanding: 600_000 }],
              frequency: 'fortnightly',
              count,
              firstDueDate: '2025-02-10',
              maxMissed: 99,
            },
            { at: '2025-02-01T09:00:00Z', idPrefix: 'x' },
          );
          const payments = paidDays.map((d, i) => ({
            id: `pay${i}`,
            customerId: 'c',
            amount: { amount: 50_000, currency: 'EUR' },
            status: 'succeeded' as const,
            at: new Date(Date.parse('2025-02-01T12:00:00Z') + d * DAY).toISOString(),
            allocations: [{ invoiceId: 'inv', amount: 50_000 }],
          }));
          const now = Date.parse('2025-02-01T10:00:00Z') + quarter * 6 * 3_600_000;
          const snapshot = parseSnapshot({ invoice, customer, plan, payments: payments.filter((p) => Date.parse(p.at) <= now) });
          const d = nextAction(snapshot, now, policy);
          if (d.kind === 'act') expect(d.action.type).toBe('installment-reminder');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('invoices that must stay silent', () => {
  it('nothing at all happens on a paused, disputed, paid, voided or written-off invoice', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('paused', 'disputed', 'paid', 'void', 'written-off', 'settled'),
        fc.integer({ min: -30, max: 200 }),
        fc.integer({ min: 0, max: 23 }),
        (state, day, hour) => {
          const now = Date.parse('2025-01-31T00:00:00Z') + day * DAY + hour * 3_600_000;
          const base = {
            id: 'inv',
            number: 'INV',
            customerId: 'c',
            issueDate: '2025-01-01',
            dueDate: '2025-01-31',
            total: { amount: 10_000, currency: 'EUR' },
          };
          const snapshot = parseSnapshot({
            invoice: {
              ...base,
              ...(state === 'paid' || state === 'void' || state === 'written-off' ? { status: state } : {}),
              ...(state === 'paused' ? { pause: { reason: 'hardship', since: '2025-01-02T00:00:00Z' } } : {}),
              ...(state === 'disputed' ? { dispute: { reason: 'wrong quantity', openedAt: '2025-01-02T00:00:00Z' } } : {}),
            },
            customer,
            payments:
              state === 'settled'
                ? [
                    {
                      id: 'p',
                      customerId: 'c',
                      amount: { amount: 10_000, currency: 'EUR' },
                      status: 'succeeded',
                      at: '2025-01-05T00:00:00Z',
                      allocations: [{ invoiceId: 'inv', amount: 10_000 }],
                    },
                  ]
                : [],
          });
          expect(nextAction(snapshot, now, policy).kind).not.toBe('act');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a pending promise suspends the ladder until its date plus grace', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 40 * 4 }),
        (madeDay, inDays, quarter) => {
          const invoice = invoiceOf(10_000, 'EUR');
          const madeAt = Date.parse('2025-01-31T10:00:00Z') + madeDay * DAY;
          const date = new Date(madeAt + inDays * DAY).toISOString().slice(0, 10);
          const { promise, activities } = makePromise(
            { id: 'pr', invoice, amount: { amount: 10_000, currency: 'EUR' }, date },
            { at: madeAt, idPrefix: 'pr' },
          );
          const now = madeAt + quarter * 6 * 3_600_000;
          const d = nextAction(parseSnapshot({ invoice, customer, promise, activities }), now, policy);
          const breaks = Date.parse(`${date}T00:00:00Z`) + (policy.source.promises.graceDays + 1) * DAY;
          // Berlin is ahead of UTC: the promise breaks at local midnight, up to two hours before UTC midnight.
          if (now < breaks - 2 * 3_600_000 && d.kind === 'act') expect(d.action.type).toBe('promise-reminder');
          if (d.kind === 'wait' && now < breaks - 2 * 3_600_000)
            expect(['promise', 'contact-cap', 'outside-send-window']).toContain(d.reason);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('fees and interest', () => {
  it('a fee or an interest charge never repeats for the same period', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 5, max: 45 }),
        fc.integer({ min: 1, max: 3 }),
        (feeDay, every, ticksPerDay) => {
          const feePolicy = compilePolicy({
            calendar: { timeZone: 'Europe/Paris' },
            segments: [],
            writeOffWarning: { enabled: false },
            ladders: [
              {
                id: 'fees',
                name: 'Fees',
                steps: [
                  { id: 'late-fee', name: 'Late fee', offsetDays: feeDay, action: { type: 'late-fee', fee: { kind: 'eu-late-payment' } } },
                  {
                    id: 'interest',
                    name: 'Interest',
                    offsetDays: feeDay + 1,
                    action: { type: 'interest', interest: { kind: 'eu-late-payment', referenceRateBasisPoints: 215 } },
                    repeat: { everyDays: every },
                  },
                ],
              },
            ],
          });
          const w = new World(
            feePolicy,
            invoiceOf(1_000_000, 'EUR'),
            parseSnapshot({ invoice: invoiceOf(1_000_000, 'EUR'), customer }).customer,
          );
          for (let day = 0; day < 150; day++) {
            for (let k = 0; k < ticksPerDay; k++)
              w.tick(new Date(Date.parse('2025-01-31T08:00:00Z') + day * DAY + k * 3 * 3_600_000).toISOString());
          }
          const charges = w.acts.filter((a) => a.decision.action.charge !== undefined).map((a) => a.decision);
          const keys = charges.map((c) => c.idempotencyKey);
          expect(new Set(keys).size).toBe(keys.length);
          const periods = charges
            .filter((c) => c.step.id === 'interest')
            .map((c) => `${c.action.charge!.inputs['from']}..${c.action.charge!.inputs['to']}`);
          expect(new Set(periods).size).toBe(periods.length);
          // Consecutive interest periods touch and never overlap.
          const ranges = charges
            .filter((c) => c.step.id === 'interest')
            .map((c) => [String(c.action.charge!.inputs['from']), String(c.action.charge!.inputs['to'])] as const);
          for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0] >= ranges[i - 1]![1]).toBe(true);
          expect(charges.filter((c) => c.step.id === 'late-fee')).toHaveLength(1);
        },
      ),
      { numRuns: 40 },
    );
  });
});
