import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunks, decodeNextCheck, encodeNextCheck, IMMEDIATE, lastById } from './rows.js';

describe('next_check_at encoding', () => {
  it('round-trips every instant, -Infinity and null, whatever type the client returns', () => {
    const instants = fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.constant(-Infinity), fc.constant(null));
    fc.assert(
      fc.property(instants, fc.constantFrom('number', 'string', 'bigint'), (value, as) => {
        const stored = encodeNextCheck(value, 'nextCheckAt');
        const returned = stored === null ? null : as === 'string' ? String(stored) : as === 'bigint' ? BigInt(stored) : stored;
        expect(decodeNextCheck(returned)).toBe(value);
      }),
    );
  });

  it('stores "due at once" below every real instant and Infinity as never', () => {
    expect(encodeNextCheck(-Infinity, 'x')).toBe(IMMEDIATE);
    expect(encodeNextCheck(Infinity, 'x')).toBeNull();
    expect(() => encodeNextCheck(Number.NaN, 'nextCheckAt')).toThrow(/nextCheckAt/);
  });
});

describe('batching helpers', () => {
  it('chunks keep every item in order, none larger than the size', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 20 }), (items, size) => {
        const parts = chunks(items, size);
        expect(parts.flat()).toEqual(items);
        expect(parts.every((p) => p.length >= 1 && p.length <= size)).toBe(true);
      }),
    );
  });

  it('lastById keeps one item per id: the last one', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c'), v: fc.integer() })), (items) => {
        const kept = lastById(items);
        expect(new Set(kept.map((k) => k.id)).size).toBe(kept.length);
        for (const k of kept) expect(k).toBe(items.findLast((i) => i.id === k.id));
      }),
    );
  });
});
