import { describe, expect, it } from 'vitest';
import { sentimentOf, textSignals } from './text-signals.js';

describe('sentimentOf', () => {
  it('averages AFINN-165 valences over every word', () => {
    // thanks +2, great +3; "service" is not in the lexicon: 5 / 3 words.
    expect(sentimentOf('Thanks, great service')).toBeCloseTo(5 / 3, 12);
    // angry -3, terrible -3 over 7 words.
    expect(sentimentOf('We are angry about this terrible invoice')).toBeCloseTo(-6 / 7, 12);
  });

  it('is 0 for text without words or without rated words', () => {
    expect(sentimentOf('')).toBe(0);
    expect(sentimentOf('1234 5678')).toBe(0);
    expect(sentimentOf('invoice number')).toBe(0);
  });

  it('does not read inherited object keys as words', () => {
    expect(sentimentOf('constructor toString')).toBe(0);
  });
});

describe('textSignals', () => {
  it('flags each kind of keyword', () => {
    expect(textSignals(['They dispute the amount on line 3']).mentionsDispute).toBe(true);
    expect(textSignals(['Client says cash flow is tight until month end']).cashFlowTrouble).toBe(true);
    expect(textSignals(['Heard they had layoffs last week']).insolvency).toBe(true);
    expect(textSignals(['The company filed for bankruptcy']).insolvency).toBe(true);
    expect(textSignals(['AP says they already paid this']).claimsAlreadyPaid).toBe(true);
    expect(textSignals(['Payment was sent on Friday']).claimsAlreadyPaid).toBe(true);
  });

  it('raises no flag on ordinary notes', () => {
    const s = textSignals(['Left a voicemail for the billing contact', 'Will call again Tuesday']);
    expect(s).toMatchObject({ mentionsDispute: false, cashFlowTrouble: false, insolvency: false, claimsAlreadyPaid: false });
  });

  it('averages sentiment over the notes', () => {
    const s = textSignals(['great', 'terrible']);
    expect(s.sentiment).toBeCloseTo((3 + -3) / 2, 12);
    expect(textSignals(['great', 'great']).sentiment).toBe(3);
  });

  it('is neutral without notes', () => {
    expect(textSignals([])).toEqual({
      sentiment: 0,
      mentionsDispute: false,
      cashFlowTrouble: false,
      insolvency: false,
      claimsAlreadyPaid: false,
    });
  });
});
