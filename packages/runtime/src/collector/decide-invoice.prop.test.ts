import { compilePolicy, CustomerSchema, InvoiceSchema, addDays } from '@dueflow/core';
import type { Snapshot } from '@dueflow/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideInvoice } from './decide-invoice.js';

const policy = compilePolicy({ calendar: { timeZone: 'America/New_York' } });
const BASE = Date.parse('2025-01-01T00:00:00Z');
const HOUR = 3_600_000;

const snapshotArb = fc
  .record({
    dueOffset: fc.integer({ min: 0, max: 120 }),
    email: fc.boolean(),
    phone: fc.boolean(),
    zone: fc.constantFrom('UTC', 'Asia/Tokyo', 'America/Los_Angeles'),
    status: fc.constantFrom('open', 'open', 'open', 'draft', 'paid'),
  })
  .map(
    ({ dueOffset, email, phone, zone, status }): Snapshot => ({
      invoice: InvoiceSchema.parse({
        id: 'i1',
        number: 'N',
        customerId: 'c1',
        issueDate: '2025-01-01',
        dueDate: addDays('2025-01-01', dueOffset),
        total: { amount: 5000, currency: 'USD' },
        status,
      }),
      customer: CustomerSchema.parse({
        id: 'c1',
        name: 'Acme',
        timeZone: zone,
        contacts: [{ id: 'k1', ...(email ? { email: 'ap@acme.example' } : {}), ...(phone ? { phone: '+14155550100' } : {}) }],
      }),
      payments: [],
      credits: [],
      activities: [],
      recentContacts: [],
    }),
  );

describe('decideInvoice', () => {
  it('enqueues each key once, always moves the next check forward, and never re-decides its own keys', () => {
    fc.assert(
      fc.property(snapshotArb, fc.array(fc.integer({ min: 1, max: 72 }), { minLength: 1, maxLength: 40 }), (initial, gaps) => {
        let snapshot = initial;
        let now = BASE;
        const keys = new Set<string>();
        for (const gap of gaps) {
          now += gap * HOUR;
          const out = decideInvoice(snapshot, now, policy);
          for (const entry of out.outbox) {
            expect(keys.has(entry.key), entry.key).toBe(false);
            keys.add(entry.key);
            expect(entry.notBefore).toBeLessThanOrEqual(now);
            expect(entry.notAfter).toBeGreaterThan(now);
          }
          expect(out.activities).toHaveLength(out.outbox.length);
          expect(out.nextCheckAt === null || out.nextCheckAt > now).toBe(true);
          snapshot = { ...snapshot, activities: [...snapshot.activities, ...out.activities] };
          expect(decideInvoice(snapshot, now, policy).outbox).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('holds steps that need approval and stops for good when done', () => {
    const snap = fc.sample(snapshotArb, { numRuns: 1, seed: 7 })[0]!;
    const open: Snapshot = {
      ...snap,
      invoice: { ...snap.invoice, status: 'open', dueDate: '2025-01-01' },
      customer: { ...snap.customer, contacts: [{ ...snap.customer.contacts[0]!, email: 'ap@acme.example' }] },
    };
    const referral = decideInvoice(open, Date.parse('2025-03-03T16:00:00Z'), policy);
    expect(referral.outbox.map((e) => [e.key, e.status])).toEqual([['i1:agency-referral:1', 'awaiting-approval']]);
    expect(referral.activities[0]).toMatchObject({ outcome: 'awaiting-approval', idempotencyKey: 'i1:agency-referral:1' });
    const paid = decideInvoice({ ...open, invoice: { ...open.invoice, status: 'paid' } }, Date.parse('2025-03-03T16:00:00Z'), policy);
    expect(paid).toMatchObject({ nextCheckAt: null, outbox: [], decision: { kind: 'done', reason: 'paid' } });
  });
});
