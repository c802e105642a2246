import { PGlite } from '@electric-sql/pglite';
import { compilePolicy, CustomerSchema, InvoiceSchema } from '@dueflow/core';
import { createCollector, createMemoryStorage, deliveryKey, parseDeliveryKey } from '@dueflow/runtime';
import type { Channel, OutboundMessage, Storage } from '@dueflow/runtime/ports';
import { createRecordingChannel } from '@dueflow/testing/conformance';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteStorage } from '../src/index.js';
import { uniqueSchema } from './support.js';

/**
 * A worker dies in the middle of a consolidated dispatch: the provider accepted the message for
 * inv1 and inv2, inv2's completion was written, inv1's was not. Another worker later claims inv1
 * together with inv3, which was never attempted. inv1 must not reach the provider under a second
 * message key (`group:inv1|inv3`), whether or not the channel can answer `lookup`.
 */
const PRE_DUE = Date.parse('2025-03-24T10:00:00Z'); // Monday, seven days before the due date
const LEASE_MS = 60_000;
const policy = compilePolicy({ guardrails: { maxPerDay: 1000, maxPerWeek: 1000 } });
const key = (invoiceId: string) => `${invoiceId}:pre-due-reminder:1`;

/** A receiver that dedupes by message key only (as a webhook receiver does by `webhook-id`), with no `lookup`. */
function keyOnlyReceiver(): Channel & { readonly calls: OutboundMessage[]; readonly accepted: Map<string, OutboundMessage> } {
  const calls: OutboundMessage[] = [];
  const accepted = new Map<string, OutboundMessage>();
  return {
    name: 'receiver',
    kinds: ['email'],
    capabilities: { idempotent: 'provider' },
    calls,
    accepted,
    async send(message) {
      calls.push(message);
      if (!accepted.has(message.key)) accepted.set(message.key, message);
      return { status: 'sent', providerMessageId: `id:${message.key}` };
    },
  };
}

/** The invoices a message carried, by outbox key (a `group:` key names its members). */
function carried(message: OutboundMessage): string[] {
  if (message.memberKeys !== undefined) return message.memberKeys.map((k) => parseDeliveryKey(k)?.key ?? k);
  const key = parseDeliveryKey(message.key)?.key ?? message.key;
  return key.startsWith('group:') ? key.slice('group:'.length).split('|') : [key];
}

/** The distinct message keys under which `messages` carried each invoice. */
function keysPerInvoice(messages: readonly OutboundMessage[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of messages) for (const k of carried(m)) out[k] = [...new Set([...(out[k] ?? []), m.key])];
  return out;
}

async function seed(storage: Storage): Promise<void> {
  await storage.init();
  await storage.commit({
    customers: [CustomerSchema.parse({ id: 'c1', name: 'Globex', contacts: [{ id: 'k1', email: 'ap@globex.example' }] })],
  });
  const invoice = (id: string, amount: number) =>
    InvoiceSchema.parse({
      id,
      number: `N-${id}`,
      customerId: 'c1',
      issueDate: '2025-03-01',
      dueDate: '2025-03-31',
      total: { amount, currency: 'USD' },
    });
  await storage.commit({ invoices: [invoice('inv1', 100_000), invoice('inv2', 200_000), invoice('inv3', 50_000)] });
}

/** Worker A: claims two entries, sends them as one message, completes the first member and dies. */
async function crashMidDispatch(storage: Storage, channel: Channel): Promise<void> {
  let completions = 0;
  const dying: Storage = {
    ...storage,
    completeOutbox: (input) => (++completions === 1 ? storage.completeOutbox(input) : new Promise<boolean>(() => {})),
  };
  void createCollector({ storage: dying, channels: [channel], policy, dispatch: { batchSize: 2, leaseMs: LEASE_MS, workerId: 'a' } }).tick({
    now: PRE_DUE,
  });
  for (let i = 0; i < 200 && completions < 2; i++) await new Promise((r) => setTimeout(r, 10));
  expect(completions).toBe(2);
}

/** Worker B, after A's lease expired. */
async function recover(storage: Storage, channel: Channel): Promise<void> {
  const later = createCollector({ storage, channels: [channel], policy, dispatch: { batchSize: 2, leaseMs: LEASE_MS, workerId: 'b' } });
  await later.tick({ now: PRE_DUE + LEASE_MS + 1000 });
  await later.tick({ now: PRE_DUE + LEASE_MS + 2000 });
}

const pglite = new PGlite();
afterAll(() => pglite.close());

const stores: [string, () => Storage][] = [
  ['memory', () => createMemoryStorage({ tenantId: 'acme' })],
  ['pglite', () => createPgliteStorage({ pglite, schema: uniqueSchema('crashgroup'), tenantId: 'acme' })],
];

describe.each(stores)('a crash during a consolidated dispatch (%s)', (_name, create) => {
  it('looks a member up by its own key before sending it in another message (a channel with lookup)', async () => {
    const storage = create();
    await seed(storage);
    const channel = createRecordingChannel({ kinds: ['email'] });
    await crashMidDispatch(storage, channel);
    expect(channel.delivered.map((m) => m.key)).toEqual([deliveryKey('acme', `group:${key('inv1')}|${key('inv2')}`)]);

    await recover(storage, channel);
    const first = deliveryKey('acme', `group:${key('inv1')}|${key('inv2')}`);
    expect(keysPerInvoice(channel.delivered)).toEqual({
      [key('inv1')]: [first],
      [key('inv2')]: [first],
      [key('inv3')]: [deliveryKey('acme', key('inv3'))],
    });
    for (const id of ['inv1', 'inv2', 'inv3']) {
      expect(channel.deliveredUnder(deliveryKey('acme', key(id))), id).toHaveLength(1);
      expect(channel.deliveries(deliveryKey('acme', key(id))), id).toBe(1);
      expect((await storage.listOutbox({ key: key(id) }))[0]?.status, id).toBe('sent');
    }
  });

  it('re-sends a member whose earlier attempt cannot be known under the same message key, never regrouped', async () => {
    const storage = create();
    await seed(storage);
    const receiver = keyOnlyReceiver();
    await crashMidDispatch(storage, receiver);
    const first = deliveryKey('acme', `group:${key('inv1')}|${key('inv2')}`);
    expect(receiver.calls.map((m) => m.key)).toEqual([first]);

    await recover(storage, receiver);
    expect(keysPerInvoice(receiver.calls)).toEqual({
      [key('inv1')]: [first],
      [key('inv2')]: [first],
      [key('inv3')]: [deliveryKey('acme', key('inv3'))],
    });
    // The receiver dedupes by key: each invoice reached it once.
    const reached = [...receiver.accepted.values()].flatMap(carried).sort();
    expect(reached).toEqual([key('inv1'), key('inv2'), key('inv3')]);
    for (const id of ['inv1', 'inv2', 'inv3']) expect((await storage.listOutbox({ key: key(id) }))[0]?.status, id).toBe('sent');
  });
  it('keeps the message key of an attempt that failed transiently (its answer may have been lost), so the retry goes out under it', async () => {
    const storage = create();
    await seed(storage);
    const channel = createRecordingChannel({ kinds: ['email'], failTransiently: (m, attempt) => attempt === 1 && carried(m).length === 2 });
    const worker = createCollector({ storage, channels: [channel], policy, dispatch: { batchSize: 2, leaseMs: LEASE_MS } });
    await worker.tick({ now: PRE_DUE });
    const first = deliveryKey('acme', `group:${key('inv1')}|${key('inv2')}`);
    expect(channel.calls[0]?.key).toBe(first);
    expect((await storage.listOutbox({ key: key('inv1') }))[0]?.messageKey).toBe(`group:${key('inv1')}|${key('inv2')}`);
    expect((await storage.listOutbox({ key: key('inv3') }))[0]?.status).toBe('sent');
    await worker.tick({ now: PRE_DUE + 3_600_000 });
    expect(keysPerInvoice(channel.delivered)).toEqual({
      [key('inv1')]: [first],
      [key('inv2')]: [first],
      [key('inv3')]: [deliveryKey('acme', key('inv3'))],
    });
    for (const id of ['inv1', 'inv2', 'inv3']) expect((await storage.listOutbox({ key: key(id) }))[0]?.status, id).toBe('sent');
  });
});
