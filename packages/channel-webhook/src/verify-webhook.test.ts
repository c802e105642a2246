import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '@dueflow/runtime';
import { createMemoryReplayStore } from './replay-store.js';
import { decodeWebhookSecret, signWebhook } from './signature.js';
import { verifyWebhook } from './verify-webhook.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const now = Date.parse('2025-03-12T09:00:00Z');
const ts = Math.floor(now / 1000);
const body = '{"type":"dueflow.action","key":"inv_1:overdue-14:1:1"}';

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('signWebhook', () => {
  it('produces the same signature as the standardwebhooks package', () => {
    const ours = signWebhook({ secret, id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: ts, body });
    const theirs = new Webhook(secret).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(ts * 1000), body);
    expect(ours['webhook-signature']).toBe(theirs);
    expect(ours['webhook-timestamp']).toBe(String(ts));
  });

  it('is accepted by the standardwebhooks verifier', () => {
    const realNow = Math.floor(Date.now() / 1000);
    const headers = signWebhook({ secret, id: 'msg_1', timestamp: realNow, body });
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('rejects secrets that are not whsec_ base64 without echoing them', () => {
    expect(() => decodeWebhookSecret('sk_live_very_secret')).toThrow(/whsec_/);
    expect(() => decodeWebhookSecret('sk_live_very_secret')).not.toThrow(/very_secret/);
    expect(() => decodeWebhookSecret('whsec_c2hvcnQ=')).toThrow(/at least 16 bytes/);
  });
});

describe('verifyWebhook', () => {
  const headers = signWebhook({ secret, id: 'msg_1', timestamp: ts, body });

  it('accepts a valid delivery and parses its JSON', async () => {
    const verified = await verifyWebhook({ secret, headers, rawBody: Buffer.from(body), now });
    expect(verified).toEqual({ id: 'msg_1', timestamp: ts, payload: JSON.parse(body) });
  });

  it('reads headers case-insensitively and from a fetch Headers', async () => {
    const upper = {
      'Webhook-Id': headers['webhook-id'],
      'Webhook-Timestamp': headers['webhook-timestamp'],
      'Webhook-Signature': headers['webhook-signature'],
    };
    await expect(verifyWebhook({ secret, headers: upper, rawBody: body, now })).resolves.toMatchObject({ id: 'msg_1' });
    await expect(verifyWebhook({ secret, headers: new Headers({ ...headers }), rawBody: body, now })).resolves.toMatchObject({
      id: 'msg_1',
    });
  });

  it('accepts when any of several signatures matches (secret rotation)', async () => {
    const other = signWebhook({ secret: `whsec_${Buffer.alloc(24, 7).toString('base64')}`, id: 'msg_1', timestamp: ts, body });
    const both = { ...headers, 'webhook-signature': `${other['webhook-signature']} ${headers['webhook-signature']}` };
    await expect(verifyWebhook({ secret, headers: both, rawBody: body, now })).resolves.toMatchObject({ id: 'msg_1' });
  });

  it('refuses a bad signature, a missing header and other versions', async () => {
    expect(await reason(verifyWebhook({ secret, headers: { ...headers, 'webhook-signature': 'v1,AAAA' }, rawBody: body, now }))).toBe(
      'signature',
    );
    expect(
      await reason(verifyWebhook({ secret, headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': String(ts) }, rawBody: body, now })),
    ).toBe('signature');
    const v2 = headers['webhook-signature'].replace('v1,', 'v2,');
    expect(await reason(verifyWebhook({ secret, headers: { ...headers, 'webhook-signature': v2 }, rawBody: body, now }))).toBe('signature');
  });

  it('refuses timestamps beyond the tolerance in both directions, and accepts at the edge', async () => {
    expect(await reason(verifyWebhook({ secret, headers, rawBody: body, now: now + 301_000 }))).toBe('timestamp');
    expect(await reason(verifyWebhook({ secret, headers, rawBody: body, now: now - 301_000 }))).toBe('timestamp');
    expect(await reason(verifyWebhook({ secret, headers, rawBody: body, now: now + 300_000 }))).toBe('accepted');
    expect(await reason(verifyWebhook({ secret, headers, rawBody: body, now: now + 60_000, toleranceSeconds: 30 }))).toBe('timestamp');
    expect(await reason(verifyWebhook({ secret, headers: { ...headers, 'webhook-timestamp': '1e9' }, rawBody: body, now }))).toBe(
      'timestamp',
    );
  });

  it('refuses a replayed webhook-id when given a replay store', async () => {
    const replayStore = createMemoryReplayStore();
    expect(await reason(verifyWebhook({ secret, headers, rawBody: body, now, replayStore }))).toBe('accepted');
    expect(await reason(verifyWebhook({ secret, headers, rawBody: body, now: now + 1000, replayStore }))).toBe('replay');
  });

  it('refuses a signed body that is not JSON as malformed', async () => {
    const text = 'not json';
    const signed = signWebhook({ secret, id: 'msg_2', timestamp: ts, body: text });
    expect(await reason(verifyWebhook({ secret, headers: signed, rawBody: text, now }))).toBe('malformed');
  });
});

describe('createMemoryReplayStore', () => {
  it('forgets ids after they expire and when told to', async () => {
    const store = createMemoryReplayStore();
    expect(await store.remember('a', 2000, 1000)).toBe(true);
    expect(await store.remember('a', 3000, 1500)).toBe(false);
    expect(await store.remember('a', 4000, 2000)).toBe(true);
    await store.forget('a');
    expect(await store.remember('a', 4000, 2500)).toBe(true);
  });

  it('stays within maxEntries', async () => {
    const store = createMemoryReplayStore({ maxEntries: 3 });
    for (let i = 0; i < 10; i++) expect(await store.remember(`id${i}`, 10_000 + i, 0)).toBe(true);
    expect(await store.remember('id9', 20_000, 0)).toBe(false);
  });
});
