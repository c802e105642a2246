/**
 * A small seeded pseudo-random generator (mulberry32) so that generated data sets are the same
 * on every machine and every run.
 *
 * @module
 */

/** Deterministic random draws. */
export interface Random {
  /** A float in `[0, 1)`. */
  next(): number;
  /** An integer in `[min, max]`. */
  int(min: number, max: number): number;
  /** `true` with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** One value of a non-empty list of `[value, weight]` pairs, by weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T;
}

/**
 * Creates a generator from a 32-bit seed; the same seed always gives the same sequence.
 *
 * @example
 * ```ts
 * const random = createRandom(42);
 * random.int(1, 6); // the same die roll on every run
 * ```
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => {
      if (list.length === 0) throw new RangeError('pick: empty list');
      return list[Math.floor(next() * list.length)]!;
    },
    weighted: (choices) => {
      const total = choices.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, weight] of choices) {
        r -= weight;
        if (r < 0) return value;
      }
      const last = choices[choices.length - 1];
      if (last === undefined) throw new RangeError('weighted: no choices');
      return last[0];
    },
  };
}
