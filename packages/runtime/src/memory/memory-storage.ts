/**
 * The in-memory storage: the reference implementation of the storage port, used by tests,
 * quick scripts and the conformance kit's model test. Every method runs without awaiting
 * between its reads and writes, so each is atomic; `decideDue` builds every change first and
 * applies them together, so a throwing `decide` leaves nothing written.
 *
 * @module
 */
import {
  ActivitySchema,
  CreditNoteSchema,
  CustomerSchema,
  DueflowError,
  InstallmentPlanSchema,
  InvoiceSchema,
  parseWith,
  PaymentSchema,
  PromiseToPaySchema,
  ZoneCache,
  EMPTY_SUMMARY,
  extendSummary,
} from '@dueflow/core';
import { z } from 'zod';
import type {
  Activity,
  CreditNote,
  Customer,
  CustomerStats,
  Decision,
  InstallmentPlan,
  Invoice,
  Payment,
  PromiseToPay,
  Snapshot,
} from '@dueflow/core';
import type {
  CustomerQuery,
  DecideDueResult,
  DecideOutput,
  DispatchResult,
  InvoiceQuery,
  InvoiceSchedule,
  NewOutboxEntry,
  OutboxClaim,
  OutboxEntry,
  OutboxQuery,
  SnapshotOptions,
  Storage,
  TimelineQuery,
} from '../ports/storage.js';
import { contactHasAddress } from '../ports/contact-address.js';
import { assembleSnapshot, summarizeCustomer } from '@dueflow/core';
import { createMemoryStore, type MemoryOutboxRow, type MemoryStore, type MemoryTables } from './memory-store.js';

/** Options of {@link createMemoryStorage}. */
export interface MemoryStorageOptions {
  /**
   * Tenant the instance is bound to.
   * @default 'default'
   */
  readonly tenantId?: string;
  /**
   * Backing store, to share between instances (one per tenant).
   * @default a new empty store
   */
  readonly store?: MemoryStore;
}

const ChangesSchema = z.object({
  customers: z.array(CustomerSchema).optional(),
  invoices: z.array(InvoiceSchema).optional(),
  payments: z.array(PaymentSchema).optional(),
  credits: z.array(CreditNoteSchema).optional(),
  promises: z.array(PromiseToPaySchema).optional(),
  plans: z.array(InstallmentPlanSchema).optional(),
  activities: z.array(ActivitySchema).optional(),
  touch: z.array(z.string()).optional(),
});

/** The in-memory storage, with its backing store exposed for back-door checks. */
export interface MemoryStorage extends Storage {
  /** The backing store (shared when one was passed in). */
  readonly store: MemoryStore;
}

const clone = <T>(value: T): T => structuredClone(value);

/** JSON with sorted keys: equal content gives equal text whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

function byId(a: { readonly id: string }, b: { readonly id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function decisionReason(decision: Decision): string {
  switch (decision.kind) {
    case 'act':
      return decision.step.id;
    case 'wait':
    case 'done':
      return decision.reason;
  }
}

/** Timeline order: by instant, then by insertion. */
function timelineOrder(activities: readonly Activity[]): Activity[] {
  return activities
    .map((a, i) => ({ a, i, t: Date.parse(a.at) }))
    .sort((x, y) => x.t - y.t || x.i - y.i)
    .map((x) => x.a);
}

/**
 * Creates the in-memory storage adapter. Data lives as long as the backing store.
 *
 * @example
 * ```ts
 * const storage = createMemoryStorage({ tenantId: 'acme' });
 * await storage.commit({ customers: [customer], invoices: [invoice] });
 * const collector = createCollector({ storage, channels: [], policy: compilePolicy() });
 * ```
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): MemoryStorage {
  const tenantId = options.tenantId ?? 'default';
  const store = options.store ?? createMemoryStore();
  const t: MemoryTables = store.tables(tenantId);
  const zones = new ZoneCache();

  const schedule = (invoiceId: string): void => {
    if (!t.invoices.has(invoiceId)) return;
    const current = t.schedules.get(invoiceId);
    t.schedules.set(invoiceId, { ...current, invoiceId, nextCheckAt: -Infinity });
  };

  const append = (activities: readonly Activity[]): void => {
    for (const a of activities) {
      if (t.activityIds.has(a.id)) continue;
      t.activityIds.add(a.id);
      const copy = clone(a);
      t.activities.push(copy);
      let list = t.activitiesByCustomer.get(a.customerId);
      if (list === undefined) t.activitiesByCustomer.set(a.customerId, (list = []));
      list.push(copy);
      if (copy.invoiceId !== undefined)
        t.summaries.set(copy.invoiceId, extendSummary(t.summaries.get(copy.invoiceId) ?? EMPTY_SUMMARY, [copy]));
    }
  };

  const setInvoice = (invoice: Invoice): void => {
    const before = t.invoices.get(invoice.id);
    if (before !== undefined && before.customerId !== invoice.customerId) t.invoicesByCustomer.get(before.customerId)?.delete(invoice.id);
    t.invoices.set(invoice.id, clone(invoice));
    let ids = t.invoicesByCustomer.get(invoice.customerId);
    if (ids === undefined) t.invoicesByCustomer.set(invoice.customerId, (ids = new Set()));
    ids.add(invoice.id);
  };

  const putCustomersNow = (customers: readonly Customer[]): void => {
    for (const c of customers) t.customers.set(c.id, clone(c));
  };
  const putInvoicesNow = (invoices: readonly Invoice[]): void => {
    for (const invoice of invoices) {
      const before = t.invoices.get(invoice.id);
      if (before !== undefined && canonical(before) === canonical(invoice)) continue;
      setInvoice(invoice);
      schedule(invoice.id);
    }
  };
  const putPaymentsNow = (payments: readonly Payment[]): void => {
    const touched = new Set<string>();
    for (const p of payments) {
      for (const a of t.payments.get(p.id)?.allocations ?? []) touched.add(a.invoiceId);
      for (const a of p.allocations) touched.add(a.invoiceId);
      t.payments.set(p.id, clone(p));
    }
    for (const id of touched) schedule(id);
  };
  const putCreditsNow = (credits: readonly CreditNote[]): void => {
    const touched = new Set<string>();
    for (const c of credits) {
      const before = t.credits.get(c.id);
      if (before !== undefined) touched.add(before.invoiceId);
      touched.add(c.invoiceId);
      t.credits.set(c.id, clone(c));
    }
    for (const id of touched) schedule(id);
  };
  const putPromisesNow = (promises: readonly PromiseToPay[]): void => {
    const touched = new Set<string>();
    for (const p of promises) {
      const before = t.promises.get(p.id);
      if (before !== undefined) touched.add(before.invoiceId);
      touched.add(p.invoiceId);
      t.promises.set(p.id, clone(p));
    }
    for (const id of touched) schedule(id);
  };
  const putPlansNow = (plans: readonly InstallmentPlan[]): void => {
    const touched = new Set<string>();
    for (const p of plans) {
      for (const id of t.plans.get(p.id)?.invoiceIds ?? []) touched.add(id);
      for (const id of p.invoiceIds) touched.add(id);
      t.plans.set(p.id, clone(p));
    }
    for (const id of touched) schedule(id);
  };

  const invoicesOf = (customerId: string): Invoice[] => [...(t.invoicesByCustomer.get(customerId) ?? [])].map((id) => t.invoices.get(id)!);

  const setStatus = (row: MemoryOutboxRow, entry: OutboxEntry): void => {
    row.entry = entry;
    if (entry.status === 'pending') t.pendingKeys.add(entry.key);
    else t.pendingKeys.delete(entry.key);
  };

  const stats = (customerId: string, now: number): CustomerStats => {
    const customer = t.customers.get(customerId);
    const invoices = invoicesOf(customerId);
    const ids = new Set(invoices.map((i) => i.id));
    return summarizeCustomer(
      {
        timeZone: customer?.timeZone ?? 'UTC',
        invoices,
        payments: [...t.payments.values()].filter((p) => p.customerId === customerId),
        credits: [...t.credits.values()].filter((c) => ids.has(c.invoiceId)),
        promises: [...t.promises.values()].filter((p) => ids.has(p.invoiceId)),
        activities: (t.activitiesByCustomer.get(customerId) ?? []).filter((a) => a.type === 'status'),
      },
      now,
      zones,
    );
  };

  const snapshotOf = (
    invoiceId: string,
    now: number | undefined,
    options: SnapshotOptions = {},
    statsCache?: Map<string, CustomerStats>,
  ): Snapshot | undefined => {
    const invoice = t.invoices.get(invoiceId);
    if (invoice === undefined) return undefined;
    const customerId = invoice.customerId;
    const customer = t.customers.get(customerId);
    if (customer === undefined) return undefined;
    const since = options.recentContactsSince;
    const timeline = timelineOrder(t.activitiesByCustomer.get(customerId) ?? []);
    let customerStats: CustomerStats | undefined;
    if (now !== undefined) {
      customerStats = statsCache?.get(customerId) ?? stats(customerId, now);
      statsCache?.set(customerId, customerStats);
    }
    return clone(
      assembleSnapshot(
        {
          invoice,
          customer,
          payments: [...t.payments.values()].filter(
            (p) => p.customerId === customerId || p.allocations.some((a) => a.invoiceId === invoiceId),
          ),
          credits: [...t.credits.values()].filter((c) => c.invoiceId === invoiceId),
          activities: timeline.filter((a) => a.invoiceId === invoiceId),
          promises: [...t.promises.values()].filter((p) => p.invoiceId === invoiceId),
          plans: [...t.plans.values()].filter((p) => p.invoiceIds.includes(invoiceId)),
          ...(customerStats !== undefined ? { customerStats } : {}),
          ...(t.summaries.has(invoiceId) ? { summary: t.summaries.get(invoiceId)! } : {}),
          customerActivities: since === undefined ? [] : timeline,
        },
        since,
      ),
    );
  };

  const newRow = (e: NewOutboxEntry, invoiceId: string, customerId: string, now: number): OutboxEntry => ({
    key: e.key,
    invoiceId,
    customerId,
    decision: clone(e.decision),
    status: e.status,
    attempts: 0,
    notBefore: e.notBefore,
    notAfter: e.notAfter,
    createdAt: now,
    updatedAt: now,
  });

  const storage: MemoryStorage = {
    name: 'memory',
    tenantId,
    // Every method runs without awaiting between its reads and writes, so collectors sharing
    // one instance in a process never interleave inside a method.
    capabilities: { concurrentWorkers: true },
    store,

    async init() {},
    async close() {},

    async commit(changes) {
      // Validate the whole change first (like a database's constraints would), then apply it:
      // nothing awaits between the writes, so it is applied whole or not at all.
      const checked = parseWith(ChangesSchema, 'changes', changes);
      putCustomersNow(checked.customers ?? []);
      putInvoicesNow(checked.invoices ?? []);
      putPaymentsNow(checked.payments ?? []);
      putCreditsNow(checked.credits ?? []);
      putPromisesNow(checked.promises ?? []);
      putPlansNow(checked.plans ?? []);
      append(checked.activities ?? []);
      for (const id of checked.touch ?? []) schedule(id);
    },

    async getCustomer(id) {
      const c = t.customers.get(id);
      return c === undefined ? undefined : clone(c);
    },
    async getInvoice(id) {
      const i = t.invoices.get(id);
      return i === undefined ? undefined : clone(i);
    },
    async listCustomers(query: CustomerQuery = {}) {
      const { after, address } = query;
      return [...t.customers.values()]
        .filter(
          (c) => (after === undefined || c.id > after) && (address === undefined || c.contacts.some((k) => contactHasAddress(k, address))),
        )
        .sort(byId)
        .slice(0, query.limit ?? 1000)
        .map(clone);
    },
    async listInvoices(query: InvoiceQuery = {}) {
      const { status, customerId, dueBy, after } = query;
      const out: Invoice[] = [];
      for (const invoice of t.invoices.values()) {
        if (status !== undefined && !status.includes(invoice.status)) continue;
        if (customerId !== undefined && invoice.customerId !== customerId) continue;
        if (after !== undefined && invoice.id <= after) continue;
        if (dueBy !== undefined) {
          const next = t.schedules.get(invoice.id)?.nextCheckAt;
          if (next === undefined || next === null || next > dueBy) continue;
        }
        out.push(invoice);
      }
      return out
        .sort(byId)
        .slice(0, query.limit ?? 1000)
        .map(clone);
    },
    async listPayments(query = {}) {
      const { invoiceId, customerId } = query;
      return [...t.payments.values()]
        .filter(
          (p) =>
            (customerId === undefined || p.customerId === customerId) &&
            (invoiceId === undefined || p.allocations.some((a) => a.invoiceId === invoiceId)),
        )
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || byId(a, b))
        .map(clone);
    },
    async listActivities(query: TimelineQuery) {
      const { invoiceId, customerId, since, types } = query;
      return timelineOrder(
        t.activities.filter(
          (a) =>
            (invoiceId === undefined || a.invoiceId === invoiceId) &&
            (customerId === undefined || a.customerId === customerId) &&
            (since === undefined || Date.parse(a.at) >= since) &&
            (types === undefined || types.includes(a.type)),
        ),
      )
        .slice(0, query.limit ?? 10_000)
        .map(clone);
    },
    async getSchedule(invoiceId) {
      const s = t.schedules.get(invoiceId);
      return s === undefined ? undefined : clone(s);
    },
    async loadSnapshot(invoiceId, options = {}) {
      // Statistics are "as of" an instant; without one, the snapshot carries none (storage never reads the clock).
      return snapshotOf(invoiceId, options.statsAsOf, options);
    },

    async decideDue(input, decide): Promise<DecideDueResult> {
      const due: { id: string; at: number }[] = [];
      for (const [id, s] of t.schedules) {
        if (s.nextCheckAt === null || s.nextCheckAt > input.now) continue;
        const invoice = t.invoices.get(id);
        // An invoice whose customer is unknown cannot be decided until the customer is put.
        if (invoice === undefined || !t.customers.has(invoice.customerId)) continue;
        due.push({ id, at: s.nextCheckAt });
      }
      due.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const picked = due.slice(0, Math.max(0, input.limit));
      const options = input.recentContactsSince !== undefined ? { recentContactsSince: input.recentContactsSince } : {};

      // Build everything first: a throwing decide must leave nothing written.
      const outputs: { id: string; customerId: string; output: DecideOutput }[] = [];
      const statsCache = new Map<string, CustomerStats>();
      for (const { id } of picked) {
        const snapshot = snapshotOf(id, input.now, options, statsCache)!;
        outputs.push({ id, customerId: snapshot.customer.id, output: decide(snapshot) });
      }
      let enqueued = 0;
      for (const { id, customerId, output } of outputs) {
        for (const e of output.outbox) {
          if (t.outbox.has(e.key)) continue;
          const row: MemoryOutboxRow = { entry: newRow(e, id, customerId, input.now), token: 0 };
          t.outbox.set(e.key, row);
          setStatus(row, row.entry);
          enqueued++;
        }
        append(output.activities);
        const last = { kind: output.decision.kind, reason: decisionReason(output.decision), at: input.now };
        const next: InvoiceSchedule = { invoiceId: id, nextCheckAt: output.nextCheckAt, lastDecision: last };
        t.schedules.set(id, next);
      }
      return { decided: outputs.length, enqueued, more: due.length > picked.length };
    },

    async claimOutbox(input) {
      const free = (r: MemoryOutboxRow): boolean =>
        r.entry.status === 'pending' && (r.leaseUntil === undefined || r.leaseUntil <= input.now);
      const pending = [...t.pendingKeys].map((key) => t.outbox.get(key)!);
      const ready = pending
        .filter((r) => free(r) && r.entry.notBefore <= input.now)
        .sort((a, b) => a.entry.notBefore - b.entry.notBefore || (a.entry.key < b.entry.key ? -1 : 1))
        .slice(0, Math.max(0, input.limit));
      // The other members of a message an entry was attempted in come along, so the message is
      // sent again whole, never in parts under one key.
      const messages = new Set(ready.flatMap((r) => (r.entry.messageKey === undefined ? [] : [r.entry.messageKey])));
      if (messages.size > 0) {
        const taken = new Set(ready);
        ready.push(
          ...pending.filter((r) => !taken.has(r) && free(r) && r.entry.messageKey !== undefined && messages.has(r.entry.messageKey)),
        );
      }
      const claims: OutboxClaim[] = [];
      for (const row of ready) {
        const snapshot = snapshotOf(row.entry.invoiceId, input.now);
        // The invoice vanished (or its customer): nothing can be rendered, the entry stays for inspection.
        if (snapshot === undefined) continue;
        t.tokenSeq += 1;
        row.token = t.tokenSeq;
        row.leaseUntil = input.now + input.leaseMs;
        row.workerId = input.workerId;
        row.entry = { ...row.entry, attempts: row.entry.attempts + 1, updatedAt: input.now };
        claims.push({ entry: clone(row.entry), token: row.token, leaseUntil: row.leaseUntil, snapshot });
      }
      return claims;
    },
    async completeOutbox(input) {
      const row = t.outbox.get(input.key);
      if (row === undefined || row.token !== input.token || row.entry.status !== 'pending' || row.leaseUntil === undefined) return false;
      setStatus(row, applyResult(row.entry, input.result, input.now));
      delete row.leaseUntil;
      delete row.workerId;
      append(input.activities);
      return true;
    },
    async noteAttempt(input) {
      const row = t.outbox.get(input.key);
      if (row === undefined || row.token !== input.token || row.entry.status !== 'pending' || row.leaseUntil === undefined) return false;
      row.entry = { ...row.entry, messageKey: input.messageKey, updatedAt: input.now };
      return true;
    },
    async listOutbox(query: OutboxQuery = {}) {
      const { key, status, invoiceId, providerMessageId } = query;
      const rows = key === undefined ? [...t.outbox.values()] : [t.outbox.get(key)].filter((r) => r !== undefined);
      return rows
        .map((r) => r.entry)
        .filter(
          (e) =>
            (status === undefined || status.includes(e.status)) &&
            (invoiceId === undefined || e.invoiceId === invoiceId) &&
            (providerMessageId === undefined || e.providerMessageId === providerMessageId),
        )
        .sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .slice(0, query.limit ?? 1000)
        .map(clone);
    },
    async reviewOutbox(input) {
      const row = t.outbox.get(input.key);
      if (row === undefined || row.entry.status !== 'awaiting-approval') return false;
      const review = {
        by: input.by,
        at: input.now,
        decision: input.decision,
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
      };
      setStatus(row, { ...row.entry, status: input.decision === 'approved' ? 'pending' : 'rejected', review, updatedAt: input.now });
      append(input.activities);
      return true;
    },
  };
  return storage;
}

function applyResult(entry: OutboxEntry, result: DispatchResult, now: number): OutboxEntry {
  const base = { ...entry, updatedAt: now };
  switch (result.status) {
    case 'sent':
      return {
        ...base,
        status: 'sent',
        ...(result.providerMessageId !== undefined ? { providerMessageId: result.providerMessageId } : {}),
      };
    case 'failed':
      return { ...base, status: 'failed', lastError: result.error };
    case 'retry':
      return { ...base, status: 'pending', notBefore: result.notBefore, lastError: result.error };
    case 'cancelled':
      return { ...base, status: 'cancelled', lastError: result.reason };
    default:
      throw new DueflowError(
        'INVALID_OPERATION',
        `completeOutbox: unknown result status ${JSON.stringify((result as { status?: unknown }).status)}`,
      );
  }
}
