/**
 * The channel conformance kit: every channel adapter runs it against itself (against a provider
 * sandbox or a local test double on 127.0.0.1, never the internet).
 *
 * @module
 */
import { afterEach, describe, expect, it } from './vitest.js';
import { ChannelKindSchema, type ChannelKind } from '@dueflow/core';
import { compilePolicy } from '@dueflow/core';
import { WebhookVerificationError, createCollector, createMemoryStorage, createMemoryStore, deliveryKey } from '@dueflow/runtime';
import type { Channel, OutboundMessage, Recipient } from '@dueflow/runtime/ports';
import { fixtureCustomer, fixtureDecision, fixtureInvoice } from './storage-fixtures.js';

/** A fresh channel for one test, with the hooks the kit needs. */
export interface ChannelFixture {
  readonly channel: Channel;
  /** A recipient the adapter delivers to, for each kind it declares. */
  recipient(kind: ChannelKind): Recipient;
  /** A recipient whose address fails permanently (an address the test double rejects). */
  failingRecipient(kind: ChannelKind): Recipient;
  /** How many messages with this key the provider (or test double) actually received. */
  delivered(key: string): Promise<number>;
  /** Stops servers and removes files the fixture created. */
  cleanup(): Promise<void>;
}

/** Options of {@link runChannelConformance}. */
export interface ChannelConformanceOptions {
  /** Adapter name, shown in test titles. */
  readonly name: string;
  /** Creates a fresh channel and its hooks for one test. */
  create(): Promise<ChannelFixture>;
  /**
   * Kinds to exercise.
   * @default every kind the channel declares
   */
  readonly kinds?: readonly ChannelKind[];
}

let sequence = 0;

/**
 * A message with a fresh key, for the kit and for channel tests.
 *
 * @example
 * ```ts
 * await channel.send(conformanceMessage('email', { customerId: 'c1', contactId: 'k1', email: 'ap@example.com' }));
 * ```
 */
export function conformanceMessage(kind: ChannelKind, to: Recipient, key = `conformance:${kind}:${++sequence}`): OutboundMessage {
  const decision = fixtureDecision('inv-conformance', key);
  return {
    key,
    channel: kind,
    to,
    subject: 'Invoice N-1001 is overdue',
    text: 'Invoice N-1001 for $1,000.00 was due on March 31, 2025.',
    ...(kind === 'email' || kind === 'letter' ? { html: '<p>Invoice N-1001 for $1,000.00 was due on March 31, 2025.</p>' } : {}),
    decision: { ...decision, action: { ...decision.action, channel: kind } },
    tenantId: 'conformance',
  };
}

/**
 * Runs the collector once for each tenant, all tenants with the same customer and invoice ids
 * in one store, through `channel`: the pre-due reminder of invoice `inv-shared` goes out on
 * `kind` to `to`. Resolves each tenant's outbox key and the status it ended with.
 */
async function dispatchForTenants(
  channel: Channel,
  kind: ChannelKind,
  to: Recipient,
  tenants: readonly string[],
): Promise<{ tenantId: string; key: string; status: string }[]> {
  // Monday 10:00 UTC, seven days before the due date: the pre-due reminder, inside the send window.
  const now = Date.parse('2025-03-24T10:00:00Z');
  // A webhook channel carries internal actions; every other kind a customer message.
  const action =
    kind === 'webhook'
      ? { type: 'webhook' as const, event: 'invoice.upcoming' }
      : { type: 'message' as const, channels: [kind], template: 'reminder.pre-due' };
  const policy = compilePolicy({
    ladders: [{ id: 'tenants', name: 'Tenants', steps: [{ id: 'pre-due-reminder', name: 'Reminder', offsetDays: -7, action }] }],
  });
  const contact = {
    id: to.contactId,
    role: 'billing' as const,
    ...(to.email !== undefined ? { email: to.email } : {}),
    ...(to.phone !== undefined ? { phone: to.phone } : {}),
    ...(to.postalAddress !== undefined ? { postalAddress: [...to.postalAddress] } : {}),
    ...(to.webhook !== undefined ? { webhook: to.webhook } : {}),
    optOuts: [],
    suppressed: [],
  };
  const store = createMemoryStore();
  const out: { tenantId: string; key: string; status: string }[] = [];
  for (const tenantId of tenants) {
    const storage = createMemoryStorage({ tenantId, store });
    await storage.commit({ customers: [fixtureCustomer(to.customerId, { name: to.name ?? 'Globex Corporation', contacts: [contact] })] });
    await storage.commit({ invoices: [fixtureInvoice('inv-shared', to.customerId)] });
    const collector = createCollector({ storage, channels: [channel], policy });
    await collector.tick({ now });
    for (const entry of await storage.listOutbox()) out.push({ tenantId, key: entry.key, status: entry.status });
  }
  return out;
}

/**
 * Registers the channel conformance suite with vitest.
 *
 * @example
 * ```ts
 * runChannelConformance({
 *   name: 'smtp',
 *   create: async () => {
 *     const server = await startTestSmtpServer(); // listens on 127.0.0.1
 *     const channel = createSmtpChannel({ transport: server.transport });
 *     return { channel, recipient: () => ({ customerId: 'c1', contactId: 'k1', email: 'ap@example.com' }),
 *       failingRecipient: () => ({ customerId: 'c1', contactId: 'k2', email: 'reject@example.com' }),
 *       delivered: async (key) => server.count(key), cleanup: () => server.close() };
 *   },
 * });
 * ```
 */
export function runChannelConformance(options: ChannelConformanceOptions): void {
  describe(`channel conformance: ${options.name}`, () => {
    let current: ChannelFixture | undefined;
    afterEach(async () => {
      const f = current;
      current = undefined;
      if (f !== undefined) {
        await f.channel.close?.();
        await f.cleanup();
      }
    });
    const fresh = async (): Promise<ChannelFixture> => {
      current = await options.create();
      return current;
    };
    const kindsOf = (channel: Channel): readonly ChannelKind[] => options.kinds ?? channel.kinds;

    it('declares well-formed capabilities', async () => {
      const { channel } = await fresh();
      expect(channel.name).toMatch(/^\S+$/);
      expect(channel.kinds.length).toBeGreaterThan(0);
      for (const kind of channel.kinds) expect(ChannelKindSchema.safeParse(kind).success, `kind ${kind}`).toBe(true);
      expect(new Set(channel.kinds).size).toBe(channel.kinds.length);
      const caps = channel.capabilities ?? {};
      if (caps.idempotent !== undefined) expect(['provider', 'adapter', 'none']).toContain(caps.idempotent);
      if (caps.maxPerSecond !== undefined) expect(caps.maxPerSecond).toBeGreaterThan(0);
      if (caps.concurrency !== undefined) {
        expect(Number.isInteger(caps.concurrency)).toBe(true);
        expect(caps.concurrency).toBeGreaterThanOrEqual(1);
      }
    });

    it('sends one message on every kind it declares', async () => {
      const f = await fresh();
      for (const kind of kindsOf(f.channel)) {
        const message = conformanceMessage(kind, f.recipient(kind));
        const result = await f.channel.send(message);
        expect(result, `send on ${kind}`).toMatchObject({ status: 'sent' });
        if (result.status === 'sent' && result.providerMessageId !== undefined) expect(result.providerMessageId.length).toBeGreaterThan(0);
        expect(await f.delivered(message.key), `deliveries on ${kind}`).toBe(1);
      }
    });

    it('does not deliver the same key twice when it claims idempotency', async () => {
      const f = await fresh();
      if ((f.channel.capabilities?.idempotent ?? 'none') === 'none') return;
      for (const kind of kindsOf(f.channel)) {
        const message = conformanceMessage(kind, f.recipient(kind));
        const first = await f.channel.send(message);
        const second = await f.channel.send(message);
        expect(first.status).toBe('sent');
        expect(second.status, `second send on ${kind}`).toBe('sent');
        expect(await f.delivered(message.key), `deliveries on ${kind}`).toBe(1);
      }
    });

    it('reports a permanent failure as data, not as an exception', async () => {
      const f = await fresh();
      for (const kind of kindsOf(f.channel)) {
        const message = conformanceMessage(kind, f.failingRecipient(kind));
        const result = await f.channel.send(message);
        expect(result, `failure on ${kind}`).toMatchObject({ status: 'failed', permanent: true });
        if (result.status === 'failed') expect(result.error.length).toBeGreaterThan(0);
        expect(await f.delivered(message.key)).toBe(0);
      }
    });

    it('looks up accepted keys for crash recovery, when it can', async () => {
      const f = await fresh();
      const lookup = f.channel.lookup?.bind(f.channel);
      if (lookup === undefined) return;
      const kind = kindsOf(f.channel)[0]!;
      const message = conformanceMessage(kind, f.recipient(kind));
      expect(await lookup(message.key)).toBeUndefined();
      await f.channel.send(message);
      expect(await lookup(message.key)).toMatchObject({ status: 'sent' });
    });

    it('keeps tenants apart: two tenants with the same invoice ids, sharing the channel, each get their message', async () => {
      const f = await fresh();
      const kind = kindsOf(f.channel)[0]!;
      const keys = await dispatchForTenants(f.channel, kind, f.recipient(kind), ['acme', 'globex']);
      expect(keys.map((k) => k.status)).toEqual(['sent', 'sent']);
      for (const { tenantId, key } of keys) expect(await f.delivered(deliveryKey(tenantId, key)), `${tenantId}'s ${key}`).toBe(1);
    });

    it('refuses an unsigned webhook with a WebhookVerificationError, when it parses webhooks', async () => {
      const f = await fresh();
      const parse = f.channel.parseWebhook?.bind(f.channel);
      if (parse === undefined) return;
      const request = {
        method: 'POST',
        url: 'http://127.0.0.1/webhook',
        headers: { 'content-type': 'application/json' },
        rawBody: '{"forged":true}',
        receivedAt: Date.parse('2025-04-07T10:00:00Z'),
      };
      await expect(parse(request)).rejects.toBeInstanceOf(WebhookVerificationError);
    });
  });
}
