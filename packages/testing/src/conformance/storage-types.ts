/**
 * Types shared by the conformance kits.
 *
 * @module
 */
import type { DecideOutput, Storage } from '@dueflow/runtime/ports';

export type { ActDecision, Activity, CreditNote, Customer, Invoice, Payment } from '@dueflow/core';

/** What a `decide` callback returns. */
export type DecideOutputLike = DecideOutput;

/**
 * Raw reads of what an adapter stored, bypassing the adapter's own read methods. The adapter's
 * test implements it with direct queries (for PostgreSQL: `SELECT` on its tables), so the kit
 * can tell a write that happened from a read that merely agrees with it.
 */
export interface StorageBackdoor {
  /** Keys of every outbox row of the adapter's tenant. */
  outboxKeys(): Promise<string[]>;
  /** Status and attempts of one outbox row, as stored. */
  outboxRow(key: string): Promise<{ readonly status: string; readonly attempts: number } | undefined>;
  /** Ids of every activity of the adapter's tenant. */
  activityIds(): Promise<string[]>;
  /** One invoice row, as stored. */
  invoiceRow(id: string): Promise<{ readonly id: string; readonly customerId: string; readonly status: string } | undefined>;
  /** Ids of every customer of the adapter's tenant. */
  customerIds(): Promise<string[]>;
  /** Ids of every payment of the adapter's tenant. */
  paymentIds(): Promise<string[]>;
  /** The stored next check of an invoice (`null` when only an event can wake it, `undefined` when there is no row). */
  nextCheckAt(invoiceId: string): Promise<number | null | undefined>;
}

/** A fresh adapter for one test, with its back door and its cleanup. */
export interface StorageFixture {
  readonly storage: Storage;
  readonly backdoor: StorageBackdoor;
  /** Drops what the fixture created (schemas, files, pools it opened). */
  cleanup(): Promise<void>;
  /** A second instance bound to another tenant, on the same backing store (for isolation tests). */
  withTenant(tenantId: string): Promise<{ readonly storage: Storage; readonly backdoor: StorageBackdoor }>;
}

/** Options of `runStorageConformance`. */
export interface StorageConformanceOptions {
  /** Adapter name, shown in test titles. */
  readonly name: string;
  /** Creates a fresh, empty adapter (bound to `tenantId` when given) for one test. */
  create(tenantId?: string): Promise<StorageFixture>;
  /**
   * Runs of the model test (random command sequences compared with the in-memory reference).
   * @default 25
   */
  readonly modelRuns?: number;
  /**
   * Runs of the property test that `commit` of any change set is all or nothing.
   * @default 25
   */
  readonly commitRuns?: number;
}
