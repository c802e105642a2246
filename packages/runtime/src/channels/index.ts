export { createFileChannel, fileNameForKey } from './file-channel.js';
export type { FileChannelOptions } from './file-channel.js';
export { createConsoleChannel, formatConsoleSummary } from './console-channel.js';
export type { ConsoleChannelOptions } from './console-channel.js';
export {
  encodeBase64Lines,
  encodeHeaderValue,
  encodeQuotedPrintable,
  formatHeader,
  formatMailbox,
  formatMailDate,
  writeMime,
} from './mime.js';
export type { MimeAttachment, MimeMessage } from './mime.js';
export { singleFlight } from './single-flight.js';
export { requestHeader, requestJson } from './inbound-request.js';
export { redactSecrets, redactUrl, redactUrlCredentials } from './redact-secrets.js';
export type { RedactSecretsOptions } from './redact-secrets.js';
export { parseAdapterOptions } from './adapter-options.js';
