import { runChannelConformance } from '@dueflow/testing/conformance';
import { bodyOf, listen } from '../test/server.js';
import { createMemoryReplayStore } from './replay-store.js';
import { verifyWebhook } from './verify-webhook.js';
import { createWebhookChannel } from './webhook-channel.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

runChannelConformance({
  name: 'webhook',
  create: async () => {
    // A receiver built as the docs recommend: verify, drop replayed ids with 200, refuse gone contacts with 410.
    const processed = new Map<string, number>();
    const replayStore = createMemoryReplayStore();
    const server = await listen(async (req, res) => {
      const rawBody = await bodyOf(req);
      try {
        const { id, payload } = await verifyWebhook({ secret, headers: req.headers, rawBody, now: Date.now(), replayStore });
        const contact = (payload as { recipient?: { contactId?: string } }).recipient?.contactId;
        if (contact === 'gone') {
          await replayStore.forget(`standard-webhooks:${id}`);
          res.writeHead(410).end();
          return;
        }
        processed.set(id, (processed.get(id) ?? 0) + 1);
        res.writeHead(200).end();
      } catch (error) {
        res.writeHead((error as { reason?: string }).reason === 'replay' ? 200 : 401).end();
      }
    });
    const channel = createWebhookChannel({ url: `${server.url}/hooks/dueflow`, secret, sleep: async () => undefined });
    return {
      channel,
      recipient: () => ({ customerId: 'c1', contactId: 'k1' }),
      failingRecipient: () => ({ customerId: 'c1', contactId: 'gone' }),
      delivered: async (key) => processed.get(key) ?? 0,
      cleanup: () => server.close(),
    };
  },
});
