/**
 * The model test of the storage kit: random command sequences run against the adapter and
 * against the in-memory reference, every answer compared.
 *
 * @module
 */
import fc from 'fast-check';
import { expect, it } from './vitest.js';
import { createMemoryStorage } from '@dueflow/runtime';
import type { DispatchResult, Storage } from '@dueflow/runtime/ports';
import { enqueueingDecide, fixtureCustomer, fixtureInvoice, fixturePayment } from './storage-fixtures.js';
import type { StorageConformanceOptions } from './storage-types.js';

const T0 = Date.parse('2025-04-07T10:00:00Z');
const INVOICES = ['i1', 'i2', 'i3'] as const;

type Command =
  | { readonly kind: 'put-invoice'; readonly invoice: number; readonly status: 'open' | 'paid' | 'draft' }
  | { readonly kind: 'put-payment'; readonly id: number; readonly invoice: number; readonly amount: number }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'decide'; readonly limit: number }
  | { readonly kind: 'claim'; readonly limit: number; readonly leaseMs: number }
  | {
      readonly kind: 'complete';
      readonly entry: number;
      readonly stale: boolean;
      readonly result: 'sent' | 'failed' | 'retry' | 'cancelled';
    }
  | { readonly kind: 'review'; readonly entry: number; readonly approve: boolean };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('put-invoice' as const),
    invoice: fc.nat(2),
    status: fc.constantFrom('open' as const, 'paid' as const, 'draft' as const),
  }),
  fc.record({ kind: fc.constant('put-payment' as const), id: fc.nat(3), invoice: fc.nat(2), amount: fc.integer({ min: 1, max: 100_000 }) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.constantFrom(1000, 60_000, 3_600_000, 86_400_000) }),
  fc.record({ kind: fc.constant('decide' as const), limit: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('claim' as const), limit: fc.integer({ min: 1, max: 4 }), leaseMs: fc.constantFrom(1000, 120_000) }),
  fc.record({
    kind: fc.constant('complete' as const),
    entry: fc.nat(8),
    stale: fc.boolean(),
    result: fc.constantFrom('sent' as const, 'failed' as const, 'retry' as const, 'cancelled' as const),
  }),
  fc.record({ kind: fc.constant('review' as const), entry: fc.nat(8), approve: fc.boolean() }),
);

/** One system under test: a storage and the fencing tokens it handed out, per key. */
interface System {
  readonly storage: Storage;
  readonly tokens: Map<string, number[]>;
}

async function step(sys: System, cmd: Command, now: number, keys: readonly string[]): Promise<unknown> {
  const s = sys.storage;
  switch (cmd.kind) {
    case 'put-invoice': {
      const id = INVOICES[cmd.invoice]!;
      await s.commit({ invoices: [fixtureInvoice(id, 'c1', { status: cmd.status })] });
      return null;
    }
    case 'put-payment':
      await s.commit({ payments: [fixturePayment(`p${cmd.id}`, 'c1', INVOICES[cmd.invoice]!, cmd.amount, new Date(now).toISOString())] });
      return null;
    case 'advance':
      return null;
    case 'decide': {
      // i2's steps need approval, the others do not; settled or draft invoices wait for an event.
      const result = await s.decideDue({ now, limit: cmd.limit }, (snap) => {
        const out = enqueueingDecide(now, (id, n) => `${id}:k${n + 1}`, { requiresApproval: snap.invoice.id === 'i2' })(snap);
        return snap.invoice.status === 'open'
          ? out
          : {
              nextCheckAt: null,
              decision: { kind: 'done', invoiceId: snap.invoice.id, reason: 'paid', reasons: [] },
              outbox: [],
              activities: [],
            };
      });
      return result;
    }
    case 'claim': {
      const claims = await s.claimOutbox({ now, limit: cmd.limit, workerId: 'w', leaseMs: cmd.leaseMs });
      for (const c of claims) sys.tokens.set(c.entry.key, [...(sys.tokens.get(c.entry.key) ?? []), c.token]);
      return claims.map((c) => ({
        key: c.entry.key,
        attempts: c.entry.attempts,
        leaseUntil: c.leaseUntil,
        invoice: c.snapshot.invoice.id,
      }));
    }
    case 'complete': {
      const key = keys[cmd.entry % Math.max(1, keys.length)];
      if (key === undefined) return null;
      const tokens = sys.tokens.get(key) ?? [];
      const token = cmd.stale ? (tokens.length >= 2 ? tokens[tokens.length - 2]! : -1) : (tokens[tokens.length - 1] ?? -1);
      const result: DispatchResult =
        cmd.result === 'sent'
          ? { status: 'sent', providerMessageId: `pm-${key}` }
          : cmd.result === 'failed'
            ? { status: 'failed', error: 'rejected', permanent: true }
            : cmd.result === 'retry'
              ? { status: 'retry', error: 'timeout', notBefore: now + 30_000 }
              : { status: 'cancelled', reason: 'no longer due' };
      return s.completeOutbox({ key, token, now, result, activities: [] });
    }
    case 'review': {
      const key = keys[cmd.entry % Math.max(1, keys.length)];
      if (key === undefined) return null;
      return s.reviewOutbox({ key, decision: cmd.approve ? 'approved' : 'rejected', by: 'ana', now, activities: [] });
    }
  }
}

async function state(s: Storage): Promise<unknown> {
  const outbox = (await s.listOutbox()).map((e) => ({
    key: e.key,
    status: e.status,
    attempts: e.attempts,
    notBefore: e.notBefore,
    lastError: e.lastError,
    providerMessageId: e.providerMessageId,
  }));
  const schedules = await Promise.all(INVOICES.map(async (id) => (await s.getSchedule(id))?.nextCheckAt ?? 'none'));
  const activities = (await s.listActivities({ customerId: 'c1' })).map((a) => a.id).sort();
  return { outbox, schedules: schedules.map((n) => (typeof n === 'number' && n < T0 ? 'now' : n)), activities };
}

/**
 * Registers the model test (part of `runStorageConformance`).
 *
 * @example
 * ```ts
 * runStorageModelTest({ name: 'memory', create: async () => fixture });
 * ```
 */
export function runStorageModelTest(options: StorageConformanceOptions): void {
  it('behaves like the in-memory reference on random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 30 }), async (commands) => {
        const fixture = await options.create();
        try {
          const adapter: System = { storage: fixture.storage, tokens: new Map() };
          const reference: System = { storage: createMemoryStorage({ tenantId: fixture.storage.tenantId }), tokens: new Map() };
          await adapter.storage.init();
          for (const sys of [adapter, reference]) await sys.storage.commit({ customers: [fixtureCustomer('c1')] });
          let now = T0;
          for (const cmd of commands) {
            if (cmd.kind === 'advance') now += cmd.ms;
            const keys = (await reference.storage.listOutbox()).map((e) => e.key).sort();
            const expected = await step(reference, cmd, now, keys);
            const actual = await step(adapter, cmd, now, keys);
            expect(actual, `${cmd.kind} at ${new Date(now).toISOString()}`).toEqual(expected);
          }
          expect(await state(adapter.storage)).toEqual(await state(reference.storage));
          expect((await fixture.backdoor.outboxKeys()).sort()).toEqual((await reference.storage.listOutbox()).map((e) => e.key).sort());
        } finally {
          await fixture.storage.close();
          await fixture.cleanup();
        }
      }),
      { numRuns: options.modelRuns ?? 25 },
    );
  });
}
