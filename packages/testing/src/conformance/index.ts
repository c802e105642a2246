export { runStorageConformance } from './storage-conformance.js';
export type { StorageBackdoor, StorageConformanceOptions, StorageFixture } from './storage-types.js';
export { enqueueingDecide } from './storage-fixtures.js';
export { runChannelConformance, type ChannelConformanceOptions, type ChannelFixture } from './channel-conformance.js';
export { createRecordingChannel, type RecordingChannel, type RecordingChannelOptions } from './recording-channel.js';
export { sampleDecision, captureLogger } from './channel-fixtures.js';
export {
  expectSourceMapping,
  runSourceConformance,
  sourceRecordProblems,
  type SourceConformanceOptions,
  type SourceFixture,
} from './source-conformance.js';
export { runIdempotencyConformance, type IdempotencyConformanceOptions, type IdempotencyFixture } from './idempotency-conformance.js';
