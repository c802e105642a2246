/**
 * A channel for tests that records every send in memory, dedupes by idempotency key like a
 * provider with idempotency keys, and counts attempts, so a test can assert "sent exactly once".
 *
 * @module
 */
import type { ChannelKind } from '@dueflow/core';
import type { Channel, OutboundMessage, SendResult } from '@dueflow/runtime/ports';

/** Options of {@link createRecordingChannel}. */
export interface RecordingChannelOptions {
  /** @default 'recording' */
  readonly name?: string;
  /** @default ['email', 'sms', 'voice', 'letter', 'webhook'] */
  readonly kinds?: readonly ChannelKind[];
  /**
   * `adapter`: a key already delivered is acknowledged without delivering again; `none`: every
   * send delivers (to observe what the runtime alone guarantees).
   * @default 'adapter'
   */
  readonly idempotent?: 'adapter' | 'none';
  /**
   * Whether to implement `lookup` (crash recovery).
   * @default true
   */
  readonly lookup?: boolean;
  /** Messages for which the send fails permanently (an invalid address). @default none */
  readonly failPermanently?: (message: OutboundMessage) => boolean;
  /** Messages for which this attempt fails transiently (`attempt` counts from 1 per key). @default none */
  readonly failTransiently?: (message: OutboundMessage, attempt: number) => boolean;
  /**
   * Messages that are delivered but whose send never resolves: the process "dies" between the
   * provider's acceptance and the runtime's record of it.
   * @default none
   */
  readonly hangAfterDelivery?: (message: OutboundMessage) => boolean;
  /** @default 4 */
  readonly concurrency?: number;
}

/** A channel that records what it was asked to send. */
export interface RecordingChannel extends Channel {
  /** Messages delivered, in order (with `idempotent: 'adapter'`, at most one per key). */
  readonly delivered: readonly OutboundMessage[];
  /** Every call to `send`, in order, delivered or not. */
  readonly calls: readonly OutboundMessage[];
  /** `send` calls for this key. */
  attempts(key: string): number;
  /** Deliveries of messages under this key or carrying it as a member key (0 or 1 unless `idempotent: 'none'`). */
  deliveries(key: string): number;
  /** The distinct message keys this key was delivered under (itself, or consolidated messages carrying it). */
  deliveredUnder(key: string): string[];
  /** `send` calls for a key that had already been delivered (the runtime sending twice). */
  readonly duplicateCalls: number;
  /** Whether `close` was called, and how often. */
  readonly closed: number;
}

/**
 * Creates a recording channel.
 *
 * @example
 * ```ts
 * const channel = createRecordingChannel({ failPermanently: (m) => m.to.email === 'bad@example.com' });
 * const collector = createCollector({ storage, channels: [channel], policy });
 * await collector.tick({ now });
 * expect(channel.deliveries('inv_1:due-date-notice:1')).toBe(1);
 * ```
 */
export function createRecordingChannel(options: RecordingChannelOptions = {}): RecordingChannel {
  const delivered: OutboundMessage[] = [];
  const calls: OutboundMessage[] = [];
  const attempts = new Map<string, number>();
  const deliveries = new Map<string, number>();
  const ids = new Map<string, string>();
  let duplicateCalls = 0;
  let closed = 0;
  const idempotent = options.idempotent ?? 'adapter';

  const channel: RecordingChannel = {
    name: options.name ?? 'recording',
    kinds: options.kinds ?? ['email', 'sms', 'voice', 'letter', 'webhook'],
    capabilities: {
      idempotent,
      concurrency: options.concurrency ?? 4,
    },
    get delivered() {
      return delivered;
    },
    get calls() {
      return calls;
    },
    get duplicateCalls() {
      return duplicateCalls;
    },
    get closed() {
      return closed;
    },
    attempts: (key) => attempts.get(key) ?? 0,
    deliveries: (key) => deliveries.get(key) ?? 0,
    deliveredUnder: (key) => [...new Set(delivered.filter((m) => m.key === key || m.memberKeys?.includes(key) === true).map((m) => m.key))],
    async send(message: OutboundMessage): Promise<SendResult> {
      calls.push(message);
      const attempt = (attempts.get(message.key) ?? 0) + 1;
      attempts.set(message.key, attempt);
      const already = ids.get(message.key);
      if (already !== undefined) {
        duplicateCalls++;
        if (idempotent === 'adapter') return { status: 'sent', providerMessageId: already };
      }
      if (options.failPermanently?.(message) === true)
        return { status: 'failed', permanent: true, error: `recipient rejected by ${channel.name}` };
      if (options.failTransiently?.(message, attempt) === true)
        return { status: 'failed', permanent: false, error: `${channel.name} temporarily unavailable` };
      const id = `${channel.name}-${delivered.length + 1}`;
      delivered.push(message);
      // Like a channel keeping a delivery log: a consolidated message answers for its members too.
      for (const key of [message.key, ...(message.memberKeys ?? [])]) {
        deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
        if (!ids.has(key)) ids.set(key, id);
      }
      if (options.hangAfterDelivery?.(message) === true) return new Promise<SendResult>(() => {});
      return { status: 'sent', providerMessageId: id };
    },
    async close() {
      closed++;
    },
  };
  if (options.lookup !== false) {
    channel.lookup = async (key: string): Promise<SendResult | undefined> => {
      const id = ids.get(key);
      return id === undefined ? undefined : { status: 'sent', providerMessageId: id };
    };
  }
  return channel;
}
