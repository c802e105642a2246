/**
 * A small but complete data set (every model type, decided once, with outbox entries in every
 * state) used by the isolation and trigger tests.
 *
 * @module
 */
import { compilePolicy, nextAction, type Snapshot } from '@dueflow/core';
import type { DecideOutput, Storage } from '@dueflow/runtime/ports';
import { customer, invoice, note, payment } from './fixtures.js';

/** The instant the scenario is decided at: a Monday inside the default send window. */
export const NOW = Date.parse('2025-03-10T10:00:00Z');

const policy = compilePolicy();

/** A `decide` callback that enqueues every act (the shape the runtime gives it). */
export function decideWithEngine(now: number): (snapshot: Snapshot) => DecideOutput {
  return (snapshot) => {
    const decision = nextAction(snapshot, now, policy);
    if (decision.kind === 'act') {
      return {
        decision,
        nextCheckAt: now + 3_600_000,
        outbox: [
          {
            key: decision.idempotencyKey,
            decision,
            status: decision.requiresApproval ? 'awaiting-approval' : 'pending',
            notBefore: Date.parse(decision.window.start),
            notAfter: Date.parse(decision.window.end),
          },
        ],
        activities: [],
      };
    }
    return {
      decision,
      nextCheckAt: decision.kind === 'wait' && decision.until !== null ? Date.parse(decision.until) : null,
      outbox: [],
      activities: [],
    };
  };
}

/** Seeds one tenant; `label` goes into names so reads can tell tenants apart. */
export async function seedScenario(storage: Storage, label: string): Promise<void> {
  await storage.commit({ customers: [customer('c1', { name: `${label} one` }), customer('c2', { name: `${label} two` })] });
  await storage.commit({
    invoices: [
      invoice('i1', 'c1', '2025-03-03'),
      invoice('i2', 'c1', '2025-02-08'),
      invoice('i3', 'c2', '2025-01-10', { terms: label }),
      invoice('i4', 'c2', '2025-01-05'),
    ],
  });
  await storage.commit({ payments: [payment('p1', 'c1', 'i1', 100)] });
  await storage.commit({ credits: [{ id: 'cn1', invoiceId: 'i2', amount: { amount: 50, currency: 'USD' }, at: '2025-03-01T00:00:00Z' }] });
  await storage.commit({
    promises: [
      {
        id: 'pr1',
        invoiceId: 'i3',
        amount: { amount: 1000, currency: 'USD' },
        date: '2025-03-20',
        madeAt: '2025-03-01T00:00:00Z',
        status: 'pending',
        paid: 0,
      },
    ],
  });
  await storage.commit({
    plans: [
      {
        id: 'pl1',
        customerId: 'c2',
        invoiceIds: ['i4'],
        total: { amount: 100_000, currency: 'USD' },
        frequency: 'monthly',
        installments: [{ seq: 1, dueDate: '2025-04-01', amount: { amount: 100_000, currency: 'USD' }, paid: 0 }],
        status: 'active',
        createdAt: '2025-03-01T00:00:00Z',
        maxMissed: 2,
        graceDays: 3,
      },
    ],
  });
  await storage.commit({ activities: [note('n1', 'c1', 'i1')] });
  await storage.decideDue({ now: NOW, limit: 100 }, decideWithEngine(NOW));
}
