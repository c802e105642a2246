import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closestMatch, editDistance, strictObject, unknownKeysMessage } from './strict-object.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['maxPerDya', 'maxPerDay', 2],
    ['gaurdrails', 'guardrails', 2],
  ])('%j to %j is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closestMatch', () => {
  it('suggests a near key and nothing for a far one', () => {
    expect(closestMatch('gaurdrails', ['calendar', 'guardrails', 'segments'])).toBe('guardrails');
    expect(closestMatch('MaxPerDay', ['maxPerDay', 'maxPerWeek'])).toBe('maxPerDay');
    expect(closestMatch('colour', ['calendar', 'guardrails'])).toBeUndefined();
  });
});

describe('strictObject', () => {
  it('refuses every unknown key in one issue that names them', () => {
    const schema = strictObject({ maxPerDay: z.number().optional(), maxPerWeek: z.number().optional() });
    const result = schema.safeParse({ maxPerDya: 1, colour: 2 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(unknownKeysMessage(['maxPerDya', 'colour'], ['maxPerDay', 'maxPerWeek']));
    expect(result.error?.issues[0]?.message).toBe(
      'unknown keys "maxPerDya" (did you mean "maxPerDay"?), "colour"; known keys: "maxPerDay", "maxPerWeek"',
    );
  });
});
