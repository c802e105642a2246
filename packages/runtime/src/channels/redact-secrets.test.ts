import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUrl, redactUrlCredentials } from './redact-secrets.js';

describe('redactSecrets', () => {
  it('removes the given secrets, also URL-encoded, and credential shapes', () => {
    const text = 'token S3cr3t-9f2 and S3cr3t%2B9 in Basic QUM6dG9rZW4= and Bearer eyJa.b.c for sk_live_abc123 whsec_MfKQ9r8G';
    const out = redactSecrets(text, ['S3cr3t-9f2', 'S3cr3t+9', undefined, 'ab']);
    expect(out).toBe('token [redacted] and [redacted] in Basic [redacted] and Bearer [redacted] for sk_live_[redacted] whsec_[redacted]');
  });

  it('hides URL passwords and cuts long text', () => {
    expect(redactSecrets('at postgres://app:pw@db:5432/ar failed')).toBe('at postgres://app:***@db:5432/ar failed');
    expect(redactSecrets('x'.repeat(900))).toHaveLength(500);
    expect(redactSecrets('x'.repeat(900), [], { maxLength: 20 })).toHaveLength(20);
  });

  it('never returns a secret embedded anywhere in a text', () => {
    const secret = fc.tuple(fc.string({ minLength: 3, maxLength: 30 }), fc.integer({ min: 0, max: 9 })).map(([s, d]) => `${s}${d}`);
    fc.assert(
      fc.property(fc.string(), secret, fc.string(), (before, s, after) => {
        expect(redactSecrets(`${before}${s}${after}`, [s], { maxLength: 10_000 })).not.toContain(s);
      }),
    );
  });
});

describe('redactUrl and redactUrlCredentials', () => {
  it.each([
    ['postgres://app:S3cr3t@db:99999/ar', 'postgres://app:***@db:99999/ar'],
    ['postgres://app:S3c@r3t@db/ar', 'postgres://app:***@db/ar'],
    ['postgres://app:S3cr3t@/ar', 'postgres://app:***@/ar'],
    ['postgres://app@db/ar', 'postgres://app@db/ar'],
    ['postgres://db:5432/ar', 'postgres://db:5432/ar'],
    ['app:S3cr3t@db/ar', '***@db/ar'],
  ])('redactUrl(%s)', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('hides the password of every URL in a text', () => {
    expect(redactUrlCredentials('"postgres://u:S3cr3t@h:1/d" and mysql://a:b@c/d')).toBe('"postgres://u:***@h:1/d" and mysql://a:***@c/d');
  });
});
