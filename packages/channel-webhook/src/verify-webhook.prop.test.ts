import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '@dueflow/runtime';
import { signWebhook } from './signature.js';
import { verifyWebhook } from './verify-webhook.js';

const secretArb = fc.uint8Array({ minLength: 16, maxLength: 64 }).map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`);
const now = Date.parse('2025-03-12T09:00:00Z');
const nowSeconds = Math.floor(now / 1000);

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
}

describe('verifyWebhook properties', () => {
  it('accepts every untouched delivery within the tolerance', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretArb,
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.json(),
        fc.integer({ min: -300, max: 300 }),
        async (secret, id, body, skew) => {
          const headers = signWebhook({ secret, id, timestamp: nowSeconds + skew, body });
          expect(await outcome(verifyWebhook({ secret, headers, rawBody: body, now }))).toBe('accepted');
        },
      ),
    );
  });

  it('refuses any change to the body', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretArb,
        fc.uint8Array({ maxLength: 200 }),
        fc.uint8Array({ maxLength: 200 }),
        async (secret, original, tampered) => {
          fc.pre(Buffer.compare(Buffer.from(original), Buffer.from(tampered)) !== 0);
          const headers = signWebhook({ secret, id: 'msg_1', timestamp: nowSeconds, body: original });
          expect(await outcome(verifyWebhook({ secret, headers, rawBody: tampered, now }))).toBe('signature');
        },
      ),
    );
  });

  it('refuses any change to the timestamp header', async () => {
    await fc.assert(
      fc.asyncProperty(secretArb, fc.json(), fc.integer({ min: -300, max: 300 }), async (secret, body, delta) => {
        fc.pre(delta !== 0);
        const headers = signWebhook({ secret, id: 'msg_1', timestamp: nowSeconds, body });
        const moved = { ...headers, 'webhook-timestamp': String(nowSeconds + delta) };
        expect(await outcome(verifyWebhook({ secret, headers: moved, rawBody: body, now }))).toBe('signature');
      }),
    );
  });

  it('refuses a delivery signed with any other secret', async () => {
    await fc.assert(
      fc.asyncProperty(secretArb, secretArb, fc.json(), async (signer, verifier, body) => {
        fc.pre(signer !== verifier);
        const headers = signWebhook({ secret: signer, id: 'msg_1', timestamp: nowSeconds, body });
        expect(await outcome(verifyWebhook({ secret: verifier, headers, rawBody: body, now }))).toBe('signature');
      }),
    );
  });

  it('refuses any delivery older or newer than the tolerance, even when correctly signed', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretArb,
        fc.integer({ min: 1, max: 3600 }),
        fc.integer({ min: 301, max: 10_000_000 }),
        fc.boolean(),
        async (secret, tolerance, extra, future) => {
          const age = tolerance + (extra % 100_000) + 1;
          const headers = signWebhook({ secret, id: 'msg_1', timestamp: nowSeconds + (future ? age : -age), body: '{}' });
          expect(await outcome(verifyWebhook({ secret, headers, rawBody: '{}', now, toleranceSeconds: tolerance }))).toBe('timestamp');
        },
      ),
    );
  });
});
