export * from './errors.js';
export * from './date-format.js';
export * from './amount.js';
export * from './mapping.js';
export * from './presets.js';
export * from './detect-mapping.js';
export { readCsvBatches, readCsvRecords, sniffDelimiter, type CsvInput, type CsvRecord, type ReadCsvOptions } from './csv-records.js';
export { compileMapping, missingColumns, noonUtc, type CompiledMapping, type CompileMappingOptions, type FieldProblem, type MappedRow } from './row-mapper.js';
export * from './health.js';
export * from './drift.js';
export * from './import-state.js';
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
export { openCsv, type CsvReadOptions, type OpenedCsv } from './open-csv.js';
export * from './csv-source.js';
export * from './import-csv.js';
