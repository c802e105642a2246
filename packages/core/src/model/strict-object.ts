/**
 * Strict objects for what users write by hand (policies, ladders, fees): an unknown key is an
 * error naming it, with the closest known key as a suggestion, instead of being dropped
 * silently (`gaurdrails` would otherwise leave the guardrails at their defaults).
 *
 * @module
 */
import { z } from 'zod';

/**
 * Levenshtein distance between two strings (insertions, deletions and substitutions, each 1).
 *
 * @example
 * ```ts
 * editDistance('maxPerDya', 'maxPerDay'); // 2
 * editDistance('gaurdrails', 'guardrails'); // 2
 * ```
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known word closest to `word` by edit distance (case-insensitive), when it is close enough
 * to be a slip: at most a third of the longer word's length, and at least 1. Ties go to the
 * first candidate.
 *
 * @example
 * ```ts
 * closestMatch('gaurdrails', ['calendar', 'guardrails']); // 'guardrails'
 * closestMatch('colour', ['calendar', 'guardrails']);     // undefined
 * ```
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const folded = word.toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(folded, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(1, Math.floor(Math.max(word.length, best?.length ?? 0) / 3));
  return bestDistance <= limit ? best : undefined;
}

/**
 * The message for keys an object does not know: each key quoted, with "did you mean" the
 * closest known key when there is one, and the known keys when a key has none.
 *
 * @example
 * ```ts
 * unknownKeysMessage(['maxPerDya'], ['maxPerDay', 'maxPerWeek']); // 'unknown key "maxPerDya" (did you mean "maxPerDay"?)'
 * ```
 */
export function unknownKeysMessage(keys: readonly string[], known: readonly string[]): string {
  let unmatched = false;
  const described = keys.map((key) => {
    const match = closestMatch(key, known);
    if (match === undefined) unmatched = true;
    return `${JSON.stringify(key)}${match === undefined ? '' : ` (did you mean ${JSON.stringify(match)}?)`}`;
  });
  const expected = unmatched ? `; known keys: ${known.map((k) => JSON.stringify(k)).join(', ')}` : '';
  return `unknown key${keys.length === 1 ? '' : 's'} ${described.join(', ')}${expected}`;
}

/**
 * `z.strictObject` whose unknown-key error names each key and suggests the closest known one.
 *
 * @example
 * ```ts
 * const Caps = strictObject({ maxPerDay: z.number(), maxPerWeek: z.number() });
 * Caps.safeParse({ maxPerDya: 1 }); // error: unknown key "maxPerDya" (did you mean "maxPerDay"?)
 * ```
 */
export function strictObject<const Shape extends z.core.$ZodLooseShape>(shape: Shape): z.ZodObject<Shape, z.core.$strict> {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys, known) : undefined),
  });
}
