export { createEmailChannel, type EmailChannel, type EmailChannelOptions, type Mailbox } from './email-channel.js';
export { messageIdFor } from './message-id.js';
export { parseDeliveryReport, type DeliveryReportOptions } from './delivery-report.js';
