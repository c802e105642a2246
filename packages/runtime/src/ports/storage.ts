/**
 * # The storage port: how to write a storage adapter
 *
 * A storage adapter keeps the model (customers, invoices, payments, credit notes, promises,
 * plans), the append-only timeline, each invoice's scheduling state and the outbox. The runtime
 * never touches a database directly; everything goes through this interface. It has one write
 * for the model (`commit`), reads named by what they do, the decide cycle (`decideDue`) and the
 * outbox (claim, note, complete, review, list).
 *
 * ```ts
 * import type { Storage } from '@dueflow/runtime/ports';
 *
 * export function createMyStorage(db: MyDb, tenantId: string): Storage {
 *   return {
 *     name: 'my-db', tenantId, capabilities: { concurrentWorkers: true },
 *     init: () => db.migrate(), close: async () => {},
 *     commit: (changes) => db.transaction((tx) => writeRowsThenActivitiesThenTouch(tx, tenantId, changes)),
 *     getCustomer: (id) => db.one('customers', tenantId, id),
 *     // ...the other reads, decideDue and the outbox methods, each in one transaction
 *   };
 * }
 * ```
 *
 * ## Rules every adapter follows
 *
 * `runStorageConformance` in `@dueflow/testing` checks them (including a property test that
 * `commit` of any change set is all-or-nothing); run it against the adapter in its own tests.
 *
 * 1. **One tenant per instance.** An adapter instance is bound to one tenant id at creation and
 *    never reads or writes another tenant's rows.
 * 2. **Atomic methods.** Every method either does all of its writes or none of them; `commit`
 *    validates every row first and writes the whole change set in one transaction.
 * 3. **Deciding happens inside one transaction.** {@link Storage.decideDue} selects due
 *    invoices, locks them against other workers (`FOR UPDATE SKIP LOCKED` or equivalent), builds
 *    their snapshots, calls the synchronous `decide` callback for each, and writes what it
 *    returns (outbox entries, activities, the next check time) before committing. A crash leaves
 *    nothing half-written.
 * 4. **The outbox key is unique.** Inserting an outbox entry whose `key` already exists is a
 *    no-op (never an error, never a second row). This is what makes a duplicate send impossible.
 * 5. **Dispatch is fenced.** {@link Storage.claimOutbox} hands out entries under a lease with a
 *    fencing `token` that grows on every claim. {@link Storage.completeOutbox} and
 *    {@link Storage.noteAttempt} succeed only with the current token, so a stalled worker whose
 *    lease was taken over can never complete, fail, note or record a send for that attempt.
 * 6. **The timeline is append-only.** Activities are inserted once by `id` (re-inserting the
 *    same id is a no-op) and never updated or deleted.
 * 7. **Time comes from the caller.** Adapters never read the clock for business logic: every
 *    "now" is passed in (as epoch milliseconds).
 * 8. **Declare only what is proven.** `capabilities.concurrentWorkers: true` promises that
 *    several collectors may run the cycle on the store at once (the kit then runs two at once
 *    and checks that no key is claimed twice); without it the collector refuses a second one.
 *
 * Shared domain work (snapshot assembly, customer statistics, money) lives in `@dueflow/core`;
 * adapters stay thin and only move rows. The runtime's `putCustomers`, `putInvoices`... are
 * one-line helpers over `commit`.
 *
 * @module
 */
import type {
  Activity,
  Contact,
  CreditNote,
  Customer,
  Decision,
  InstallmentPlan,
  Invoice,
  Payment,
  PromiseToPay,
  Snapshot,
} from '@dueflow/core';

/** What a storage adapter promises beyond the rules every adapter follows. */
export interface StorageCapabilities {
  /**
   * Several collectors (in this process or others) may run the cycle against the store at once:
   * `decideDue` and `claimOutbox` lock what they hand out. Without it, a collector refuses to
   * start while another one is open on the same storage instance (`ConcurrentWorkersError`).
   * The conformance kit runs two workers at once against an adapter that declares it.
   * @default false
   */
  readonly concurrentWorkers?: boolean;
}

/** Scheduling state of an invoice, as kept by storage. */
export interface InvoiceSchedule {
  readonly invoiceId: string;
  /** When the invoice must next be decided (epoch ms); `null` when only an event can change anything. */
  readonly nextCheckAt: number | null;
  /** The last decision's kind and reason, for queues and reports. */
  readonly lastDecision?: { readonly kind: Decision['kind']; readonly reason: string; readonly at: number };
}

/** Status of an outbox entry. */
export type OutboxStatus = 'awaiting-approval' | 'pending' | 'sent' | 'failed' | 'rejected' | 'cancelled';

/** An action the engine decided, waiting to be (or already) dispatched. */
export interface OutboxEntry {
  /** The decision's idempotency key; unique per tenant. */
  readonly key: string;
  readonly invoiceId: string;
  readonly customerId: string;
  /** The decision, exactly as `nextAction` returned it. */
  readonly decision: Extract<Decision, { kind: 'act' }>;
  readonly status: OutboxStatus;
  /**
   * Dispatch attempts made so far. {@link Storage.claimOutbox} increments it on every claim and
   * returns the incremented row, so a claimed entry with `attempts > 1` had an earlier attempt
   * that may have reached the provider.
   */
  readonly attempts: number;
  /** Not dispatched before this instant (epoch ms): the send window's start, or a retry's backoff. */
  readonly notBefore: number;
  /** Not dispatched at or after this instant (epoch ms): the send window's end. */
  readonly notAfter: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Last error, for failed or retried entries. */
  readonly lastError?: string;
  /** Provider's id of the sent message, once sent. */
  readonly providerMessageId?: string;
  /**
   * The key of the message this entry was last attempted in: its own key, or a consolidated
   * message's `group:` key. Written by {@link Storage.noteAttempt} before each send; an entry
   * carrying one is only ever sent again under that same key, never in another composition.
   */
  readonly messageKey?: string;
  /** Who approved or rejected, and why. */
  readonly review?: { readonly by: string; readonly at: number; readonly decision: 'approved' | 'rejected'; readonly reason?: string };
}

/** A new outbox entry, written by `decide`. */
export interface NewOutboxEntry {
  readonly key: string;
  readonly decision: Extract<Decision, { kind: 'act' }>;
  readonly status: 'awaiting-approval' | 'pending';
  readonly notBefore: number;
  readonly notAfter: number;
}

/** What the synchronous `decide` callback returns for one invoice. */
export interface DecideOutput {
  /** When to decide this invoice again (epoch ms), or `null` for "only on an event". */
  readonly nextCheckAt: number | null;
  readonly decision: Decision;
  /** Entries to add to the outbox (a key that exists already is skipped). */
  readonly outbox: readonly NewOutboxEntry[];
  /** Activities to append to the timeline. */
  readonly activities: readonly Activity[];
}

/**
 * Model changes written together by {@link Storage.commit}: rows are inserted or replaced by id
 * (new invoices, invoices whose content changed, and invoices a payment, credit note, promise or
 * plan refers to are scheduled for an immediate decision), then the activities are appended (an
 * id already present is skipped), then the `touch` invoices are scheduled at once.
 */
export interface ModelChanges {
  readonly customers?: readonly Customer[];
  readonly invoices?: readonly Invoice[];
  readonly payments?: readonly Payment[];
  readonly credits?: readonly CreditNote[];
  readonly promises?: readonly PromiseToPay[];
  readonly plans?: readonly InstallmentPlan[];
  readonly activities?: readonly Activity[];
  /** Invoices to schedule for an immediate decision, besides those the written rows touch. */
  readonly touch?: readonly string[];
}

/** Summary of one {@link Storage.decideDue} call. */
export interface DecideDueResult {
  /** Invoices decided. */
  readonly decided: number;
  /** Outbox entries actually inserted (keys that existed already are not counted). */
  readonly enqueued: number;
  /** Whether more invoices were due than `limit` allowed. */
  readonly more: boolean;
}

/** An outbox entry handed to a worker for dispatch. */
export interface OutboxClaim {
  readonly entry: OutboxEntry;
  /** Fencing token: pass it back to complete or release the entry. */
  readonly token: number;
  /** When the lease ends (epoch ms); after it, another worker may take the entry over. */
  readonly leaseUntil: number;
  /** The invoice's current snapshot, for rendering the message. */
  readonly snapshot: Snapshot;
}

/** How a dispatch attempt ended. */
export type DispatchResult =
  | { readonly status: 'sent'; readonly providerMessageId?: string }
  | { readonly status: 'failed'; readonly error: string; readonly permanent: boolean }
  | { readonly status: 'retry'; readonly error: string; readonly notBefore: number }
  | { readonly status: 'cancelled'; readonly reason: string };

/** Filter for listing invoices. */
export interface InvoiceQuery {
  readonly status?: readonly Invoice['status'][];
  readonly customerId?: string;
  /** Only invoices whose next check is at or before this instant (epoch ms). */
  readonly dueBy?: number;
  /** Resume after this invoice id (ids are listed in ascending order). */
  readonly after?: string;
  /** @default 1000 */
  readonly limit?: number;
}

/** Filter for the outbox, oldest entry first (by `createdAt`, then `key`). */
export interface OutboxQuery {
  /** Only the entry with this key. */
  readonly key?: string;
  readonly status?: readonly OutboxStatus[];
  readonly invoiceId?: string;
  /** Only the entry the provider knows by this id (routes delivery webhooks). */
  readonly providerMessageId?: string;
  /** @default 1000 */
  readonly limit?: number;
}

/** Filter for the timeline. */
export interface TimelineQuery {
  readonly invoiceId?: string;
  readonly customerId?: string;
  /** Only activities at or after this instant (epoch ms). */
  readonly since?: number;
  readonly types?: readonly Activity['type'][];
  /** @default 10000 */
  readonly limit?: number;
}

/** Filter for listing customers, in id order. */
export interface CustomerQuery {
  /** Only customers with a contact whose email (case-insensitive) or phone equals this address (trimmed), to route inbound events. */
  readonly address?: string;
  /** Resume after this customer id. */
  readonly after?: string;
  /** @default 1000 */
  readonly limit?: number;
}

/** Filter for listing payments, in time order. */
export interface PaymentQuery {
  /** Only payments allocated to this invoice. */
  readonly invoiceId?: string;
  readonly customerId?: string;
}

/** Options of snapshot loading. */
export interface SnapshotOptions {
  /** Include the customer's touches across all invoices since this instant (epoch ms), for contact caps. */
  readonly recentContactsSince?: number;
  /**
   * Include the customer's statistics (`customerStats`) computed from settled invoices as of this
   * instant (epoch ms), as `decideDue` does; segments and adaptive timing read them.
   */
  readonly statsAsOf?: number;
}

/**
 * The storage port. See the module comment for the rules every adapter follows.
 */
export interface Storage {
  /**
   * Adapter name for logs and errors, e.g. `memory` or `postgres`.
   * @default 'storage'
   */
  readonly name?: string;
  /** The tenant this instance is bound to. */
  readonly tenantId: string;
  /** What the adapter promises beyond the rules; see {@link StorageCapabilities}. */
  readonly capabilities?: StorageCapabilities;

  /** Prepares the store (migrations, indexes). Idempotent; the runtime calls it once. */
  init(): Promise<void>;
  /** Releases resources the adapter opened itself (never an injected client). */
  close(): Promise<void>;

  // -- writing the model ----------------------------------------------------------------

  /**
   * Writes every row, activity and touch of `changes` in one transaction, all or nothing (see
   * {@link ModelChanges} for the order and the scheduling it implies). Invalid rows are refused
   * with a `ValidationError` naming the field before anything is written.
   */
  commit(changes: ModelChanges): Promise<void>;

  // -- reading the model ----------------------------------------------------------------

  getCustomer(id: string): Promise<Customer | undefined>;
  getInvoice(id: string): Promise<Invoice | undefined>;
  listCustomers(query?: CustomerQuery): Promise<Customer[]>;
  listInvoices(query?: InvoiceQuery): Promise<Invoice[]>;
  listPayments(query?: PaymentQuery): Promise<Payment[]>;
  /** Reads the timeline, in time order (then insertion order). */
  listActivities(query: TimelineQuery): Promise<Activity[]>;
  getSchedule(invoiceId: string): Promise<InvoiceSchedule | undefined>;
  /** Everything `nextAction` needs for one invoice, or `undefined` when the invoice does not exist. */
  loadSnapshot(invoiceId: string, options?: SnapshotOptions): Promise<Snapshot | undefined>;

  // -- the cycle ------------------------------------------------------------------------

  /**
   * In one transaction: picks up to `limit` invoices whose next check is at or before `now`
   * (earliest next check first, then by invoice id) and that no other worker holds, builds
   * their snapshots (with the customer's statistics as of `now`), calls `decide` for each, and
   * writes the outputs. `decide` is synchronous and pure; an exception from it aborts the
   * transaction.
   */
  decideDue(
    input: { readonly now: number; readonly limit: number; readonly recentContactsSince?: number },
    decide: (snapshot: Snapshot) => DecideOutput,
  ): Promise<DecideDueResult>;

  // -- the outbox -----------------------------------------------------------------------

  /**
   * Leases up to `limit` pending entries with `notBefore <= now` that are not leased, or whose
   * earlier lease expired (`leaseUntil <= now`), to `workerId` for `leaseMs`, each with a fresh
   * fencing token, incrementing `attempts`. Entries come earliest `notBefore` first, then by key.
   * An entry that carries a `messageKey` brings every other unleased pending entry noted under
   * the same `messageKey` with it, beyond `limit` and whatever their `notBefore`, so a
   * consolidated message is retried whole, never in parts under one key.
   */
  claimOutbox(input: {
    readonly now: number;
    readonly limit: number;
    readonly workerId: string;
    readonly leaseMs: number;
  }): Promise<OutboxClaim[]>;
  /**
   * Notes, before a send, the key of the message the entry is about to be attempted in
   * (`messageKey`), only if `token` is still the entry's current token and the entry is still
   * `pending`; it is kept across retries and returned as `OutboxEntry.messageKey`. Returns
   * `false` (and writes nothing) when the lease was taken over.
   */
  noteAttempt(input: { readonly key: string; readonly token: number; readonly messageKey: string; readonly now: number }): Promise<boolean>;
  /**
   * Records how a dispatch ended, with its timeline activities, only if `token` is still the
   * entry's current token and the entry is still `pending`. Returns `false` (and writes nothing)
   * when the lease was taken over. `sent`, `failed` and `cancelled` are final; `retry` returns
   * the entry to `pending` with the given `notBefore`. Every result releases the lease.
   */
  completeOutbox(input: {
    readonly key: string;
    readonly token: number;
    readonly now: number;
    readonly result: DispatchResult;
    readonly activities: readonly Activity[];
  }): Promise<boolean>;
  /**
   * Approves (`pending`) or rejects (`rejected`) an entry awaiting approval, with its timeline
   * activity. Returns `false` when the entry is not awaiting approval.
   */
  reviewOutbox(input: {
    readonly key: string;
    readonly decision: 'approved' | 'rejected';
    readonly by: string;
    readonly reason?: string;
    readonly now: number;
    readonly activities: readonly Activity[];
  }): Promise<boolean>;
  /** Reads outbox entries (for queues, approvals, routing and reports). */
  listOutbox(query?: OutboxQuery): Promise<OutboxEntry[]>;
}
