import { CustomerSchema, InvoiceSchema, PaymentSchema, ActivitySchema, toEpochDay } from '@dueflow/core';
import { describe, expect, it } from 'vitest';
import { generatePortfolio } from './generate-portfolio.js';
import { simulateControl } from './simulate.js';

describe('generatePortfolio', () => {
  const options = { seed: 11, customers: 40, invoices: 260, start: '2026-01-05' };

  it('is deterministic for a seed and a start date', () => {
    const a = generatePortfolio(options);
    const b = generatePortfolio(options);
    expect(JSON.stringify([a.customers, a.existing, a.scheduled, a.payments, a.activities])).toBe(
      JSON.stringify([b.customers, b.existing, b.scheduled, b.payments, b.activities]),
    );
    const c = generatePortfolio({ ...options, seed: 12 });
    expect(JSON.stringify(c.existing)).not.toBe(JSON.stringify(a.existing));
  });

  it('produces valid model records near the requested size', () => {
    const p = generatePortfolio(options);
    const total = p.existing.length + p.scheduled.length;
    expect(total).toBeGreaterThan(260 * 0.75);
    expect(total).toBeLessThan(260 * 1.25);
    for (const c of p.customers) CustomerSchema.parse(c);
    for (const i of [...p.existing, ...p.scheduled]) InvoiceSchema.parse(i);
    for (const pay of p.payments) PaymentSchema.parse(pay);
    for (const a of p.activities) ActivitySchema.parse(a);
    expect(new Set(p.customers.map((c) => c.name)).size).toBe(p.customers.length);
  });

  it('has the four behaviour groups, several zones, disputes, notes, opt-outs and suppressed addresses', () => {
    const p = generatePortfolio({ ...options, customers: 150, invoices: 1000 });
    const groups = new Set([...p.profiles.values()].map((x) => x.segment));
    expect([...groups].sort()).toEqual(['chronic', 'new', 'standard', 'strategic']);
    expect(new Set(p.customers.map((c) => c.timeZone)).size).toBeGreaterThanOrEqual(5);
    expect(p.existing.some((i) => i.dispute !== undefined)).toBe(true);
    expect(p.activities.some((a) => a.type === 'note')).toBe(true);
    expect(p.customers.some((c) => c.contacts.some((k) => k.optOuts.includes('sms')))).toBe(true);
    expect(p.customers.some((c) => c.contacts.some((k) => k.suppressed.includes('email')))).toBe(true);
    // History before the start and invoices issued during the run.
    const start = toEpochDay('2026-01-05');
    expect(p.payments.every((pay) => Date.parse(pay.at) < start * 86_400_000)).toBe(true);
    expect(p.scheduled.every((i) => toEpochDay(i.issueDate) >= start)).toBe(true);
  });

  it('pays each invoice at most once in the control run, within the simulated days', () => {
    const p = generatePortfolio(options);
    const control = simulateControl(p);
    const ids = control.payments.flatMap((x) => x.allocations.map((a) => a.invoiceId));
    expect(new Set(ids).size).toBe(ids.length);
    const end = (p.startDay + p.days) * 86_400_000;
    expect(control.payments.every((x) => Date.parse(x.at) < end)).toBe(true);
  });
});
