import { compilePolicy, CustomerSchema, InvoiceSchema } from '@dueflow/core';
import { createCollector, createMemoryStorage, deliveryKey, parseDeliveryKey, type MemoryStorage } from '@dueflow/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRecordingChannel } from './recording-channel.js';

const START = Date.parse('2025-03-20T10:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LEASE = 5 * 60_000;

async function seed(storage: MemoryStorage): Promise<void> {
  await storage.commit({
    customers: [
      CustomerSchema.parse({
        id: 'c1',
        name: 'Acme',
        contacts: [{ id: 'k1', email: 'ap@acme.example', phone: '+14155550100', postalAddress: ['1 Main St'] }],
      }),
      CustomerSchema.parse({
        id: 'c2',
        name: 'Globex',
        timeZone: 'America/New_York',
        contacts: [{ id: 'k2', email: 'ap@globex.example' }],
      }),
    ],
  });
  await storage.commit({
    invoices: [
      InvoiceSchema.parse({
        id: 'a',
        number: 'A-1',
        customerId: 'c1',
        issueDate: '2025-03-01',
        dueDate: '2025-03-27',
        total: { amount: 50_000, currency: 'USD' },
      }),
      InvoiceSchema.parse({
        id: 'b',
        number: 'B-1',
        customerId: 'c2',
        issueDate: '2025-03-01',
        dueDate: '2025-04-02',
        total: { amount: 75_000, currency: 'USD' },
      }),
      InvoiceSchema.parse({
        id: 'c',
        number: 'C-1',
        customerId: 'c1',
        issueDate: '2025-03-10',
        dueDate: '2025-04-09',
        total: { amount: 12_345, currency: 'USD' },
      }),
    ],
  });
}

type Step =
  | { readonly kind: 'tick'; readonly advance: number; readonly crashOn: number | undefined }
  | { readonly kind: 'abandon'; readonly advance: number }
  | { readonly kind: 'advance'; readonly advance: number };

const advanceArb = fc.constantFrom(0, 60_000, LEASE + 1, HOUR, 6 * HOUR, DAY, 3 * DAY);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), advance: advanceArb, crashOn: fc.option(fc.nat(3), { nil: undefined }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('abandon' as const), advance: advanceArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), advance: advanceArb }) },
);

describe('collector recovery', () => {
  it('never sends a key twice and loses no due action across crashes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 25 }), async (steps) => {
        const storage = createMemoryStorage({ tenantId: 't' });
        await seed(storage);
        const policy = compilePolicy();
        let crashNext: number | undefined;
        let sendsInTick = 0;
        let crashed: () => void = () => {};
        const channel = createRecordingChannel({
          idempotent: 'none',
          hangAfterDelivery: () => {
            const hang = crashNext !== undefined && sendsInTick++ === crashNext;
            if (hang) crashed();
            return hang;
          },
        });
        const worker = (id: string) =>
          createCollector({
            storage,
            channels: [channel],
            policy,
            dispatch: { leaseMs: LEASE, workerId: id, backoff: { baseMs: 60_000 } },
          });
        let now = START;
        let n = 0;
        for (const step of steps) {
          now += step.advance;
          if (step.kind === 'abandon') {
            // A worker that claims and dies before sending.
            await storage.claimOutbox({ now, limit: 2, workerId: 'dead', leaseMs: LEASE });
          } else if (step.kind === 'tick') {
            crashNext = step.crashOn;
            sendsInTick = 0;
            const died = new Promise<'crashed'>((resolve) => {
              crashed = () => resolve('crashed');
            });
            // A hung send stands for a process killed between the provider's acceptance and the record.
            await Promise.race([worker(`w${n++}`).tick({ now }), died]);
            crashNext = undefined;
          }
        }
        // Recovery: healthy workers keep ticking, past every lease, through the end of the ladders.
        // Ticks at 10:00 and 15:00 UTC reach both the UTC and the New York send windows.
        await worker(`r${n++}`).tick({ now: now + LEASE + 1 });
        const end = Date.parse('2025-06-30T15:00:00Z');
        let last = now + LEASE + 1;
        for (let day = Math.floor(last / DAY) + 1; day * DAY + 15 * HOUR <= end; day++) {
          for (const t of [day * DAY + 10 * HOUR, day * DAY + 15 * HOUR]) {
            await worker(`r${n++}`).tick({ now: t });
            last = t;
          }
        }

        const outbox = await storage.listOutbox({ limit: 10_000 });
        for (const entry of outbox) {
          expect(channel.deliveries(deliveryKey(storage.tenantId, entry.key)), entry.key).toBeLessThanOrEqual(1);
          expect(['sent', 'failed', 'cancelled', 'rejected', 'awaiting-approval'], `${entry.key} is ${entry.status}`).toContain(
            entry.status,
          );
          if (entry.status === 'sent')
            expect(channel.deliveries(deliveryKey(storage.tenantId, entry.key)), `${entry.key} recorded sent but not delivered`).toBe(1);
        }
        for (const message of channel.delivered) {
          expect(
            outbox.find((e) => deliveryKey(storage.tenantId, e.key) === message.key)?.status,
            `${message.key} delivered but not recorded`,
          ).toBe('sent');
        }
        expect(channel.duplicateCalls).toBe(0);
        for (const id of ['a', 'b', 'c']) {
          const next = (await storage.getSchedule(id))?.nextCheckAt;
          expect(next === null || next === undefined || next > last, `invoice ${id} is still due`).toBe(true);
        }
        // Every invoice reached the end of its ladder: the referral waits for a person.
        for (const id of ['a', 'b', 'c']) expect(outbox.find((e) => e.key === `${id}:agency-referral:1`)?.status).toBe('awaiting-approval');
      }),
      { numRuns: 30 },
    );
  });

  it('never dispatches an action that needs approval before it is approved', async () => {
    const policy = compilePolicy({
      ladders: [
        {
          id: 'strict',
          name: 'Strict',
          steps: [
            { id: 'reminder', name: 'Reminder', offsetDays: 0, action: { type: 'message', channels: ['email'], template: 'notice.due' } },
            {
              id: 'final',
              name: 'Final notice',
              offsetDays: 7,
              action: { type: 'message', channels: ['email', 'sms'], template: 'notice.final' },
              requiresApproval: true,
            },
            {
              id: 'again',
              name: 'Last call',
              offsetDays: 14,
              action: { type: 'message', channels: ['sms'], template: 'notice.final' },
              requiresApproval: true,
              repeat: { everyDays: 3, maxOccurrences: 3 },
            },
          ],
        },
      ],
    });
    const actionArb = fc.oneof(
      fc.record({ kind: fc.constant('tick' as const), advance: fc.constantFrom(HOUR, 5 * HOUR, DAY, 2 * DAY) }),
      fc.record({ kind: fc.constant('review' as const), index: fc.nat(5), approve: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 1, maxLength: 30 }), async (actions) => {
        const storage = createMemoryStorage();
        await seed(storage);
        const channel = createRecordingChannel();
        const collector = createCollector({ storage, channels: [channel], policy });
        const approved = new Set<string>();
        const rejected = new Set<string>();
        let now = Date.parse('2025-04-03T10:00:00Z');
        for (const action of actions) {
          if (action.kind === 'tick') {
            now += action.advance;
            await collector.tick({ now });
          } else {
            const pending = await collector.pending();
            const target = pending[action.index % Math.max(1, pending.length)];
            if (target === undefined) continue;
            if (action.approve) {
              expect(await collector.approve(target.key, { by: 'ana', at: now })).toBe(true);
              approved.add(target.key);
            } else {
              expect(await collector.reject(target.key, { by: 'ana', reason: 'not now', at: now })).toBe(true);
              rejected.add(target.key);
            }
          }
          for (const message of channel.delivered) {
            const key = parseDeliveryKey(message.key)?.key ?? message.key;
            if (message.decision.requiresApproval) expect(approved.has(key), `${message.key} sent without approval`).toBe(true);
            expect(rejected.has(key), `${message.key} sent after rejection`).toBe(false);
          }
        }
        for (const entry of await storage.listOutbox({ status: ['awaiting-approval'] }))
          expect(channel.deliveries(deliveryKey(storage.tenantId, entry.key))).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
});
