/**
 * A small seeded random number generator, so the demo portfolio and its simulation are the same
 * on every machine for the same seed.
 *
 * @module
 */

/** A seeded source of random numbers. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** Normal with mean and standard deviation (Box-Muller). */
  normal(mean: number, sd: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

/**
 * A 32-bit hash of a text and a seed (FNV-1a, then mixed), for per-record random streams.
 *
 * @example
 * ```ts
 * hashSeed(42, 'inv-0001'); // a stable unsigned 32-bit integer
 * ```
 */
export function hashSeed(seed: number, text: string): number {
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * A deterministic uniform number in [0, 1) for a seed and a key, without keeping state: the
 * simulation's "does this customer pay today" draws, shared by the run with reminders and the
 * control run so both see the same luck.
 *
 * @example
 * ```ts
 * uniformFor(42, 'inv-0001:day:12') === uniformFor(42, 'inv-0001:day:12'); // true
 * ```
 */
export function uniformFor(seed: number, key: string): number {
  return hashSeed(seed, key) / 4294967296;
}

/**
 * Creates a generator (mulberry32) from a seed.
 *
 * @example
 * ```ts
 * const random = createRandom(20260101);
 * random.int(1, 6);
 * ```
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal: (mean, sd) => {
      const u = Math.max(next(), 1e-12);
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}
