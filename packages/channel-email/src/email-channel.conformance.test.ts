import { simpleParser } from 'mailparser';
import { runChannelConformance } from '@dueflow/testing/conformance';
import { startSmtp } from '../test/smtp.js';
import { createEmailChannel } from './email-channel.js';
import { messageIdFor } from './message-id.js';

runChannelConformance({
  name: 'email (smtp)',
  create: async () => {
    const smtp = await startSmtp();
    const channel = createEmailChannel({
      transport: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, auth: { user: 'ar', pass: 'smtp-pa55word' } },
      from: 'ar@acme.example',
      domain: 'mail.acme.example',
    });
    return {
      channel,
      recipient: () => ({ customerId: 'c1', contactId: 'k1', email: 'ap@globex.example' }),
      failingRecipient: () => ({ customerId: 'c1', contactId: 'k2', email: 'reject@globex.example' }),
      delivered: async (key) => {
        const ids = await Promise.all(smtp.received.map(async (raw) => (await simpleParser(raw)).messageId));
        return ids.filter((id) => id === messageIdFor(key, 'mail.acme.example')).length;
      },
      cleanup: () => smtp.close(),
    };
  },
});
