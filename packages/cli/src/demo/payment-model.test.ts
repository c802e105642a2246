import { describe, expect, it } from 'vitest';
import { MAX_DAILY_CHANCE, NUDGE_DAYS, nudgeChance, nudgeStrength, paysOn } from './payment-model.js';
import { createRandom, uniformFor } from './random.js';

describe('payment-behaviour model', () => {
  it('makes calls and firm tones stronger than friendly emails, scaled by responsiveness', () => {
    const friendly = nudgeStrength({ type: 'message', channel: 'email', tone: 'friendly' }, 1);
    const firm = nudgeStrength({ type: 'message', channel: 'email', tone: 'firm' }, 1);
    const sms = nudgeStrength({ type: 'message', channel: 'sms', tone: 'firm' }, 1);
    const call = nudgeStrength({ type: 'call-task' }, 1);
    expect(firm).toBeGreaterThan(friendly);
    expect(sms).toBeGreaterThan(firm);
    expect(call).toBeGreaterThan(sms);
    expect(nudgeStrength({ type: 'call-task' }, 0.5)).toBeCloseTo(call / 2, 3);
  });

  it('fades a nudge linearly to nothing and caps the sum', () => {
    expect(nudgeChance([{ day: 10, strength: 0.2 }], 10)).toBeCloseTo(0.2);
    expect(nudgeChance([{ day: 10, strength: 0.2 }], 12)).toBeCloseTo(0.12);
    expect(nudgeChance([{ day: 10, strength: 0.2 }], 10 + NUDGE_DAYS)).toBe(0);
    expect(nudgeChance([{ day: 10, strength: 0.2 }], 9)).toBe(0);
    expect(
      nudgeChance(
        Array.from({ length: 10 }, () => ({ day: 1, strength: 0.5 })),
        1,
      ),
    ).toBe(MAX_DAILY_CHANCE);
  });

  it('pays on the natural pay day with or without nudges, and never later because of them', () => {
    for (let i = 0; i < 200; i++) {
      const base = { seed: 3, invoiceId: `inv-${i}`, naturalPayDay: 50 };
      expect(paysOn({ ...base, day: 50, nudges: [] })).toBe(true);
      expect(paysOn({ ...base, day: 49, nudges: [] })).toBe(false);
      // Monotone: whatever the control run pays, the run with nudges pays too.
      for (let day = 40; day < 60; day++) {
        if (paysOn({ ...base, day, nudges: [] })) expect(paysOn({ ...base, day, nudges: [{ day: 45, strength: 0.3 }] })).toBe(true);
      }
    }
  });

  it('draws the same luck for the same seed and key', () => {
    expect(uniformFor(1, 'a:1')).toBe(uniformFor(1, 'a:1'));
    expect(uniformFor(1, 'a:1')).not.toBe(uniformFor(2, 'a:1'));
    const a = createRandom(9);
    const b = createRandom(9);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });
});
