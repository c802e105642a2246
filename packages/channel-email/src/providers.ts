export {
  parseSesNotification,
  verifySnsMessage,
  snsStringToSign,
  type SesNotificationOptions,
  type SnsMessage,
} from './ses-notification.js';
export { smtpFailure } from './smtp-failure.js';
