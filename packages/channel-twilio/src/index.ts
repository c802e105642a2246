export { createTwilioChannel, type TwilioChannel, type TwilioChannelOptions, type TwilioVoiceOptions } from './twilio-channel.js';
export { twilioSignature, isValidTwilioSignature, type FormParams } from './signature.js';
export { twilioEvents, twilioDeliveryId, isPermanentTwilioError, STOP_KEYWORDS, START_KEYWORDS, HELP_KEYWORDS, type CallbackContext } from './callbacks.js';
export { callTwiml, dialTwiml, hangupTwiml, escapeXml, type CallScript } from './twiml.js';
export { isE164, redactPhonesIn } from './e164.js';
