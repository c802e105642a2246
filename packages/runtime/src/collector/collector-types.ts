/**
 * Options, events and results of the collector.
 *
 * @module
 */
import type { ActDecision, Activity, CompiledPolicy, Invoice, PolicyInput, Reason, Snapshot } from '@dueflow/core';
import type { Renderer } from '../render.js';
import type { Channel } from '../ports/channel.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Storage } from '../ports/storage.js';
import type { BackoffOptions } from './backoff.js';
import type { InboundEvent } from './inbound-event.js';

/** An instant: a `Date` or epoch milliseconds. */
export type Instant = Date | number;

/** How the collector dispatches the outbox. */
export interface DispatchOptions {
  /**
   * Invoices decided, and outbox entries claimed, per storage round trip.
   * @default 100
   */
  readonly batchSize?: number;
  /**
   * How long a claimed entry is leased to this worker. Choose it longer than a send can take:
   * after it, another worker may take the entry over (and asks the channel's `lookup` first).
   * @default 60000
   */
  readonly leaseMs?: number;
  /**
   * Dispatch attempts (claims) of one entry before a transient failure becomes final.
   * @default 5
   */
  readonly maxAttempts?: number;
  /** Backoff between attempts. @default { baseMs: 30000, factor: 2, maxMs: 3600000 } */
  readonly backoff?: BackoffOptions;
  /**
   * Sends in flight at once, per channel adapter name.
   * @default the adapter's `capabilities.concurrency`, else 4
   */
  readonly concurrency?: Readonly<Record<string, number>>;
  /**
   * At most `intervalCap` sends per `intervalMs`, per channel adapter name.
   * @default the adapter's `capabilities.maxPerSecond` per second, else unlimited
   */
  readonly rateLimits?: Readonly<Record<string, { readonly intervalCap: number; readonly intervalMs: number }>>;
  /**
   * This worker's name on leases.
   * @default a random id per collector
   */
  readonly workerId?: string;
}

/** Options of `createCollector`. */
export interface CollectorOptions {
  readonly storage: Storage;
  /** Channel adapters; the first adapter declaring a kind delivers that kind. */
  readonly channels: readonly Channel[];
  /** @default plainRenderer */
  readonly renderer?: Renderer;
  /** The policy, compiled (`compilePolicy`) or as written (compiled here). */
  readonly policy: CompiledPolicy | PolicyInput;
  /** @default systemClock */
  readonly clock?: Clock;
  /** @default silentLogger */
  readonly logger?: Logger;
  /**
   * Tenant id put on messages; must match the storage's when given.
   * @default storage.tenantId
   */
  readonly tenantId?: string;
  readonly dispatch?: DispatchOptions;
  /**
   * How far back the customer's touches are loaded for contact caps.
   * @default 30
   */
  readonly recentContactsDays?: number;
}

/** What one tick did. */
export interface TickSummary {
  /** Instant the tick ran at (epoch ms). */
  readonly now: number;
  /** Invoices decided. */
  readonly decided: number;
  /** Outbox entries created (including those awaiting approval). */
  readonly enqueued: number;
  /** Entries created awaiting approval. */
  readonly awaitingApproval: number;
  /** Messages sent and internal actions completed. */
  readonly sent: number;
  /** Entries that failed for good. */
  readonly failed: number;
  /** Entries put back for a later attempt (transient failure, or outside their window). */
  readonly retried: number;
  /** Entries cancelled because the engine no longer acts on them. */
  readonly cancelled: number;
}

/** An outbox entry waiting for a person, with the engine's reasons. */
export interface PendingApproval {
  readonly key: string;
  readonly invoiceId: string;
  readonly customerId: string;
  readonly decision: ActDecision;
  readonly reasons: readonly Reason[];
  /** The reasons in words. */
  readonly explanation: string;
  readonly createdAt: number;
}

/** What `record` did with an event. */
export interface RecordResult {
  /** Whether the event could be tied to a contact, an action or a payment. */
  readonly matched: boolean;
  /** Activities written to the timeline. */
  readonly activities: readonly Activity[];
}

/** Events the collector emits (handlers run synchronously; a throwing handler is logged, never fatal). */
export type CollectorEvents = {
  'action.queued': { readonly key: string; readonly decision: ActDecision };
  'action.awaiting-approval': { readonly key: string; readonly decision: ActDecision };
  'action.approved': { readonly key: string; readonly by: string };
  'action.rejected': { readonly key: string; readonly by: string; readonly reason: string };
  'action.sent': { readonly key: string; readonly decision: ActDecision; readonly channel: string | undefined; readonly providerMessageId?: string };
  'action.failed': { readonly key: string; readonly decision: ActDecision; readonly error: string; readonly permanent: boolean; readonly willRetry: boolean };
  'action.cancelled': { readonly key: string; readonly reason: string };
  'task.created': { readonly key: string; readonly decision: ActDecision; readonly snapshot: Snapshot };
  'event.recorded': { readonly event: InboundEvent; readonly result: RecordResult };
  'tick.finished': TickSummary;
};

/** Who performed an operation, and when. */
export interface OperationInput {
  /** Person or system performing the operation. */
  readonly by: string;
  /** @default clock.now() */
  readonly at?: Instant;
}

/**
 * The collection cycle. See the `collector` module comment. Promises to pay and payment plans
 * will join the operations (`collector.promises`, `collector.plans`) once the core models their
 * transitions; storage already keeps them and snapshots carry them.
 */
export interface Collector {
  /** Decides every due invoice, then dispatches the ready outbox entries. */
  tick(input?: { readonly now?: Instant }): Promise<TickSummary>;
  /** Records an inbound event (payment, delivery, bounce, reply, STOP/START, call). */
  record(event: InboundEvent): Promise<RecordResult>;
  /** Records the events a channel adapter's `parseWebhook` returned. */
  recordChannelEvents(events: readonly InboundEvent[]): Promise<RecordResult[]>;
  /** Entries awaiting approval, oldest first. */
  pending(input?: { readonly limit?: number }): Promise<PendingApproval[]>;
  /** Approves an entry awaiting approval; `false` when it is not awaiting approval. */
  approve(key: string, by: string, input?: { readonly at?: Instant }): Promise<boolean>;
  /** Rejects an entry awaiting approval; `false` when it is not awaiting approval. */
  reject(key: string, by: string, reason: string, input?: { readonly at?: Instant }): Promise<boolean>;
  /** Pauses collection (optionally until a local date), with a `paused` status activity. */
  pause(invoiceId: string, input: OperationInput & { readonly reason: string; readonly until?: string }): Promise<Invoice>;
  /** Lifts a pause, with a `resumed` status activity. */
  resume(invoiceId: string, input: OperationInput & { readonly reason?: string }): Promise<Invoice>;
  /** Opens a dispute: collection of the invoice is frozen until it is resolved. */
  openDispute(invoiceId: string, input: OperationInput & { readonly reason: string }): Promise<Invoice>;
  /** Resolves the open dispute; collection resumes. */
  resolveDispute(invoiceId: string, input: OperationInput & { readonly reason?: string }): Promise<Invoice>;
  /** Voids an open or draft invoice. */
  voidInvoice(invoiceId: string, input: OperationInput & { readonly reason?: string }): Promise<Invoice>;
  /** Writes off an open invoice. */
  writeOff(invoiceId: string, input: OperationInput & { readonly reason?: string }): Promise<Invoice>;
  /** Marks an open invoice paid outside the platform (method and reference go on the timeline). */
  markPaid(invoiceId: string, input: OperationInput & { readonly method: string; readonly reference?: string }): Promise<Invoice>;
  /** Assigns one of the policy's ladders to the invoice. */
  assignLadder(invoiceId: string, input: OperationInput & { readonly ladderId: string }): Promise<Invoice>;
  /** Adds a note to the invoice's timeline. */
  addNote(invoiceId: string, input: OperationInput & { readonly text: string; readonly source?: 'agent' | 'crm' | 'support-ticket' | 'import' }): Promise<Activity>;
  /** Records a call made or taken by a person; the invoice is re-decided (contact caps, commitments). */
  recordCall(
    invoiceId: string,
    input: OperationInput & {
      readonly outcome: 'reached' | 'no-answer' | 'voicemail' | 'wrong-number' | 'refused';
      readonly direction?: 'outbound' | 'inbound';
      readonly contactId?: string;
      readonly durationSeconds?: number;
      readonly notes?: string;
      readonly commitments?: string;
    },
  ): Promise<Activity>;
  /** Subscribes to an event. */
  on<K extends keyof CollectorEvents>(type: K, handler: (event: CollectorEvents[K]) => void): void;
  /** Unsubscribes a handler. */
  off<K extends keyof CollectorEvents>(type: K, handler: (event: CollectorEvents[K]) => void): void;
  /** Closes the storage and the channels, once. */
  close(): Promise<void>;
  /** The compiled policy in use. */
  readonly policy: CompiledPolicy;
  /** The storage, guarded (failures are `AdapterError`s). */
  readonly storage: Storage;
}
