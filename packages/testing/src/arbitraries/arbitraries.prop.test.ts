import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePolicy,
  ContactSchema,
  CustomerSchema,
  currencyExponent,
  InvoiceSchema,
  InstallmentPlanSchema,
  isCalendarDate,
  isTimeZone,
  LadderSchema,
  parseSnapshot,
  PaymentSchema,
  PromiseToPaySchema,
  ZoneCache,
} from '@dueflow/core';
import { arbInstallmentPlan, arbPromise } from './arrangement.js';
import { arbCalendarDate } from './calendar-date.js';
import { arbContact, arbCustomer } from './customer.js';
import { arbInstant, dstTransitions } from './instant.js';
import { arbInvoice, arbPayments } from './invoice.js';
import { arbLadder } from './ladder.js';
import { arbMoney } from './money.js';
import { arbPolicyInput } from './policy.js';
import { arbScenario, arbSnapshot } from './snapshot.js';
import { arbTimeZone } from './time-zone.js';

describe('arbitraries produce valid input', () => {
  it('money is integer minor units in a known currency', () => {
    fc.assert(
      fc.property(arbMoney(), (m) => Number.isSafeInteger(m.amount) && m.amount >= 0 && currencyExponent(m.currency) !== undefined),
    );
    fc.assert(fc.property(arbMoney('KWD', { min: -5, max: 5 }), (m) => m.currency === 'KWD' && Math.abs(m.amount) <= 5));
  });

  it('covers exponents 0, 2, 3 and 4', () => {
    const seen = new Set(fc.sample(arbMoney(), 300).map((m) => currencyExponent(m.currency)));
    expect([...seen].sort()).toEqual([0, 2, 3, 4]);
  });

  it('time zones, dates and instants are valid and in range', () => {
    fc.assert(fc.property(arbTimeZone(), (z) => isTimeZone(z)));
    fc.assert(
      fc.property(
        arbCalendarDate({ min: '2024-02-01', max: '2024-03-01' }),
        (d) => isCalendarDate(d) && d >= '2024-02-01' && d <= '2024-03-01',
      ),
    );
    const min = Date.parse('2024-01-01T00:00:00Z');
    const max = Date.parse('2024-12-31T00:00:00Z');
    fc.assert(fc.property(arbInstant({ min, max }), (t) => Number.isInteger(t) && t >= min && t <= max));
  });

  it('finds the real DST transitions', () => {
    const iso = (zone: string): string[] =>
      dstTransitions(zone, Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)).map((t) => new Date(t).toISOString());
    expect(iso('America/New_York')).toEqual(['2024-03-10T07:00:00.000Z', '2024-11-03T06:00:00.000Z']);
    expect(iso('Europe/Paris')).toEqual(['2024-03-31T01:00:00.000Z', '2024-10-27T01:00:00.000Z']);
    expect(iso('Australia/Lord_Howe')).toEqual(['2024-04-06T15:00:00.000Z', '2024-10-05T15:30:00.000Z']);
    expect(iso('UTC')).toEqual([]);
  });

  it('biases instants towards transition days', () => {
    const min = Date.UTC(2024, 0, 1);
    const max = Date.UTC(2025, 0, 1);
    const transitions = dstTransitions('America/New_York', min, max);
    const samples = fc.sample(arbInstant({ min, max, zones: ['America/New_York'], dstBias: 0.5 }), 400);
    const near = samples.filter((t) => transitions.some((x) => Math.abs(t - x) <= 36 * 3_600_000));
    // Uniform sampling would put about 1% there.
    expect(near.length).toBeGreaterThan(100);
  });

  it('ladders pass the ladder schema', () => {
    fc.assert(
      fc.property(arbLadder(), (l) => LadderSchema.safeParse(l).success && l.steps.length >= 1 && l.steps.length <= 10),
      { numRuns: 200 },
    );
  });

  it('policies compile', () => {
    fc.assert(
      fc.property(arbPolicyInput(), (input) => {
        const policy = compilePolicy(input);
        expect(policy.hasLadder(policy.defaultLadderId)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('customers, contacts, invoices and payments pass their schemas', () => {
    fc.assert(fc.property(arbContact('c'), (c) => ContactSchema.safeParse(c).success));
    fc.assert(fc.property(arbCustomer(), (c) => CustomerSchema.safeParse(c).success));
    fc.assert(
      fc.property(
        arbInvoice().chain((invoice) => arbPayments(invoice).map((payments) => ({ invoice, payments }))),
        ({ invoice, payments }) => InvoiceSchema.safeParse(invoice).success && payments.every((p) => PaymentSchema.safeParse(p).success),
      ),
    );
  });

  it('snapshots pass parseSnapshot and carry simulated histories', () => {
    let withActions = 0;
    fc.assert(
      fc.property(arbSnapshot(), (input) => {
        const s = parseSnapshot(input);
        if (s.activities.some((a) => a.type === 'action')) withActions++;
        for (const a of s.activities)
          if (a.type === 'action') expect(a.idempotencyKey?.startsWith(`${s.invoice.id}:${a.stepId}:${a.occurrence}`)).toBe(true);
      }),
      { numRuns: 60 },
    );
    expect(withActions).toBeGreaterThan(10);
  });

  it('scenarios pass parseSnapshot and compilePolicy, with now after the history', () => {
    fc.assert(
      fc.property(arbScenario(), ({ policyInput, snapshot, now }) => {
        compilePolicy(policyInput);
        const s = parseSnapshot(snapshot);
        for (const a of s.activities) expect(Date.parse(a.at)).toBeLessThanOrEqual(now);
      }),
      { numRuns: 60 },
    );
  });

  it('promises and plans pass their schemas, and plan installments sum to the total', () => {
    fc.assert(
      fc.property(
        arbInvoice().chain((invoice) => fc.tuple(fc.constant(invoice), arbPromise(invoice), arbInstallmentPlan(invoice))),
        ([invoice, promise, plan]) => {
          expect(PromiseToPaySchema.safeParse(promise).success).toBe(true);
          expect(InstallmentPlanSchema.safeParse(plan).success).toBe(true);
          expect(plan.installments.reduce((a, i) => a + i.amount.amount, 0)).toBe(invoice.total.amount);
        },
      ),
    );
  });

  it('zone cache agrees with the transitions it was derived from', () => {
    const zones = new ZoneCache();
    for (const t of dstTransitions('Pacific/Chatham', Date.UTC(2023, 0, 1), Date.UTC(2025, 0, 1))) {
      expect(zones.offset('Pacific/Chatham', t)).not.toBe(zones.offset('Pacific/Chatham', t - 1));
    }
  });
});
