export { twilioSignature, isValidTwilioSignature, type FormParams } from './signature.js';
export {
  twilioEvents,
  twilioDeliveryId,
  isPermanentTwilioError,
  STOP_KEYWORDS,
  START_KEYWORDS,
  HELP_KEYWORDS,
  type CallbackContext,
} from './callbacks.js';
export { callTwiml, dialTwiml, hangupTwiml, type CallScript } from './twiml.js';
