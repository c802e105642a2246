/**
 * Options, events and results of the collector.
 *
 * @module
 */
import type {
  ActDecision,
  Activity,
  ChannelKind,
  CompiledPolicy,
  CreditNote,
  Customer,
  DiscountOffer,
  ContactPatch,
  EditContactInput,
  InstantLike,
  InstallmentPlan,
  Invoice,
  PolicyInput,
  PromiseToPay,
  Reason,
  Snapshot,
} from '@dueflow/core';
import type { Renderer } from '../ports/renderer.js';
import type { Channel } from '../ports/channel.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Storage } from '../ports/storage.js';
import type { BackoffOptions } from './backoff.js';
import type { InboundEvent } from './inbound-event.js';

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
  /**
   * Turns each decision into the message sent (the `Renderer` port). Pass
   * `createTemplateRenderer()` from `@dueflow/templates` for the default templates (every step
   * of the default ladder, in English, French and German, with your overrides) or a renderer of
   * your own. Without one, every message is `plainRenderer`'s short plain-text summary (the
   * step, the invoice, the amount and the due date), so the runtime needs no template engine.
   * @default plainRenderer
   */
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
  readonly kind: 'action';
  readonly key: string;
  readonly invoiceId: string;
  readonly customerId: string;
  readonly decision: ActDecision;
  readonly reasons: readonly Reason[];
  /** The reasons in words. */
  readonly explanation: string;
  readonly createdAt: number;
}

/** A discount offer waiting for a person. Its key is `offer:<offerId>`. */
export interface PendingOffer {
  readonly kind: 'offer';
  readonly key: string;
  readonly invoiceId: string;
  readonly customerId: string;
  readonly offer: DiscountOffer;
  /** Always empty: offers come from people, not from the engine. */
  readonly reasons: readonly Reason[];
  readonly explanation: string;
  readonly createdAt: number;
}

/** A proposed installment plan waiting for a person. Its key is `plan:<planId>`. */
export interface PendingPlan {
  readonly kind: 'plan';
  readonly key: string;
  /** The plan's first invoice. */
  readonly invoiceId: string;
  readonly customerId: string;
  readonly plan: InstallmentPlan;
  /** Always empty: plans come from people, not from the engine. */
  readonly reasons: readonly Reason[];
  readonly explanation: string;
  readonly createdAt: number;
}

/** Everything waiting for a person, one list typed by `kind`. */
export type PendingItem = PendingApproval | PendingOffer | PendingPlan;

/** Input of `collector.makePromise`. */
export interface MakePromiseInput extends OperationInput {
  /** Local date (`YYYY-MM-DD`, the customer's zone) by which the customer promised to pay. */
  readonly date: string;
  /**
   * Promised amount, in minor units of the invoice's currency.
   * @default the outstanding balance
   */
  readonly amount?: number;
  /** How the promise was taken. */
  readonly channel?: ChannelKind | 'call' | 'portal' | 'in-person';
  /** A condition the customer attached ("if the 5% discount is approved"). */
  readonly condition?: string;
  /**
   * Promise id.
   * @default `promise-<invoiceId>-<epoch ms>`
   */
  readonly id?: string;
}

/** Input of `collector.createPlan`: an equal split (`count`) or a custom `schedule`. */
export interface CreatePlanInput extends OperationInput {
  /** Invoices covered, all of one customer and one currency; the first speaks for the plan. */
  readonly invoiceIds: readonly string[];
  readonly frequency: 'weekly' | 'fortnightly' | 'monthly';
  /** Number of installments of an equal split. */
  readonly count?: number;
  /** Installments instead of an equal split; must sum to the total exactly. */
  readonly schedule?: readonly { readonly dueDate: string; readonly amount: number }[];
  /** Due date of the first installment (`YYYY-MM-DD`). */
  readonly firstDueDate: string;
  /**
   * Total to repay in minor units.
   * @default the sum outstanding on the invoices
   */
  readonly total?: number;
  /** Smallest acceptable repayment per week, in minor units. */
  readonly minimumWeekly?: number;
  /** Missed installments after which the plan defaults. @default 2 */
  readonly maxMissed?: number;
  /** Days after a due date before an installment counts as missed. @default 3 */
  readonly graceDays?: number;
  /**
   * `proposed` waits for `approvePlan` (listed by `pending()`); `active` starts at once.
   * @default 'active'
   */
  readonly status?: 'active' | 'proposed';
  /**
   * Plan id.
   * @default `plan-<first invoiceId>-<epoch ms>`
   */
  readonly id?: string;
}

/** Input of `collector.proposeDiscount`: a percentage (`basisPoints`, 500 = 5%) or an `amount`. */
export type ProposeDiscountInput = OperationInput & {
  /** Local date by which the discounted amount must be paid. */
  readonly deadline: string;
  /**
   * Offer id.
   * @default `offer-<invoiceId>-<epoch ms>`
   */
  readonly id?: string;
} & ({ readonly basisPoints: number; readonly amount?: undefined } | { readonly amount: number; readonly basisPoints?: undefined });

/** Input of `collector.addCreditNote`. */
export interface AddCreditNoteInput extends OperationInput {
  /** Credit in minor units of the invoice's currency. */
  readonly amount: number;
  readonly reason?: string;
  /**
   * Credit note id.
   * @default `credit-<invoiceId>-<epoch ms>`
   */
  readonly id?: string;
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
  'action.sent': {
    readonly key: string;
    readonly decision: ActDecision;
    readonly channel: string | undefined;
    readonly providerMessageId?: string;
  };
  'action.failed': {
    readonly key: string;
    readonly decision: ActDecision;
    readonly error: string;
    readonly permanent: boolean;
    readonly willRetry: boolean;
  };
  'action.cancelled': { readonly key: string; readonly reason: string };
  'task.created': { readonly key: string; readonly decision: ActDecision; readonly snapshot: Snapshot };
  'event.recorded': { readonly event: InboundEvent; readonly result: RecordResult };
  'tick.finished': TickSummary;
  'promise.made': { readonly promise: PromiseToPay; readonly by: string };
  'promise.kept': { readonly promise: PromiseToPay };
  /** A promise broken, or only partly kept (see `promise.status`). */
  'promise.broken': { readonly promise: PromiseToPay };
  'promise.cancelled': { readonly promise: PromiseToPay; readonly by: string };
  'plan.proposed': { readonly plan: InstallmentPlan; readonly by: string };
  'plan.created': { readonly plan: InstallmentPlan; readonly by: string };
  'plan.completed': { readonly plan: InstallmentPlan };
  'plan.defaulted': { readonly plan: InstallmentPlan };
  'plan.cancelled': { readonly plan: InstallmentPlan; readonly by: string; readonly reason: string };
  'offer.proposed': { readonly offer: DiscountOffer; readonly by: string };
  'offer.approved': { readonly offer: DiscountOffer; readonly credit: CreditNote; readonly by: string };
  'offer.rejected': { readonly offer: DiscountOffer; readonly by: string; readonly reason: string };
  'offer.expired': { readonly offer: DiscountOffer };
};

/** Who performed an operation, and when: every operation that records a person's act takes `by` here. */
export interface OperationInput {
  /** Person or system performing the operation, recorded on the timeline. */
  readonly by: string;
  /** @default clock.now() */
  readonly at?: InstantLike;
}

/** The collection cycle. See the `collector` module comment. */
export interface Collector {
  /** Decides every due invoice, then dispatches the ready outbox entries. */
  tick(input?: { readonly now?: InstantLike }): Promise<TickSummary>;
  /** Records an inbound event (payment, delivery, bounce, reply, STOP/START, call). */
  record(event: InboundEvent): Promise<RecordResult>;
  /** Records the events a channel adapter's `parseWebhook` returned. */
  recordChannelEvents(events: readonly InboundEvent[]): Promise<RecordResult[]>;
  /** Everything awaiting a person, oldest first: outbox entries, discount offers and proposed plans. */
  pending(input?: { readonly limit?: number }): Promise<PendingItem[]>;
  /**
   * Approves an item of `pending()` by its key (an outbox entry, `offer:<id>` or `plan:<id>`);
   * `false` when it is not awaiting approval.
   */
  approve(key: string, input: OperationInput): Promise<boolean>;
  /** Rejects an item of `pending()` by its key, with the reason on the timeline; `false` when it is not awaiting approval. */
  reject(key: string, input: OperationInput & { readonly reason: string }): Promise<boolean>;
  /** Records a promise to pay: the ladder waits until the date (plus grace), with a reminder before it. A pending promise on the invoice is cancelled. */
  makePromise(invoiceId: string, input: MakePromiseInput): Promise<PromiseToPay>;
  /** Cancels the invoice's pending promise; the ladder resumes. */
  cancelPromise(invoiceId: string, input: OperationInput): Promise<PromiseToPay>;
  /** Creates an installment plan (`active`, or `proposed` awaiting `approvePlan`): only installment reminders go out while it runs. */
  createPlan(input: CreatePlanInput): Promise<InstallmentPlan>;
  /** Activates a proposed plan. */
  approvePlan(planId: string, input: OperationInput): Promise<InstallmentPlan>;
  /** Cancels an active or proposed plan (rejecting a proposal); the ladder resumes. */
  cancelPlan(planId: string, input: OperationInput & { readonly reason: string }): Promise<InstallmentPlan>;
  /** Proposes an early-payment discount; it waits in `pending()` for a person. */
  proposeDiscount(invoiceId: string, input: ProposeDiscountInput): Promise<DiscountOffer>;
  /** Approves a proposed discount: a credit note lowers the balance until the deadline. */
  approveOffer(offerId: string, input: OperationInput): Promise<DiscountOffer>;
  /** Rejects a proposed discount, with the reason on the timeline. */
  rejectOffer(offerId: string, input: OperationInput & { readonly reason: string }): Promise<DiscountOffer>;
  /** The invoice's discount offers, oldest first, with their current status. */
  offers(invoiceId: string): Promise<DiscountOffer[]>;
  /** Records a credit note against an invoice. */
  addCreditNote(invoiceId: string, input: AddCreditNoteInput): Promise<CreditNote>;
  /** Edits a contact (phone numbers normalised to E.164); the customer's open invoices are decided again. */
  editContact(
    customerId: string,
    contactId: string,
    patch: ContactPatch,
    input: OperationInput & { readonly defaultCountry?: EditContactInput['defaultCountry'] },
  ): Promise<Customer>;
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
  addNote(
    invoiceId: string,
    input: OperationInput & { readonly text: string; readonly source?: 'agent' | 'crm' | 'support-ticket' | 'import' },
  ): Promise<Activity>;
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
