export * from './reconcile.js';
export * from './write-import.js';
export { importSource, readStoredRecords, SourceIssuesError, type ImportSourceOptions, type SourceImportReport } from './import-source.js';
