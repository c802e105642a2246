/**
 * The storage itself: one set of SQL statements over the {@link SqlDriver} interface, shared by
 * the node-postgres and PGlite factories.
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
  type Activity,
  type CreditNote,
  type Customer,
  type Decision,
  type InstallmentPlan,
  type Invoice,
  type Payment,
  type PromiseToPay,
  type Snapshot,
} from '@dueflow/core';
import type {
  CustomerQuery,
  DecideDueResult,
  DecideOutput,
  DispatchResult,
  InvoiceQuery,
  InvoiceSchedule,
  OutboxClaim,
  OutboxEntry,
  OutboxQuery,
  OutboxStatus,
  SnapshotOptions,
  Storage,
  StorageCapabilities,
  TimelineQuery,
  ModelChanges,
} from '@dueflow/runtime/ports';
import type { SqlDriver, SqlExecutor } from './driver.js';
import { toNumber } from './driver.js';
import { migrate, quoteSchema, type MigrateResult } from './migrations.js';
import {
  chunks,
  decodeNextCheck,
  encodeNextCheck,
  IMMEDIATE,
  instant,
  lastById,
  OUTBOX_COLUMNS,
  outboxEntryFromRow,
  nonNegativeInt,
} from './rows.js';
import { loadSnapshots, type InvoiceRow } from './snapshot-loader.js';

/** What {@link PostgresStorage.importInvoices} did. */
export interface ImportResult {
  /** Invoices read from the source. */
  readonly read: number;
  /** Invoices inserted or changed (unchanged rows are not rewritten). */
  readonly written: number;
  /** Transactions committed (one per batch). */
  readonly batches: number;
}

/** Options of {@link PostgresStorage.importInvoices}. */
export interface ImportOptions {
  /**
   * Invoices per transaction.
   * @default 5000
   */
  readonly batchSize?: number;
  /**
   * Validate every invoice with `InvoiceSchema` first. Turn off only for rows that were
   * validated already (for example, exported from another Dueflow store).
   * @default true
   */
  readonly validate?: boolean;
}

/** The storage port plus what a PostgreSQL store adds: explicit migrations and a bulk import path. */
export interface PostgresStorage extends Storage {
  /** The PostgreSQL schema holding the tables. */
  readonly schema: string;
  /** Applies pending migrations (also run by `init`). Safe when several processes call it at once. */
  migrate(): Promise<MigrateResult>;
  /**
   * Streams invoices in, one transaction per batch, with the same upsert semantics as
   * `commit({ invoices })` (new or changed invoices are due at once). Unlike `commit`, the import
   * as a whole is not atomic: each committed batch stays when a later one fails.
   */
  importInvoices(source: Iterable<Invoice> | AsyncIterable<Invoice>, options?: ImportOptions): Promise<ImportResult>;
}

/** Settings shared by both factories, already checked. */
export interface SqlStorageSettings {
  readonly tenantId: string;
  readonly schema: string;
  readonly batchSize: number;
  readonly capabilities: StorageCapabilities;
  /** Closes what the factory opened itself (never an injected client). */
  readonly onClose?: () => Promise<void>;
}

type Schema = Parameters<typeof parseWith>[0];

function validateAll<S extends Schema>(schema: S, subject: string, items: readonly unknown[]): ReturnType<typeof parseWith<S>>[] {
  return items.map((item, i) => parseWith(schema, `${subject}[${i}]`, item));
}

function ids(values: readonly string[], field: string): string[] {
  for (const [i, v] of values.entries()) {
    if (typeof v !== 'string' || v === '')
      throw new DueflowError('VALIDATION', `${field}[${i}]: expected a non-empty id, got ${JSON.stringify(v)}`);
  }
  return [...new Set(values)];
}

function activityRows(activities: readonly Activity[]): string {
  // [at, doc] pairs: the instant is parsed once here, so every store orders by the same number.
  return JSON.stringify(activities.map((a) => [Date.parse(a.at), a]));
}

/**
 * Creates the storage over any {@link SqlDriver}. The public factories
 * (`createPostgresStorage`, `createPgliteStorage`) build the driver and call this.
 *
 * @example
 * ```ts
 * const storage = createSqlStorage(createPgDriver(pool), { tenantId: 'acme', schema: 'dueflow', batchSize: 1000, capabilities });
 * ```
 */
export function createSqlStorage(driver: SqlDriver, settings: SqlStorageSettings): PostgresStorage {
  const { tenantId, batchSize } = settings;
  const s = quoteSchema(settings.schema);
  let ready: Promise<void> | undefined;

  const sql = {
    upsertCustomers: `
      INSERT INTO ${s}.customers AS t (tenant_id, id, name, doc)
      SELECT $1, d->>'id', d->>'name', d FROM jsonb_array_elements($2::text::jsonb) AS d
      ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, doc = excluded.doc
      WHERE t.doc IS DISTINCT FROM excluded.doc
      RETURNING id`,
    deleteContacts: `DELETE FROM ${s}.contacts WHERE tenant_id = $1 AND customer_id = ANY($2::text[])`,
    insertContacts: `
      INSERT INTO ${s}.contacts (tenant_id, customer_id, contact_id, email_lower, phone)
      SELECT $1, d->>'id', c->>'id', lower(c->>'email'), c->>'phone'
        FROM jsonb_array_elements($2::text::jsonb) AS d, jsonb_array_elements(d->'contacts') AS c
       WHERE d->>'id' = ANY($3::text[])
      ON CONFLICT DO NOTHING`,
    upsertInvoices: `
      INSERT INTO ${s}.invoices AS t (tenant_id, id, customer_id, number, status, issue_date, due_date, total_amount, currency, doc, next_check_at)
      SELECT $1, d->>'id', d->>'customerId', d->>'number', d->>'status', (d->>'issueDate')::date, (d->>'dueDate')::date,
             (d->'total'->>'amount')::bigint, d->'total'->>'currency', d, $3::bigint
        FROM jsonb_array_elements($2::text::jsonb) AS d
      ON CONFLICT (tenant_id, id) DO UPDATE SET
        customer_id = excluded.customer_id, number = excluded.number, status = excluded.status,
        issue_date = excluded.issue_date, due_date = excluded.due_date, total_amount = excluded.total_amount,
        currency = excluded.currency, doc = excluded.doc, next_check_at = excluded.next_check_at
      WHERE t.doc IS DISTINCT FROM excluded.doc
      RETURNING id`,
    touch: `UPDATE ${s}.invoices SET next_check_at = ${IMMEDIATE} WHERE tenant_id = $1 AND id = ANY($2::text[])`,
    upsertPayments: `
      INSERT INTO ${s}.payments AS t (tenant_id, id, customer_id, status, amount, currency, at, doc)
      SELECT $1, e->1->>'id', e->1->>'customerId', e->1->>'status', (e->1->'amount'->>'amount')::bigint, e->1->'amount'->>'currency', (e->>0)::bigint, e->1
        FROM jsonb_array_elements($2::text::jsonb) AS e
      ON CONFLICT (tenant_id, id) DO UPDATE SET customer_id = excluded.customer_id, status = excluded.status, amount = excluded.amount,
        currency = excluded.currency, at = excluded.at, doc = excluded.doc
      WHERE t.doc IS DISTINCT FROM excluded.doc
      RETURNING id`,
    deleteAllocations: `DELETE FROM ${s}.payment_allocations WHERE tenant_id = $1 AND payment_id = ANY($2::text[]) RETURNING invoice_id`,
    insertAllocations: `
      INSERT INTO ${s}.payment_allocations (tenant_id, invoice_id, payment_id)
      SELECT $1, a->>'invoiceId', e->1->>'id'
        FROM jsonb_array_elements($2::text::jsonb) AS e, jsonb_array_elements(e->1->'allocations') AS a
       WHERE e->1->>'id' = ANY($3::text[])
      ON CONFLICT DO NOTHING
      RETURNING invoice_id`,
    upsertCredits: `
      WITH old AS (SELECT invoice_id FROM ${s}.credit_notes WHERE tenant_id = $1 AND id IN (SELECT d->>'id' FROM jsonb_array_elements($2::text::jsonb) AS d)),
      up AS (
        INSERT INTO ${s}.credit_notes AS t (tenant_id, id, invoice_id, amount, currency, doc)
        SELECT $1, d->>'id', d->>'invoiceId', (d->'amount'->>'amount')::bigint, d->'amount'->>'currency', d
          FROM jsonb_array_elements($2::text::jsonb) AS d
        ON CONFLICT (tenant_id, id) DO UPDATE SET invoice_id = excluded.invoice_id, amount = excluded.amount, currency = excluded.currency, doc = excluded.doc
        WHERE t.doc IS DISTINCT FROM excluded.doc
        RETURNING invoice_id)
      SELECT invoice_id FROM up UNION SELECT invoice_id FROM old`,
    upsertPromises: `
      WITH old AS (SELECT invoice_id FROM ${s}.promises WHERE tenant_id = $1 AND id IN (SELECT e->1->>'id' FROM jsonb_array_elements($2::text::jsonb) AS e)),
      up AS (
        INSERT INTO ${s}.promises AS t (tenant_id, id, invoice_id, status, promised_date, made_at, doc)
        SELECT $1, e->1->>'id', e->1->>'invoiceId', e->1->>'status', (e->1->>'date')::date, (e->>0)::bigint, e->1
          FROM jsonb_array_elements($2::text::jsonb) AS e
        ON CONFLICT (tenant_id, id) DO UPDATE SET invoice_id = excluded.invoice_id, status = excluded.status,
          promised_date = excluded.promised_date, made_at = excluded.made_at, doc = excluded.doc
        WHERE t.doc IS DISTINCT FROM excluded.doc
        RETURNING invoice_id)
      SELECT invoice_id FROM up UNION SELECT invoice_id FROM old`,
    upsertPlans: `
      INSERT INTO ${s}.plans AS t (tenant_id, id, customer_id, status, created_at, doc)
      SELECT $1, e->1->>'id', e->1->>'customerId', e->1->>'status', (e->>0)::bigint, e->1
        FROM jsonb_array_elements($2::text::jsonb) AS e
      ON CONFLICT (tenant_id, id) DO UPDATE SET customer_id = excluded.customer_id, status = excluded.status,
        created_at = excluded.created_at, doc = excluded.doc
      WHERE t.doc IS DISTINCT FROM excluded.doc
      RETURNING id`,
    deletePlanLinks: `DELETE FROM ${s}.plan_invoices WHERE tenant_id = $1 AND plan_id = ANY($2::text[]) RETURNING invoice_id`,
    insertPlanLinks: `
      INSERT INTO ${s}.plan_invoices (tenant_id, invoice_id, plan_id)
      SELECT $1, i, e->1->>'id'
        FROM jsonb_array_elements($2::text::jsonb) AS e, jsonb_array_elements_text(e->1->'invoiceIds') AS i
       WHERE e->1->>'id' = ANY($3::text[])
      ON CONFLICT DO NOTHING
      RETURNING invoice_id`,
    insertActivities: `
      INSERT INTO ${s}.activities (tenant_id, id, type, at, customer_id, invoice_id, idempotency_key, doc)
      SELECT $1, e->1->>'id', e->1->>'type', (e->>0)::bigint, e->1->>'customerId', e->1->>'invoiceId', e->1->>'idempotencyKey', e->1
        FROM jsonb_array_elements($2::text::jsonb) WITH ORDINALITY AS x(e, n)
       ORDER BY n
      ON CONFLICT (tenant_id, id) DO NOTHING`,
    claimDue: `
      SELECT i.id, i.customer_id, i.doc FROM ${s}.invoices AS i
       WHERE i.tenant_id = $1 AND i.next_check_at IS NOT NULL AND i.next_check_at <= $2
         -- A scalar subquery, not EXISTS: the planner cannot turn it into a join, so the plan stays
         -- an ordered scan of invoices_due that stops after LIMIT rows (EXISTS became a full sort at 1M).
         AND (SELECT true FROM ${s}.customers AS c WHERE c.tenant_id = i.tenant_id AND c.id = i.customer_id LIMIT 1)
       ORDER BY i.next_check_at, i.id
       LIMIT $3
         FOR UPDATE OF i SKIP LOCKED`,
    claimOutbox: `
      WITH c AS (
        SELECT o.key FROM ${s}.outbox AS o
         WHERE o.tenant_id = $1 AND o.status = 'pending' AND o.not_before <= $2 AND (o.lease_until IS NULL OR o.lease_until <= $2)
           -- An entry whose invoice or customer vanished cannot be rendered: it stays for inspection.
           AND (SELECT true FROM ${s}.invoices AS i JOIN ${s}.customers AS c ON c.tenant_id = i.tenant_id AND c.id = i.customer_id
                 WHERE i.tenant_id = o.tenant_id AND i.id = o.invoice_id LIMIT 1)
         ORDER BY o.not_before, o.key
         LIMIT $3
           FOR UPDATE OF o SKIP LOCKED),
      -- The other members of a message an entry was attempted in come along (whatever their
      -- not_before), so the message is sent again whole, never in parts under one key.
      mates AS (
        SELECT o.key FROM ${s}.outbox AS o
         WHERE o.tenant_id = $1 AND o.status = 'pending' AND (o.lease_until IS NULL OR o.lease_until <= $2)
           AND o.message_key IN (SELECT x.message_key FROM ${s}.outbox AS x WHERE x.tenant_id = $1 AND x.key IN (SELECT key FROM c) AND x.message_key IS NOT NULL)
           AND o.key NOT IN (SELECT key FROM c)
           AND (SELECT true FROM ${s}.invoices AS i JOIN ${s}.customers AS c ON c.tenant_id = i.tenant_id AND c.id = i.customer_id
                 WHERE i.tenant_id = o.tenant_id AND i.id = o.invoice_id LIMIT 1)
           FOR UPDATE OF o SKIP LOCKED),
      picked AS (SELECT key FROM c UNION ALL SELECT key FROM mates)
      UPDATE ${s}.outbox AS o
         SET token = nextval('${s}.outbox_token_seq'), lease_until = $4::bigint, worker_id = $5, attempts = o.attempts + 1, updated_at = $2
        FROM picked
       WHERE o.tenant_id = $1 AND o.key = picked.key
      RETURNING ${OUTBOX_COLUMNS.split(', ')
        .map((c) => `o.${c}`)
        .join(', ')}`,
    // One statement: the fenced update and its activities commit together or not at all.
    completeOutbox: `
      WITH done AS (
        UPDATE ${s}.outbox
           SET status = $4, last_error = coalesce($5, last_error), provider_message_id = coalesce($6, provider_message_id),
               not_before = coalesce($7::bigint, not_before), lease_until = NULL, worker_id = NULL, updated_at = $8
         WHERE tenant_id = $1 AND key = $2 AND token = $3 AND status = 'pending' AND lease_until IS NOT NULL
        RETURNING key),
      timeline AS (
        INSERT INTO ${s}.activities (tenant_id, id, type, at, customer_id, invoice_id, idempotency_key, doc)
        SELECT $1, e->1->>'id', e->1->>'type', (e->>0)::bigint, e->1->>'customerId', e->1->>'invoiceId', e->1->>'idempotencyKey', e->1
          FROM jsonb_array_elements($9::text::jsonb) WITH ORDINALITY AS x(e, n)
         WHERE EXISTS (SELECT 1 FROM done)
         ORDER BY n
        ON CONFLICT (tenant_id, id) DO NOTHING)
      SELECT key FROM done`,
    reviewOutbox: `
      WITH done AS (
        UPDATE ${s}.outbox
           SET status = $3, review = $4::text::jsonb, updated_at = $5
         WHERE tenant_id = $1 AND key = $2 AND status = 'awaiting-approval'
        RETURNING key),
      timeline AS (
        INSERT INTO ${s}.activities (tenant_id, id, type, at, customer_id, invoice_id, idempotency_key, doc)
        SELECT $1, e->1->>'id', e->1->>'type', (e->>0)::bigint, e->1->>'customerId', e->1->>'invoiceId', e->1->>'idempotencyKey', e->1
          FROM jsonb_array_elements($6::text::jsonb) WITH ORDINALITY AS x(e, n)
         WHERE EXISTS (SELECT 1 FROM done)
         ORDER BY n
        ON CONFLICT (tenant_id, id) DO NOTHING)
      SELECT key FROM done`,
    // One statement for everything a decideDue batch writes.
    writeDecisions: `
      WITH entries AS (
        INSERT INTO ${s}.outbox (tenant_id, key, invoice_id, customer_id, decision, status, attempts, not_before, not_after, created_at, updated_at)
        SELECT $1, e->>'key', e->>'invoiceId', e->>'customerId', e->'decision', e->>'status', 0, (e->>'notBefore')::bigint, (e->>'notAfter')::bigint, $3, $3
          FROM jsonb_array_elements($2::text::jsonb) AS e
        ON CONFLICT (tenant_id, key) DO NOTHING
        RETURNING key),
      timeline AS (
        INSERT INTO ${s}.activities (tenant_id, id, type, at, customer_id, invoice_id, idempotency_key, doc)
        SELECT $1, e->1->>'id', e->1->>'type', (e->>0)::bigint, e->1->>'customerId', e->1->>'invoiceId', e->1->>'idempotencyKey', e->1
          FROM jsonb_array_elements($4::text::jsonb) WITH ORDINALITY AS x(e, n)
         ORDER BY n
        ON CONFLICT (tenant_id, id) DO NOTHING),
      schedules AS (
        UPDATE ${s}.invoices AS t
           SET next_check_at = (e->>1)::bigint, last_kind = e->>2, last_reason = e->>3, last_at = $3
          FROM jsonb_array_elements($5::text::jsonb) AS e
         WHERE t.tenant_id = $1 AND t.id = e->>0)
      SELECT count(*)::int AS enqueued FROM entries`,
  };

  async function insertActivities(tx: SqlExecutor, activities: readonly Activity[]): Promise<void> {
    for (const part of chunks(activities, batchSize)) await tx.query(sql.insertActivities, [tenantId, activityRows(part)]);
  }

  async function touch(tx: SqlExecutor, invoiceIds: Iterable<string>): Promise<void> {
    const list = [...new Set(invoiceIds)];
    for (const part of chunks(list, batchSize * 10)) await tx.query(sql.touch, [tenantId, part]);
  }

  function column(rows: readonly Record<string, unknown>[], name: string): string[] {
    return rows.map((r) => r[name] as string);
  }

  async function upsertInvoiceBatch(tx: SqlExecutor, invoices: readonly Invoice[]): Promise<number> {
    let written = 0;
    for (const part of chunks(lastById(invoices), batchSize)) {
      const result = await tx.query(sql.upsertInvoices, [tenantId, JSON.stringify(part), IMMEDIATE]);
      written += result.rowCount;
    }
    return written;
  }

  function readInvoiceRows(rows: readonly Record<string, unknown>[]): InvoiceRow[] {
    return rows.map((r) => ({ id: r['id'] as string, customerId: r['customer_id'] as string, doc: r['doc'] as Invoice }));
  }

  async function writeCustomers(tx: SqlExecutor, valid: readonly Customer[]): Promise<void> {
    for (const part of chunks(valid, batchSize)) {
      const json = JSON.stringify(part);
      const changed = column((await tx.query(sql.upsertCustomers, [tenantId, json])).rows, 'id');
      if (changed.length === 0) continue;
      await tx.query(sql.deleteContacts, [tenantId, changed]);
      await tx.query(sql.insertContacts, [tenantId, json, changed]);
    }
  }

  async function writePayments(tx: SqlExecutor, valid: readonly Payment[]): Promise<void> {
    const touched: string[] = [];
    for (const part of chunks(valid, batchSize)) {
      const json = JSON.stringify(part.map((p) => [Date.parse(p.at), p]));
      const changed = column((await tx.query(sql.upsertPayments, [tenantId, json])).rows, 'id');
      if (changed.length === 0) continue;
      touched.push(...column((await tx.query(sql.deleteAllocations, [tenantId, changed])).rows, 'invoice_id'));
      touched.push(...column((await tx.query(sql.insertAllocations, [tenantId, json, changed])).rows, 'invoice_id'));
    }
    await touch(tx, touched);
  }

  async function writeCredits(tx: SqlExecutor, valid: readonly CreditNote[]): Promise<void> {
    const touched: string[] = [];
    for (const part of chunks(valid, batchSize)) {
      touched.push(...column((await tx.query(sql.upsertCredits, [tenantId, JSON.stringify(part)])).rows, 'invoice_id'));
    }
    await touch(tx, touched);
  }

  async function writePromises(tx: SqlExecutor, valid: readonly PromiseToPay[]): Promise<void> {
    const touched: string[] = [];
    for (const part of chunks(valid, batchSize)) {
      const json = JSON.stringify(part.map((p) => [Date.parse(p.madeAt), p]));
      touched.push(...column((await tx.query(sql.upsertPromises, [tenantId, json])).rows, 'invoice_id'));
    }
    await touch(tx, touched);
  }

  async function writePlans(tx: SqlExecutor, valid: readonly InstallmentPlan[]): Promise<void> {
    const touched: string[] = [];
    for (const part of chunks(valid, batchSize)) {
      const json = JSON.stringify(part.map((p) => [Date.parse(p.createdAt), p]));
      const changed = column((await tx.query(sql.upsertPlans, [tenantId, json])).rows, 'id');
      if (changed.length === 0) continue;
      touched.push(...column((await tx.query(sql.deletePlanLinks, [tenantId, changed])).rows, 'invoice_id'));
      touched.push(...column((await tx.query(sql.insertPlanLinks, [tenantId, json, changed])).rows, 'invoice_id'));
    }
    await touch(tx, touched);
  }

  const storage: PostgresStorage = {
    name: driver.kind === 'pglite' ? 'pglite' : 'postgres',
    capabilities: settings.capabilities,
    tenantId,
    schema: settings.schema,

    init() {
      ready ??= migrate(driver, settings.schema).then(
        () => undefined,
        (error: unknown) => {
          ready = undefined;
          throw error;
        },
      );
      return ready;
    },

    async close() {
      await settings.onClose?.();
    },

    migrate: () => migrate(driver, settings.schema),

    async commit(changes: ModelChanges) {
      // Validate everything first, then write it all in one transaction: all or nothing.
      const customers = lastById(validateAll(CustomerSchema, 'customers', changes.customers ?? []));
      const invoices = validateAll(InvoiceSchema, 'invoices', changes.invoices ?? []);
      const payments = lastById(validateAll(PaymentSchema, 'payments', changes.payments ?? []));
      const credits = lastById(validateAll(CreditNoteSchema, 'credits', changes.credits ?? []));
      const promises = lastById(validateAll(PromiseToPaySchema, 'promises', changes.promises ?? []));
      const plans = lastById(validateAll(InstallmentPlanSchema, 'plans', changes.plans ?? []));
      const activities = validateAll(ActivitySchema, 'activities', changes.activities ?? []);
      const touched = ids(changes.touch ?? [], 'touch');
      await driver.transaction(async (tx) => {
        if (customers.length > 0) await writeCustomers(tx, customers);
        if (invoices.length > 0) await upsertInvoiceBatch(tx, invoices);
        if (payments.length > 0) await writePayments(tx, payments);
        if (credits.length > 0) await writeCredits(tx, credits);
        if (promises.length > 0) await writePromises(tx, promises);
        if (plans.length > 0) await writePlans(tx, plans);
        if (activities.length > 0) await insertActivities(tx, activities);
        if (touched.length > 0) await touch(tx, touched);
      });
    },

    async getCustomer(id) {
      const r = await driver.query(`SELECT doc FROM ${s}.customers WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      return r.rows[0]?.['doc'] as Customer | undefined;
    },

    async getInvoice(id) {
      const r = await driver.query(`SELECT doc FROM ${s}.invoices WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      return r.rows[0]?.['doc'] as Invoice | undefined;
    },

    async listCustomers(query: CustomerQuery = {}) {
      const limit = nonNegativeInt(query.limit ?? 1000, 'limit');
      const r = await driver.query(
        `SELECT doc FROM ${s}.customers c
          WHERE c.tenant_id = $1 AND ($2::text IS NULL OR c.id > $2)
            AND ($3::text IS NULL OR EXISTS (
                  SELECT 1 FROM ${s}.contacts k WHERE k.tenant_id = c.tenant_id AND k.customer_id = c.id AND (k.email_lower = lower($3) OR k.phone = $3)))
          ORDER BY c.id LIMIT $4`,
        [tenantId, query.after ?? null, query.address === undefined ? null : query.address.trim(), limit],
      );
      return r.rows.map((row) => row['doc'] as Customer);
    },

    async listInvoices(query: InvoiceQuery = {}) {
      const limit = nonNegativeInt(query.limit ?? 1000, 'limit');
      const r = await driver.query(
        `SELECT doc FROM ${s}.invoices
          WHERE tenant_id = $1
            AND ($2::text[] IS NULL OR status = ANY($2::text[]))
            AND ($3::text IS NULL OR customer_id = $3)
            AND ($4::bigint IS NULL OR (next_check_at IS NOT NULL AND next_check_at <= $4))
            AND ($5::text IS NULL OR id > $5)
          ORDER BY id LIMIT $6`,
        [
          tenantId,
          query.status === undefined ? null : [...query.status],
          query.customerId ?? null,
          query.dueBy === undefined ? null : instant(query.dueBy, 'dueBy'),
          query.after ?? null,
          limit,
        ],
      );
      return r.rows.map((row) => row['doc'] as Invoice);
    },

    async listPayments(query = {}) {
      const r = await driver.query(
        `SELECT p.doc FROM ${s}.payments p
          WHERE p.tenant_id = $1
            AND ($2::text IS NULL OR p.customer_id = $2)
            AND ($3::text IS NULL OR EXISTS (
                  SELECT 1 FROM ${s}.payment_allocations a WHERE a.tenant_id = p.tenant_id AND a.payment_id = p.id AND a.invoice_id = $3))
          ORDER BY p.at, p.id`,
        [tenantId, query.customerId ?? null, query.invoiceId ?? null],
      );
      return r.rows.map((row) => row['doc'] as Payment);
    },

    async listActivities(query: TimelineQuery) {
      const limit = nonNegativeInt(query.limit ?? 10_000, 'limit');
      const r = await driver.query(
        `SELECT doc FROM ${s}.activities
          WHERE tenant_id = $1
            AND ($2::text IS NULL OR invoice_id = $2)
            AND ($3::text IS NULL OR customer_id = $3)
            AND ($4::bigint IS NULL OR at >= $4)
            AND ($5::text[] IS NULL OR type = ANY($5::text[]))
          ORDER BY at, seq LIMIT $6`,
        [
          tenantId,
          query.invoiceId ?? null,
          query.customerId ?? null,
          query.since === undefined ? null : instant(query.since, 'since'),
          query.types === undefined ? null : [...query.types],
          limit,
        ],
      );
      return r.rows.map((row) => row['doc'] as Activity);
    },

    async getSchedule(invoiceId): Promise<InvoiceSchedule | undefined> {
      const r = await driver.query(
        `SELECT next_check_at, last_kind, last_reason, last_at FROM ${s}.invoices WHERE tenant_id = $1 AND id = $2`,
        [tenantId, invoiceId],
      );
      const row = r.rows[0];
      if (row === undefined) return undefined;
      const kind = row['last_kind'] as Decision['kind'];
      return {
        invoiceId,
        nextCheckAt: decodeNextCheck(row['next_check_at']),
        ...(row['last_kind'] !== null && row['last_kind'] !== undefined
          ? { lastDecision: { kind, reason: row['last_reason'] as string, at: toNumber(row['last_at']) } }
          : {}),
      };
    },

    async loadSnapshot(invoiceId, options: SnapshotOptions = {}) {
      const r = await driver.query(`SELECT id, customer_id, doc FROM ${s}.invoices WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        invoiceId,
      ]);
      if (r.rows.length === 0) return undefined;
      const since = options.recentContactsSince === undefined ? undefined : instant(options.recentContactsSince, 'recentContactsSince');
      const statsAt = options.statsAsOf === undefined ? undefined : instant(options.statsAsOf, 'statsAsOf');
      const snapshots = await loadSnapshots(driver, s, tenantId, readInvoiceRows(r.rows), {
        recentContactsSince: since,
        ...(statsAt === undefined ? {} : { statsAt }),
      });
      return snapshots.get(invoiceId);
    },

    async decideDue(input, decide: (snapshot: Snapshot) => DecideOutput): Promise<DecideDueResult> {
      const now = instant(input.now, 'now');
      const limit = nonNegativeInt(input.limit, 'limit');
      const since = input.recentContactsSince === undefined ? undefined : instant(input.recentContactsSince, 'recentContactsSince');
      if (limit === 0) return { decided: 0, enqueued: 0, more: false };
      return driver.transaction(async (tx) => {
        // One extra row tells whether more is due; it stays locked only until this commit.
        const claimed = await tx.query(sql.claimDue, [tenantId, now, limit + 1]);
        const more = claimed.rows.length > limit;
        const rows = readInvoiceRows(claimed.rows.slice(0, limit));
        const snapshots = await loadSnapshots(tx, s, tenantId, rows, { recentContactsSince: since, statsAt: now });
        const outbox: unknown[] = [];
        const activities: Activity[] = [];
        const schedules: unknown[] = [];
        for (const row of rows) {
          const snapshot = snapshots.get(row.id);
          // The claim query only picks invoices whose customer exists, and the rows are locked.
          if (snapshot === undefined) continue;
          const out = decide(snapshot);
          for (const entry of out.outbox) {
            outbox.push({
              key: entry.key,
              invoiceId: row.id,
              customerId: row.customerId,
              decision: entry.decision,
              status: entry.status,
              notBefore: instant(entry.notBefore, 'outbox.notBefore'),
              notAfter: instant(entry.notAfter, 'outbox.notAfter'),
            });
          }
          activities.push(...out.activities);
          const d = out.decision;
          schedules.push([row.id, encodeNextCheck(out.nextCheckAt, 'nextCheckAt'), d.kind, d.kind === 'act' ? d.step.id : d.reason]);
        }
        const valid = validateAll(ActivitySchema, 'activities', activities);
        const r = await tx.query(sql.writeDecisions, [
          tenantId,
          JSON.stringify(outbox),
          now,
          activityRows(valid),
          JSON.stringify(schedules),
        ]);
        return { decided: snapshots.size, enqueued: toNumber(r.rows[0]?.['enqueued'] ?? 0), more };
      });
    },

    async claimOutbox(input): Promise<OutboxClaim[]> {
      const now = instant(input.now, 'now');
      const limit = nonNegativeInt(input.limit, 'limit');
      const leaseMs = nonNegativeInt(input.leaseMs, 'leaseMs');
      if (limit === 0) return [];
      return driver.transaction(async (tx) => {
        const r = await tx.query(sql.claimOutbox, [tenantId, now, limit, now + leaseMs, input.workerId]);
        if (r.rows.length === 0) return [];
        const entries = r.rows.map((row) => ({
          entry: outboxEntryFromRow(row),
          token: toNumber(row['token']),
          leaseUntil: toNumber(row['lease_until']),
        }));
        const invoiceIds = [...new Set(entries.map((e) => e.entry.invoiceId))];
        const invoices = await tx.query(`SELECT id, customer_id, doc FROM ${s}.invoices WHERE tenant_id = $1 AND id = ANY($2::text[])`, [
          tenantId,
          invoiceIds,
        ]);
        const snapshots = await loadSnapshots(tx, s, tenantId, readInvoiceRows(invoices.rows), { statsAt: now });
        const claims: OutboxClaim[] = [];
        for (const e of entries.sort((a, b) => a.entry.notBefore - b.entry.notBefore || (a.entry.key < b.entry.key ? -1 : 1))) {
          const snapshot = snapshots.get(e.entry.invoiceId);
          if (snapshot === undefined)
            throw new DueflowError(
              'NOT_FOUND',
              `outbox ${JSON.stringify(e.entry.key)}: invoice or customer ${JSON.stringify(e.entry.invoiceId)} is missing`,
            );
          claims.push({ ...e, snapshot });
        }
        return claims;
      });
    },

    async completeOutbox(input) {
      const now = instant(input.now, 'now');
      const valid = validateAll(ActivitySchema, 'activities', input.activities);
      const result: DispatchResult = input.result;
      const [status, error, providerId, notBefore] = outcomeColumns(result);
      const r = await driver.query(sql.completeOutbox, [
        tenantId,
        input.key,
        input.token,
        status,
        error,
        providerId,
        notBefore,
        now,
        activityRows(valid),
      ]);
      return r.rowCount > 0;
    },

    async noteAttempt(input) {
      const r = await driver.query(
        `UPDATE ${s}.outbox SET message_key = $4, updated_at = $5
          WHERE tenant_id = $1 AND key = $2 AND token = $3 AND status = 'pending' AND lease_until IS NOT NULL`,
        [tenantId, input.key, input.token, input.messageKey, instant(input.now, 'now')],
      );
      return r.rowCount > 0;
    },

    async listOutbox(query: OutboxQuery = {}): Promise<OutboxEntry[]> {
      const limit = nonNegativeInt(query.limit ?? 1000, 'limit');
      const r = await driver.query(
        `SELECT ${OUTBOX_COLUMNS} FROM ${s}.outbox
          WHERE tenant_id = $1 AND ($2::text[] IS NULL OR status = ANY($2::text[])) AND ($3::text IS NULL OR invoice_id = $3)
            AND ($4::text IS NULL OR provider_message_id = $4) AND ($5::text IS NULL OR key = $5)
          ORDER BY created_at, key LIMIT $6`,
        [
          tenantId,
          query.status === undefined ? null : [...query.status],
          query.invoiceId ?? null,
          query.providerMessageId ?? null,
          query.key ?? null,
          limit,
        ],
      );
      return r.rows.map(outboxEntryFromRow);
    },

    async reviewOutbox(input) {
      const now = instant(input.now, 'now');
      const valid = validateAll(ActivitySchema, 'activities', input.activities);
      const review = { by: input.by, at: now, decision: input.decision, ...(input.reason !== undefined ? { reason: input.reason } : {}) };
      const status: OutboxStatus = input.decision === 'approved' ? 'pending' : 'rejected';
      const r = await driver.query(sql.reviewOutbox, [tenantId, input.key, status, JSON.stringify(review), now, activityRows(valid)]);
      return r.rowCount > 0;
    },

    async importInvoices(source, options = {}): Promise<ImportResult> {
      const size = nonNegativeInt(options.batchSize ?? 5000, 'batchSize') || 5000;
      const validate = options.validate ?? true;
      let read = 0;
      let written = 0;
      let batches = 0;
      let batch: Invoice[] = [];
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        const rows = validate ? batch.map((inv, i) => parseWith(InvoiceSchema, `invoices[${read - batch.length + i}]`, inv)) : batch;
        batch = [];
        written += await driver.transaction((tx) => upsertInvoiceBatch(tx, rows));
        batches++;
      };
      for await (const invoice of source) {
        batch.push(invoice);
        read++;
        if (batch.length >= size) await flush();
      }
      await flush();
      return { read, written, batches };
    },
  };
  return storage;
}

function outcomeColumns(result: DispatchResult): [OutboxStatus, string | null, string | null, number | null] {
  switch (result.status) {
    case 'sent':
      return ['sent', null, result.providerMessageId ?? null, null];
    case 'failed':
      return ['failed', result.error, null, null];
    case 'retry':
      return ['pending', result.error, null, instant(result.notBefore, 'result.notBefore')];
    case 'cancelled':
      return ['cancelled', result.reason, null, null];
  }
}
