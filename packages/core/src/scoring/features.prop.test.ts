import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, MS_PER_DAY } from '../calendar/day.js';
import type { Activity } from '../model/activity.js';
import type { CreditNote, Invoice, Payment } from '../model/invoice.js';
import type { PromiseToPay } from '../model/promise.js';
import { riskFeatures, type HistoricalInvoice, type RiskInput } from './features.js';

const AS_OF_DAY = 20_000; // 2024-10-04
const AS_OF = AS_OF_DAY * MS_PER_DAY + 13 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const usd = (amount: number) => ({ amount, currency: 'USD' });

/** An instant at or before the scoring instant (up to a year back), or strictly after it. */
const past = fc.integer({ min: 0, max: 365 * MS_PER_DAY }).map((back) => AS_OF - back);
const future = fc.integer({ min: 1, max: 365 * MS_PER_DAY }).map((ahead) => AS_OF + ahead);

const invoice: Invoice = {
  id: 'inv',
  number: 'INV',
  customerId: 'c1',
  issueDate: fromEpochDay(AS_OF_DAY - 40),
  dueDate: fromEpochDay(AS_OF_DAY - 10),
  total: usd(500_000),
  status: 'open',
};

const paymentAt = (id: string, at: number, amount: number, invoiceId: string): Payment => ({
  id,
  customerId: 'c1',
  amount: usd(amount),
  status: 'succeeded',
  method: 'other',
  at: iso(at),
  allocations: [{ invoiceId, amount }],
});

const NOTES = [
  'They dispute the price',
  'cash flow is tight',
  'layoffs announced',
  'already paid last week',
  'great, thanks',
  'angry and upset',
];

function activityArb(when: fc.Arbitrary<number>): fc.Arbitrary<Activity> {
  const base = (id: string, at: number) => ({ id, at: iso(at), customerId: 'c1', actor: { type: 'system' as const } });
  return fc
    .tuple(fc.uuid(), when, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 5 }), fc.constantFrom('inv', 'inv-2', 'inv-3'))
    .map(([id, at, kind, n, invoiceId]): Activity => {
      switch (kind) {
        case 0:
          return {
            ...base(id, at),
            type: 'promise',
            promiseId: `pr${n}`,
            event: (['kept', 'broken', 'partially-kept', 'made'] as const)[n % 4]!,
          };
        case 1:
          return { ...base(id, at), type: 'status', invoiceId, change: n % 2 === 0 ? 'dispute-opened' : 'dispute-resolved' };
        case 2:
          return {
            ...base(id, at),
            type: 'plan',
            planId: `pl${n % 2}`,
            event: (['installment-missed', 'in-arrears', 'back-on-track', 'defaulted', 'completed', 'created'] as const)[n]!,
          };
        case 3:
          return {
            ...base(id, at),
            type: 'delivery',
            channel: 'email',
            event: (['delivered', 'opened', 'clicked', 'replied', 'bounced', 'delivered'] as const)[n]!,
            actionKey: `k${n}`,
          };
        case 4:
        case 5:
          return { ...base(id, at), type: 'note', source: 'agent', text: NOTES[n]! };
        case 6:
          return { ...base(id, at), type: 'call', direction: 'outbound', outcome: 'no-answer', automated: false };
        default:
          return { ...base(id, at), type: 'payment', paymentId: `p${n}`, amount: usd(1000), status: 'succeeded' };
      }
    });
}

/** A history invoice issued before the instant: settled before it, or still open at it. */
const pastHistory = fc
  .tuple(
    fc.integer({ min: 1, max: 400 }),
    fc.integer({ min: 0, max: 60 }),
    fc.option(fc.integer({ min: 0, max: 120 * MS_PER_DAY }), { nil: undefined }),
    fc.integer({ min: 1, max: 900_000 }),
    fc.boolean(),
    fc.uuid(),
  )
  .map(([back, terms, settleAfterIssue, amount, paper, id]): HistoricalInvoice => {
    const issueDay = AS_OF_DAY - back;
    const settled = settleAfterIssue === undefined ? undefined : Math.min(issueDay * MS_PER_DAY + settleAfterIssue, AS_OF);
    return {
      id,
      issueDate: fromEpochDay(issueDay),
      dueDate: fromEpochDay(issueDay + terms),
      total: usd(amount),
      paperBilling: paper,
      ...(settled === undefined ? {} : { settledAt: iso(settled) }),
    };
  });

const baseInput = fc.record({
  history: fc.array(pastHistory, { maxLength: 15 }),
  payments: fc.array(fc.tuple(past, fc.integer({ min: 1, max: 100_000 })), { maxLength: 4 }),
  activities: fc.array(activityArb(past), { maxLength: 20 }),
  paperBilling: fc.option(fc.boolean(), { nil: undefined }),
});

const futureEvents = fc.record({
  issued: fc.array(
    fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 900_000 }), fc.option(future, { nil: undefined })),
    { maxLength: 5 },
  ),
  settleOpen: fc.array(future, { maxLength: 15 }),
  payments: fc.array(fc.tuple(future, fc.integer({ min: 1, max: 500_000 }), fc.constantFrom('inv', 'inv-2')), { maxLength: 4 }),
  credits: fc.array(fc.tuple(future, fc.integer({ min: 1, max: 500_000 })), { maxLength: 3 }),
  activities: fc.array(activityArb(future), { maxLength: 20 }),
  promises: fc.array(
    fc.tuple(future, fc.constantFrom('kept', 'broken', 'partially-kept') as fc.Arbitrary<'kept' | 'broken' | 'partially-kept'>),
    { maxLength: 3 },
  ),
});

describe('riskFeatures reads no event after the scoring instant', () => {
  it('gives the same features when random future events are added', () => {
    fc.assert(
      fc.property(baseInput, futureEvents, (b, f) => {
        const before: RiskInput = {
          invoice,
          history: b.history,
          payments: b.payments.map(([at, amount], i) => paymentAt(`p${i}`, at, amount, 'inv')),
          activities: b.activities,
          ...(b.paperBilling === undefined ? {} : { paperBilling: b.paperBilling }),
        };
        let open = 0;
        const history = b.history.map((h) =>
          h.settledAt === undefined && open < f.settleOpen.length ? { ...h, settledAt: iso(f.settleOpen[open++]!) } : h,
        );
        for (const [ahead, amount, settled] of f.issued) {
          const day = AS_OF_DAY + ahead;
          history.push({
            id: `f${ahead}-${amount}`,
            issueDate: fromEpochDay(day),
            dueDate: fromEpochDay(day + 30),
            total: usd(amount),
            ...(settled === undefined ? {} : { settledAt: iso(Math.max(settled, (day + 1) * MS_PER_DAY)) }),
          });
        }
        const credits: CreditNote[] = f.credits.map(([at, amount], i) => ({
          id: `cn${i}`,
          invoiceId: 'inv',
          amount: usd(amount),
          at: iso(at),
        }));
        const promises: PromiseToPay[] = f.promises.map(([at, status], i) => ({
          id: `fp${i}`,
          invoiceId: 'inv',
          amount: usd(1000),
          date: fromEpochDay(AS_OF_DAY + 5),
          madeAt: iso(AS_OF - MS_PER_DAY),
          status,
          paid: 0,
          settledAt: iso(at),
        }));
        const after: RiskInput = {
          ...before,
          history,
          payments: [...before.payments!, ...f.payments.map(([at, amount, invoiceId], i) => paymentAt(`fp${i}`, at, amount, invoiceId))],
          credits,
          promises,
          activities: [...f.activities, ...before.activities!],
        };
        expect(riskFeatures(after, AS_OF)).toEqual(riskFeatures(before, AS_OF));
      }),
      { numRuns: 300 },
    );
  });

  it('changes when the same events happen before the instant (the check can fail)', () => {
    const note: Activity = {
      id: 'n1',
      at: iso(AS_OF - 1000),
      customerId: 'c1',
      actor: { type: 'system' },
      type: 'note',
      source: 'agent',
      text: 'layoffs announced',
    };
    const without = riskFeatures({ invoice }, AS_OF);
    const withNote = riskFeatures({ invoice, activities: [note] }, AS_OF);
    expect(withNote.insolvency).toBe(true);
    expect(withNote).not.toEqual(without);
    const late: HistoricalInvoice = {
      id: 'x',
      issueDate: fromEpochDay(AS_OF_DAY - 60),
      dueDate: fromEpochDay(AS_OF_DAY - 30),
      total: usd(100),
      settledAt: iso(AS_OF - 5 * MS_PER_DAY),
    };
    expect(riskFeatures({ invoice, history: [late] }, AS_OF).lateShare).toBeGreaterThan(without.lateShare);
  });
});
