/**
 * Versioned schema migrations. Each runs in its own transaction under a transaction-scoped
 * advisory lock, so two processes migrating at once apply each version exactly once.
 *
 * @module
 */
import type { SqlDriver } from './driver.js';
import { toNumber } from './driver.js';

/** One schema version. `sql` receives the quoted schema name. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: (schema: string) => string;
}

/** What {@link PostgresStorage.migrate} did. */
export interface MigrateResult {
  /** Versions applied by this call (empty when the schema was up to date). */
  readonly applied: readonly number[];
  /** The schema's version afterwards. */
  readonly version: number;
}

/**
 * Every table carries `tenant_id` as the first column of its primary key and of every index,
 * so each query touches one tenant's slice. Ids use the "C" collation so that listing order
 * matches JavaScript string order. Times are epoch milliseconds (`bigint`).
 */
const initial = (s: string): string => `
CREATE TABLE ${s}.customers (
  tenant_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  name text NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE ${s}.contacts (
  tenant_id text COLLATE "C" NOT NULL,
  customer_id text COLLATE "C" NOT NULL,
  contact_id text COLLATE "C" NOT NULL,
  email_lower text,
  phone text,
  PRIMARY KEY (tenant_id, customer_id, contact_id)
);
CREATE INDEX contacts_email ON ${s}.contacts (tenant_id, email_lower) WHERE email_lower IS NOT NULL;
CREATE INDEX contacts_phone ON ${s}.contacts (tenant_id, phone) WHERE phone IS NOT NULL;

CREATE TABLE ${s}.invoices (
  tenant_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  customer_id text COLLATE "C" NOT NULL,
  number text NOT NULL,
  status text NOT NULL,
  issue_date date NOT NULL,
  due_date date NOT NULL,
  total_amount bigint NOT NULL,
  currency text NOT NULL,
  doc jsonb NOT NULL,
  next_check_at bigint,
  last_kind text,
  last_reason text,
  last_at bigint,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX invoices_due ON ${s}.invoices (tenant_id, next_check_at, id) WHERE next_check_at IS NOT NULL;
CREATE INDEX invoices_customer ON ${s}.invoices (tenant_id, customer_id);

CREATE TABLE ${s}.payments (
  tenant_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  customer_id text COLLATE "C" NOT NULL,
  status text NOT NULL,
  amount bigint NOT NULL,
  currency text NOT NULL,
  at bigint NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX payments_customer ON ${s}.payments (tenant_id, customer_id);

CREATE TABLE ${s}.payment_allocations (
  tenant_id text COLLATE "C" NOT NULL,
  invoice_id text COLLATE "C" NOT NULL,
  payment_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (tenant_id, invoice_id, payment_id)
);
CREATE INDEX payment_allocations_payment ON ${s}.payment_allocations (tenant_id, payment_id);

CREATE TABLE ${s}.credit_notes (
  tenant_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  invoice_id text COLLATE "C" NOT NULL,
  amount bigint NOT NULL,
  currency text NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX credit_notes_invoice ON ${s}.credit_notes (tenant_id, invoice_id);

CREATE TABLE ${s}.promises (
  tenant_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  invoice_id text COLLATE "C" NOT NULL,
  status text NOT NULL,
  promised_date date NOT NULL,
  made_at bigint NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX promises_invoice ON ${s}.promises (tenant_id, invoice_id);

CREATE TABLE ${s}.plans (
  tenant_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  customer_id text COLLATE "C" NOT NULL,
  status text NOT NULL,
  created_at bigint NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE ${s}.plan_invoices (
  tenant_id text COLLATE "C" NOT NULL,
  invoice_id text COLLATE "C" NOT NULL,
  plan_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (tenant_id, invoice_id, plan_id)
);
CREATE INDEX plan_invoices_plan ON ${s}.plan_invoices (tenant_id, plan_id);

CREATE TABLE ${s}.activities (
  tenant_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  type text NOT NULL,
  at bigint NOT NULL,
  customer_id text COLLATE "C" NOT NULL,
  invoice_id text COLLATE "C",
  idempotency_key text,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX activities_invoice ON ${s}.activities (tenant_id, invoice_id, at) WHERE invoice_id IS NOT NULL;
CREATE INDEX activities_customer ON ${s}.activities (tenant_id, customer_id, at);
CREATE INDEX activities_status ON ${s}.activities (tenant_id, customer_id) WHERE type = 'status';

CREATE FUNCTION ${s}.reject_timeline_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'the activity timeline is append-only: % on %.activities is not allowed', TG_OP, TG_TABLE_SCHEMA
    USING ERRCODE = 'restrict_violation';
END
$fn$;
CREATE TRIGGER activities_append_only BEFORE UPDATE OR DELETE ON ${s}.activities
  FOR EACH ROW EXECUTE FUNCTION ${s}.reject_timeline_change();
CREATE TRIGGER activities_no_truncate BEFORE TRUNCATE ON ${s}.activities
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.reject_timeline_change();

CREATE TABLE ${s}.outbox (
  tenant_id text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  invoice_id text COLLATE "C" NOT NULL,
  customer_id text COLLATE "C" NOT NULL,
  decision jsonb NOT NULL,
  status text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  not_before bigint NOT NULL,
  not_after bigint NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  last_error text,
  provider_message_id text,
  review jsonb,
  token bigint NOT NULL DEFAULT 0,
  lease_until bigint,
  worker_id text,
  CONSTRAINT outbox_key_unique PRIMARY KEY (tenant_id, key)
);
CREATE INDEX outbox_ready ON ${s}.outbox (tenant_id, status, not_before);
CREATE INDEX outbox_invoice ON ${s}.outbox (tenant_id, invoice_id);
CREATE INDEX outbox_provider_message ON ${s}.outbox (tenant_id, provider_message_id) WHERE provider_message_id IS NOT NULL;
CREATE SEQUENCE ${s}.outbox_token_seq AS bigint;
`;

/**
 * The durable idempotency state of channels and webhook receivers (see the `DeliveryLog` and
 * `ReplayStore` ports). Not tenant-scoped by column: delivery keys already carry their tenant
 * (`deliveryKey(tenantId, key)`), and one channel serves every tenant. `log` and `store` name
 * the channel (or receiver) owning the rows, so a key moved from one channel to another is not
 * taken for sent by the second.
 */
const idempotencyState = (s: string): string => `
CREATE TABLE ${s}.delivery_log (
  log text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  message_key text COLLATE "C" NOT NULL,
  provider_id text COLLATE "C" NOT NULL,
  at bigint NOT NULL,
  CONSTRAINT delivery_log_key_unique PRIMARY KEY (log, key)
);
CREATE INDEX delivery_log_provider ON ${s}.delivery_log (log, provider_id);

CREATE TABLE ${s}.replay_ids (
  store text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  expires_at bigint NOT NULL,
  PRIMARY KEY (store, id)
);
CREATE INDEX replay_ids_expiry ON ${s}.replay_ids (store, expires_at);
`;

/**
 * The key of the message each outbox entry was last attempted in (`OutboxEntry.messageKey`), so
 * a consolidated entry is retried under that key and never in another composition.
 */
const outboxMessageKey = (s: string): string => `
ALTER TABLE ${s}.outbox ADD COLUMN message_key text COLLATE "C";
CREATE INDEX outbox_message ON ${s}.outbox (tenant_id, message_key) WHERE message_key IS NOT NULL;
`;

/**
 * Every migration, in order. Never edit a released one: append a new version.
 *
 * @example
 * ```ts
 * MIGRATIONS.at(-1)?.version; // the latest schema version
 * ```
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: initial },
  { version: 2, name: 'delivery log and replay ids', sql: idempotencyState },
  { version: 3, name: 'outbox message key', sql: outboxMessageKey },
];

/**
 * The quoted schema name (the factories only accept plain lower-case identifiers).
 *
 * @example
 * ```ts
 * quoteSchema('dueflow'); // '"dueflow"'
 * ```
 */
export function quoteSchema(schema: string): string {
  return `"${schema}"`;
}

/**
 * Brings `schema` up to the latest version. Each pending migration runs in its own transaction
 * holding `pg_advisory_xact_lock` on a key derived from the schema name; a process that waited
 * for the lock sees the version already recorded and skips it.
 *
 * @example
 * ```ts
 * const { applied, version } = await migrate(driver, 'dueflow');
 * ```
 */
export async function migrate(driver: SqlDriver, schema: string, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrateResult> {
  const s = quoteSchema(schema);
  const applied: number[] = [];
  let version = 0;
  for (const migration of migrations) {
    const done = await driver.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dueflow:migrate:${schema}`]);
      await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await tx.query(
        `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const found = await tx.query(`SELECT 1 FROM ${s}.schema_migrations WHERE version = $1`, [migration.version]);
      if (found.rowCount > 0) return false;
      for (const statement of splitStatements(migration.sql(s))) await tx.query(statement);
      await tx.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.version);
    version = migration.version;
  }
  if (migrations.length === 0) {
    const row = await driver.query(`SELECT coalesce(max(version), 0) AS v FROM ${s}.schema_migrations`);
    version = toNumber(row.rows[0]?.['v'] ?? 0);
  }
  return { applied, version };
}

/** Splits a migration on `;` at line ends, keeping dollar-quoted function bodies whole. */
function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = '';
  let inBody = false;
  for (const line of sql.split('\n')) {
    if ((line.match(/\$fn\$/g)?.length ?? 0) % 2 === 1) inBody = !inBody;
    current += `${line}\n`;
    if (!inBody && line.trimEnd().endsWith(';')) {
      out.push(current.trim());
      current = '';
    }
  }
  if (current.trim() !== '') out.push(current.trim());
  return out;
}
