export { createFileChannel, fileNameForKey } from './file-channel.js';
export type { FileChannelOptions } from './file-channel.js';
export { createConsoleChannel, formatConsoleSummary } from './console-channel.js';
export type { ConsoleChannelOptions } from './console-channel.js';
export { encodeBase64Lines, encodeHeaderValue, encodeQuotedPrintable, formatHeader, formatMailbox, formatMailDate, writeMime } from './mime.js';
export type { MimeAttachment, MimeMessage } from './mime.js';
export { addressOf } from './message-address.js';
export { singleFlight } from './single-flight.js';
export { requestHeader, requestJson } from './inbound-request.js';
