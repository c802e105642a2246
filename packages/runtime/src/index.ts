export type * from './render.js';
export * from './errors.js';
export * from './memory/index.js';
export {
  createCollector,
  plainRenderer,
  deliveryKey,
  parseDeliveryKey,
  InboundEventSchema,
  type Collector,
  type CollectorEvents,
  type CollectorOptions,
  type DispatchOptions,
  type BackoffOptions,
  type OperationInput,
  type AddCreditNoteInput,
  type CreatePlanInput,
  type MakePromiseInput,
  type ProposeDiscountInput,
  type PendingApproval,
  type PendingItem,
  type PendingOffer,
  type PendingPlan,
  type RecordResult,
  type TickSummary,
  type InboundEvent,
} from './collector/index.js';
export { assembleSnapshot, summarizeCustomer, type SnapshotRows, type CustomerHistory } from './snapshot/index.js';
export * from './templates/index.js';
export { createFileChannel, createConsoleChannel, type FileChannelOptions, type ConsoleChannelOptions } from './channels/index.js';
export { timelineToJson, timelineToMarkdown, TIMELINE_SCHEMA_VERSION, type TimelineJsonOptions, type TimelineMarkdownOptions } from './timeline/index.js';
export {
  importSource,
  importRecords,
  SourceIssuesError,
  type ImportSourceOptions,
  type ImportRecordsOptions,
  type SourceImportReport,
} from './ingest/index.js';
