export * from './write-import.js';
export {
  importRecords,
  importSource,
  readStoredRecords,
  reconcileWithStorage,
  SourceIssuesError,
  type ImportRecordsOptions,
  type ImportSourceOptions,
  type SourceImportReport,
  type StorageReconciliation,
} from './import-source.js';
export { pullAborted, stopIfPullAborted, waitUnlessPullAborted } from './pull-abort.js';
export { clipText, mappedRecords, presentText, type SourceMapping } from './source-mapping.js';
