import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('grows exponentially from the base up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffDelay(20)).toBe(3_600_000);
    expect(backoffDelay(3, { baseMs: 1000, factor: 3, maxMs: 5000 })).toBe(5000);
  });

  it('never waits less than the provider asked', () => {
    expect(backoffDelay(1, {}, 90_000)).toBe(90_000);
    expect(backoffDelay(1, {}, 10)).toBe(30_000);
  });
});
