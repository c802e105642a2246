import { runChannelConformance } from '@dueflow/testing/conformance';
import { ACCOUNT_SID, AUTH_TOKEN, INVALID_NUMBER, startFakeTwilio } from '../test/twilio-server.js';
import { createTwilioChannel } from './twilio-channel.js';

runChannelConformance({
  name: 'twilio',
  create: async () => {
    const twilio = await startFakeTwilio();
    const channel = createTwilioChannel({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      from: '+14155550123',
      baseUrl: twilio.url,
      statusCallbackUrl: 'https://api.example.com/hooks/twilio',
    });
    return {
      channel,
      recipient: () => ({ customerId: 'c1', contactId: 'k1', phone: '+14155550100' }),
      failingRecipient: () => ({ customerId: 'c1', contactId: 'k2', phone: INVALID_NUMBER }),
      // Accepted requests only: Twilio refuses an invalid number before delivering anything.
      delivered: async (key) =>
        twilio.requests.filter(
          (r) =>
            r.params.get('To') !== INVALID_NUMBER && new URL(r.params.get('StatusCallback') ?? 'http://x').searchParams.get('key') === key,
        ).length,
      cleanup: () => twilio.close(),
    };
  },
});
