export { createEmailChannel, type EmailChannel, type EmailChannelOptions, type Mailbox } from './email-channel.js';
export { messageIdFor, normalizeMessageId } from './message-id.js';
export { parseDeliveryReport, type DeliveryReportOptions } from './delivery-report.js';
export { parseSesNotification, verifySnsMessage, snsStringToSign, type SesNotificationOptions, type SnsMessage } from './ses-notification.js';
export { smtpFailure, redactEmailsIn } from './smtp-failure.js';
