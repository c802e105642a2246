import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelEvent } from '@dueflow/runtime/ports';
import { manualClock } from '@dueflow/runtime/ports';
import { listen, bodyOf, type LocalServer } from '../test/server.js';
import { captureLogger } from '../test/fixtures.js';
import { signWebhook } from './signature.js';
import { createWebhookChannel } from './webhook-channel.js';
import { createWebhookHandler, type WebhookRequest } from './webhook-handler.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const start = Date.parse('2025-03-12T09:00:00Z');
const channel = createWebhookChannel({ url: 'https://crm.example.com/hooks', secret });

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function setup(onEvents: (events: ChannelEvent[], provider: string) => Promise<void>, expressLike = false) {
  const logger = captureLogger();
  const handler = createWebhookHandler({ channels: { webhook: channel }, onEvents, clock: manualClock(start), logger });
  return {
    logger,
    start: async () => {
      server = await listen(async (req, res) => {
        if (expressLike) {
          // What express.raw() and a `/hooks/:provider` route leave on the request.
          const r = req as WebhookRequest;
          r.body = await bodyOf(req);
          r.params = { provider: (req.url ?? '').split('/')[2] ?? '' };
        }
        await handler(req, res);
      });
      return server.url;
    },
  };
}

function post(url: string, body: string, headers: Record<string, string>) {
  return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

const body = JSON.stringify({ type: 'dueflow.delivery', key: 'k1', status: 'delivered' });
const good = signWebhook({ secret, id: 'cb_1', timestamp: start / 1000, body });

describe('createWebhookHandler', () => {
  for (const expressLike of [false, true]) {
    it(`verifies, parses and hands events over (${expressLike ? 'express.raw body' : 'plain node:http'})`, async () => {
      const seen: [ChannelEvent[], string][] = [];
      const url = await setup(async (events, provider) => void seen.push([events, provider]), expressLike).start();
      const response = await post(`${url}/hooks/webhook`, body, good);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: 1 });
      expect(seen).toEqual([
        [
          [{ type: 'delivered', channel: 'webhook', at: start, deliveryId: 'standard-webhooks:cb_1', key: 'k1', providerMessageId: 'k1' }],
          'webhook',
        ],
      ]);
    });
  }

  it('answers 401 on a bad signature or stale timestamp, 400 on a malformed body', async () => {
    const seen: ChannelEvent[][] = [];
    const url = await setup(async (events) => void seen.push(events)).start();
    expect((await post(`${url}/hooks/webhook`, body, { ...good, 'webhook-signature': 'v1,AAAA' })).status).toBe(401);
    const stale = signWebhook({ secret, id: 'cb_2', timestamp: start / 1000 - 301, body });
    expect((await post(`${url}/hooks/webhook`, body, stale)).status).toBe(401);
    const junk = '{"type":"dueflow.delivery"}';
    expect(
      (await post(`${url}/hooks/webhook`, junk, signWebhook({ secret, id: 'cb_3', timestamp: start / 1000, body: junk }))).status,
    ).toBe(400);
    expect(seen).toEqual([]);
  });

  it('answers 404 for an unknown provider and 405 for GET', async () => {
    const url = await setup(async () => undefined).start();
    expect((await post(`${url}/hooks/stripe`, body, good)).status).toBe(404);
    expect((await post(`${url}/hooks/__proto__`, body, good)).status).toBe(404);
    expect((await fetch(`${url}/hooks/webhook`)).status).toBe(405);
  });

  it('processes a repeated delivery once', async () => {
    let calls = 0;
    const url = await setup(async () => void calls++).start();
    expect((await post(`${url}/hooks/webhook`, body, good)).status).toBe(200);
    const again = await post(`${url}/hooks/webhook`, body, good);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: 0, duplicate: true });
    expect(calls).toBe(1);
  });

  it('answers 500 when the events cannot be recorded, and accepts the provider retry', async () => {
    let fail = true;
    const recorded: ChannelEvent[][] = [];
    const { start: run, logger } = setup(async (events) => {
      if (fail) throw new Error('database down for jane.doe@globex.example');
      recorded.push(events);
    });
    const url = await run();
    expect((await post(`${url}/hooks/webhook`, body, good)).status).toBe(500);
    fail = false;
    expect((await post(`${url}/hooks/webhook`, body, good)).status).toBe(200);
    expect(recorded).toHaveLength(1);
    const log = logger.lines.join('\n');
    expect(log).not.toContain('jane.doe');
    expect(log).not.toContain(good['webhook-signature'].slice(3));
  });

  it('refuses bodies over the limit with 413', async () => {
    const handler = createWebhookHandler({ channels: { webhook: channel }, onEvents: async () => undefined, maxBodyBytes: 10 });
    server = await listen((req, res) => void handler(req, res));
    expect((await post(`${server.url}/hooks/webhook`, body, good)).status).toBe(413);
  });
});
