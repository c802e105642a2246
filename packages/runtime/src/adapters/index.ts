export {
  parseAdapterOptions,
  singleFlight,
  requestHeader,
  requestJson,
  redactSecrets,
  redactUrl,
  redactUrlCredentials,
  type RedactSecretsOptions,
} from '../channels/index.js';
export { backoffDelay, decideInvoice } from '../collector/index.js';
export {
  readStoredRecords,
  reconcileWithStorage,
  writeImport,
  pullAborted,
  stopIfPullAborted,
  waitUnlessPullAborted,
  mappedRecords,
  presentText,
  clipText,
  type SourceMapping,
  type StorageReconciliation,
} from '../ingest/index.js';
