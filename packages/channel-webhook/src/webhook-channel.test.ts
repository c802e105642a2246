import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, ValidationError } from '@dueflow/core';
import { WebhookVerificationError } from '@dueflow/runtime';
import { manualClock } from '@dueflow/runtime/ports';
import { bodyOf, listen, type LocalServer } from '../test/server.js';
import { captureLogger, message } from '../test/fixtures.js';
import { createMemoryReplayStore } from './replay-store.js';
import { signWebhook } from './signature.js';
import { verifyWebhook } from './verify-webhook.js';
import { createWebhookChannel } from './webhook-channel.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const start = Date.parse('2025-03-12T09:00:00Z');

interface Received {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A receiver that answers the given statuses in turn (the last one repeats). */
async function receiver(statuses: number[], extraHeaders: Record<string, string> = {}): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = await listen(async (req, res) => {
    received.push({ headers: req.headers, body: await bodyOf(req) });
    res.writeHead(statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200, extraHeaders);
    res.end('{}');
  });
  return { url: `${server.url}/hooks/dueflow`, received };
}

const noSleep = { sleep: async () => undefined };

describe('createWebhookChannel', () => {
  it('posts the documented payload, signed so that the receiver verifies it', async () => {
    const { url, received } = await receiver([200]);
    const channel = createWebhookChannel({ url, secret, clock: manualClock(start) });
    expect(channel.kinds).toEqual(['webhook']);
    const result = await channel.send(message());
    expect(result).toEqual({ status: 'sent', providerMessageId: 'inv_1:overdue-14:1:1' });
    expect(received).toHaveLength(1);
    const [delivery] = received;
    const verified = await verifyWebhook({ secret, headers: delivery!.headers, rawBody: delivery!.body, now: start });
    expect(verified.id).toBe('inv_1:overdue-14:1:1');
    expect(verified.timestamp).toBe(start / 1000);
    expect(delivery!.headers['content-type']).toBe('application/json');
    expect(verified.payload).toEqual({
      type: 'dueflow.action',
      key: 'inv_1:overdue-14:1:1',
      tenantId: 't_1',
      decision: message().decision,
      message: { subject: 'Invoice INV-1042 is 14 days overdue', text: 'Invoice INV-1042 for $4,200.00 is 14 days overdue.' },
      recipient: { customerId: 'cus_1', contactId: 'ct_1' },
    });
  });

  it('retries 5xx with exponential backoff under the same webhook-id', async () => {
    const { url, received } = await receiver([503, 500, 200]);
    const waits: number[] = [];
    const channel = createWebhookChannel({ url, secret, backoffMs: 100, sleep: async (ms) => void waits.push(ms) });
    expect(await channel.send(message())).toMatchObject({ status: 'sent' });
    expect(received).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
    expect(new Set(received.map((r) => r.headers['webhook-id']))).toEqual(new Set(['inv_1:overdue-14:1:1']));
  });

  it('honours Retry-After on 429', async () => {
    const { url } = await receiver([429, 200], { 'retry-after': '7' });
    const waits: number[] = [];
    const channel = createWebhookChannel({ url, secret, sleep: async (ms) => void waits.push(ms) });
    expect(await channel.send(message())).toMatchObject({ status: 'sent' });
    expect(waits).toEqual([7000]);
  });

  it('hands a long Retry-After back to the runtime instead of waiting', async () => {
    const { url, received } = await receiver([503], { 'retry-after': '120' });
    const waits: number[] = [];
    const channel = createWebhookChannel({ url, secret, sleep: async (ms) => void waits.push(ms) });
    expect(await channel.send(message())).toEqual({
      status: 'failed',
      permanent: false,
      error: 'webhook: endpoint answered HTTP 503',
      retryAfterMs: 120_000,
    });
    expect(received).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('gives up after the retries with a transient failure', async () => {
    const { url, received } = await receiver([502]);
    const channel = createWebhookChannel({ url, secret, retries: 2, ...noSleep });
    expect(await channel.send(message())).toEqual({ status: 'failed', permanent: false, error: 'webhook: endpoint answered HTTP 502' });
    expect(received).toHaveLength(3);
  });

  it('does not retry a 4xx: the failure is permanent', async () => {
    const { url, received } = await receiver([410]);
    const channel = createWebhookChannel({ url, secret, ...noSleep });
    expect(await channel.send(message())).toEqual({ status: 'failed', permanent: true, error: 'webhook: endpoint answered HTTP 410' });
    expect(received).toHaveLength(1);
  });

  it('treats a refused connection and a timeout as transient', async () => {
    const { url } = await receiver([200]);
    await server!.close();
    server = undefined;
    const refused = createWebhookChannel({ url, secret, retries: 1, ...noSleep });
    expect(await refused.send(message())).toMatchObject({ status: 'failed', permanent: false, error: 'webhook: network error' });

    server = await listen(() => undefined); // never answers
    const slow = createWebhookChannel({ url: server.url, secret, retries: 0, timeoutMs: 50 });
    expect(await slow.send(message())).toMatchObject({ status: 'failed', permanent: false, error: 'webhook: timed out after 50 ms' });
  });

  it('validates its options with typed errors', () => {
    expect(() => createWebhookChannel({ url: 'ftp://x', secret })).toThrow(ValidationError);
    expect(() => createWebhookChannel({ url: 'https://x.example', secret: 'whsec_!!' })).toThrow(ConfigError);
    expect(() => createWebhookChannel({ url: 'https://x.example', secret, retries: -1 })).toThrow(/retries/);
    const pasted = 'S3cr3t-MfKQ9r8GKYqrTwjUPD8ILPZIo2La';
    let error: unknown;
    try {
      createWebhookChannel({ url: 'https://x.example', secret: pasted });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(
      'Invalid webhook channel options: secret: expected a secret starting with "whsec_" (got 35 characters)',
    );
    expect(JSON.stringify((error as ValidationError).issues)).not.toContain(pasted);
  });

  it('never logs the secret, the URL path or an address', async () => {
    const { url } = await receiver([500, 400]);
    const logger = captureLogger();
    const channel = createWebhookChannel({ url: `${url}?token=tok_s3cr3t`, secret, logger, ...noSleep });
    await channel.send(message());
    const log = logger.lines.join('\n');
    expect(logger.lines.length).toBeGreaterThan(1);
    for (const secretText of [
      secret,
      'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'tok_s3cr3t',
      '/hooks/dueflow',
      'jane.doe@globex.example',
      '+14155550100',
    ]) {
      expect(log).not.toContain(secretText);
    }
  });

  describe('parseWebhook', () => {
    const channel = createWebhookChannel({ url: 'https://crm.example.com/hooks', secret, replayStore: createMemoryReplayStore() });
    const signed = (id: string, body: string) => ({
      method: 'POST',
      url: 'https://api.example.com/hooks/webhook',
      headers: signWebhook({ secret, id, timestamp: start / 1000, body }),
      rawBody: body,
      receivedAt: start,
    });

    it('turns signed delivery reports and replies into events', async () => {
      expect(
        await channel.parseWebhook!(signed('cb_1', JSON.stringify({ type: 'dueflow.delivery', key: 'k1', status: 'delivered' }))),
      ).toEqual([
        { type: 'delivered', channel: 'webhook', at: start, deliveryId: 'standard-webhooks:cb_1', key: 'k1', providerMessageId: 'k1' },
      ]);
      expect(
        await channel.parseWebhook!(signed('cb_2', JSON.stringify({ type: 'dueflow.reply', address: 'crm-user-7', text: 'Paid today' }))),
      ).toEqual([
        { type: 'replied', channel: 'webhook', at: start, deliveryId: 'standard-webhooks:cb_2', address: 'crm-user-7', text: 'Paid today' },
      ]);
    });

    it('refuses unknown shapes as malformed and replays as replays', async () => {
      await expect(channel.parseWebhook!(signed('cb_3', JSON.stringify({ type: 'other' })))).rejects.toMatchObject({ reason: 'malformed' });
      const once = signed('cb_4', JSON.stringify({ type: 'dueflow.delivery', key: 'k1', status: 'failed' }));
      await channel.parseWebhook!(once);
      await expect(channel.parseWebhook!(once)).rejects.toBeInstanceOf(WebhookVerificationError);
    });
  });
});
