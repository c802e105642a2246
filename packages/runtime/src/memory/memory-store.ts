/**
 * The backing store of the in-memory storage: plain maps per tenant. Several
 * `createMemoryStorage` instances with different tenant ids may share one store, which is how
 * tenant isolation is tested without a database.
 *
 * @module
 */
import type { Activity, CreditNote, Customer, InstallmentPlan, Invoice, Payment, PromiseToPay, TimelineSummary } from '@dueflow/core';
import type { InvoiceSchedule, OutboxEntry } from '../ports/storage.js';

/** An outbox row as stored: the entry plus its lease. */
export interface MemoryOutboxRow {
  entry: OutboxEntry;
  /** Current fencing token; 0 before the first claim. */
  token: number;
  leaseUntil?: number;
  workerId?: string;
}

/** Raw rows of one tenant. Read them in tests to check writes behind the adapter's back. */
export interface MemoryTables {
  readonly customers: Map<string, Customer>;
  readonly invoices: Map<string, Invoice>;
  readonly payments: Map<string, Payment>;
  readonly credits: Map<string, CreditNote>;
  readonly promises: Map<string, PromiseToPay>;
  readonly plans: Map<string, InstallmentPlan>;
  /** The timeline in insertion order. */
  readonly activities: Activity[];
  readonly activityIds: Set<string>;
  readonly schedules: Map<string, InvoiceSchedule>;
  readonly outbox: Map<string, MemoryOutboxRow>;
  /** Index: invoice ids per customer id. */
  readonly invoicesByCustomer: Map<string, Set<string>>;
  /** Index: the timeline per customer id, in insertion order. */
  readonly activitiesByCustomer: Map<string, Activity[]>;
  /** Index: each invoice's timeline summary, extended on every append (see `extendSummary`). */
  readonly summaries: Map<string, TimelineSummary>;
  /** Index: keys of `pending` outbox entries. */
  readonly pendingKeys: Set<string>;
  /** Last fencing token handed out. */
  tokenSeq: number;
}

/** A backing store shared by memory storages. */
export interface MemoryStore {
  /** Tables per tenant id, created on first use. */
  readonly tenants: Map<string, MemoryTables>;
  /** The tables of one tenant, created empty when missing. */
  tables(tenantId: string): MemoryTables;
}

/**
 * Creates an empty backing store.
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * const a = createMemoryStorage({ tenantId: 'acme', store });
 * const b = createMemoryStorage({ tenantId: 'globex', store }); // never sees acme's rows
 * ```
 */
export function createMemoryStore(): MemoryStore {
  const tenants = new Map<string, MemoryTables>();
  return {
    tenants,
    tables(tenantId: string): MemoryTables {
      let found = tenants.get(tenantId);
      if (found === undefined) {
        found = {
          customers: new Map(),
          invoices: new Map(),
          payments: new Map(),
          credits: new Map(),
          promises: new Map(),
          plans: new Map(),
          activities: [],
          activityIds: new Set(),
          schedules: new Map(),
          outbox: new Map(),
          invoicesByCustomer: new Map(),
          activitiesByCustomer: new Map(),
          summaries: new Map(),
          pendingKeys: new Set(),
          tokenSeq: 0,
        };
        tenants.set(tenantId, found);
      }
      return found;
    },
  };
}
