/**
 * Options shared by both factories, checked once at creation.
 *
 * @module
 */
import { ValidationError, type ValidationIssue } from '@dueflow/core';

/** Options common to {@link createPostgresStorage} and {@link createPgliteStorage}. */
export interface CommonStorageOptions {
  /**
   * The tenant this instance reads and writes; every row carries it.
   * @default 'default'
   */
  readonly tenantId?: string;
  /**
   * PostgreSQL schema holding the tables (created by the first migration). A plain lower-case
   * identifier.
   * @default 'dueflow'
   */
  readonly schema?: string;
  /**
   * Rows per multi-row statement in bulk writes.
   * @default 1000
   */
  readonly batchSize?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Checks the common options, applying defaults; throws a `ValidationError` naming each bad field.
 *
 * @example
 * ```ts
 * const { tenantId, schema, batchSize } = resolveCommonOptions('postgres storage options', options);
 * ```
 */
export function resolveCommonOptions(
  subject: string,
  options: CommonStorageOptions,
): { tenantId: string; schema: string; batchSize: number } {
  const tenantId = options.tenantId ?? 'default';
  const schema = options.schema ?? 'dueflow';
  const batchSize = options.batchSize ?? 1000;
  const issues: ValidationIssue[] = [];
  if (typeof tenantId !== 'string' || tenantId.length === 0 || tenantId.length > 200) {
    issues.push({ path: ['tenantId'], field: 'tenantId', message: 'expected a string of 1 to 200 characters', value: tenantId });
  }
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema)) {
    issues.push({ path: ['schema'], field: 'schema', message: 'expected a lower-case identifier such as dueflow', value: schema });
  }
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    issues.push({ path: ['batchSize'], field: 'batchSize', message: 'expected an integer from 1 to 100000', value: batchSize });
  }
  if (issues.length > 0) throw new ValidationError(subject, issues);
  return { tenantId, schema, batchSize };
}
