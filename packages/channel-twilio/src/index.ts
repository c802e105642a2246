export { createTwilioChannel, type TwilioChannel, type TwilioChannelOptions, type TwilioVoiceOptions } from './twilio-channel.js';
export { isE164 } from './e164.js';
