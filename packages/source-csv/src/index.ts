export { CsvFormatError, SchemaDriftError } from './errors.js';
export { importCsv, type ImportCsvOptions, type ImportReport, type ImportCounts, type ImportProgress } from './import-csv.js';
export { createCsvSource, type CsvSourceOptions, type CsvProgress } from './csv-source.js';
export { parseMapping, CsvMappingSchema, type CsvMapping, type CsvMappingInput, type MappedField } from './mapping.js';
export { CSV_PRESETS, ibmAccountsReceivable } from './presets.js';
export { detectMapping, HEADER_SYNONYMS, type MappingDetection } from './detect-mapping.js';
export { DATE_FORMATS, type DateFormat } from './date-format.js';
export type { CsvInput } from './csv-records.js';
export type { CsvReadOptions } from './open-csv.js';
export { DEFAULT_HEALTH_THRESHOLDS, type HealthThresholds, type HealthReport, type ColumnHealth, type BadRowExample } from './health.js';
export type { DriftReport, MissingColumn } from './drift.js';
export { createJsonFileImportStateStore, createMemoryImportStateStore, type ImportState, type ImportStateStore } from './import-state.js';
// Reconciliation and the all-or-nothing write moved to the runtime (every source uses them);
// re-exported here so code written against this package keeps working.
export {
  diffValues,
  reconcile,
  supportsAtomicImport,
  writeImport,
  type ContactConflict,
  type FieldChange,
  type FileRecords,
  type ImportBatch,
  type MissingInvoiceAction,
  type ReconcileOptions,
  type ReconcileResult,
  type RecordChange,
  type StoredRecords,
} from '@dueflow/runtime/adapters';
