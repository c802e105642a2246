import { describe, expect, it } from 'vitest';
import { ConfigError, ValidationError } from '../errors.js';
import { DEFAULT_LADDER } from './ladder.js';
import { compilePolicy, type PolicyInput } from './policy.js';

const custom = {
  id: 'custom',
  name: 'Custom',
  steps: [{ id: 'hold', name: 'Hold', offsetDays: 30, action: { type: 'credit-hold' as const } }],
};

describe('compilePolicy', () => {
  it('defaults to the default ladder, Monday-Friday 09:00-17:00 in UTC', () => {
    const policy = compilePolicy();
    expect(policy.defaultLadderId).toBe('default');
    expect(policy.calendar).toMatchObject({ timeZone: 'UTC', windowStart: 540, windowEnd: 1020 });
    expect(policy.calendar.workingWeekdays.slice(1)).toEqual([true, true, true, true, true, false, false]);
    expect(policy.ladderFor('default', undefined)?.steps.map((s) => s.step.id)).toEqual(DEFAULT_LADDER.steps.map((s) => s.id));
    expect(policy.ladderFor('nope', undefined)).toBeUndefined();
  });

  it('applies segment overrides to the compiled ladder only for that segment', () => {
    const policy = compilePolicy({
      segments: [
        {
          id: 'vip',
          name: 'VIP',
          tone: 'partnership',
          overrides: [
            { step: 'overdue-notice', shiftDays: 3, requiresApproval: true, copyAccountManager: true },
            { step: 'call-request', skip: true },
          ],
        },
      ],
    });
    const vip = policy.ladderFor('default', 'vip')!;
    const overdue = vip.steps.find((s) => s.step.id === 'overdue-notice')!;
    expect(overdue).toMatchObject({ offsetDays: 10, requiresApproval: true, copyAccountManager: true });
    expect(overdue.step.action).toMatchObject({ tone: 'partnership' });
    expect(vip.steps.find((s) => s.step.id === 'call-request')?.skipped).toBe(true);
    const plain = policy.ladderFor('default', undefined)!.steps.find((s) => s.step.id === 'overdue-notice')!;
    expect(plain).toMatchObject({ offsetDays: 7, requiresApproval: false, copyAccountManager: false });
  });

  it('reports inconsistent references', () => {
    expect(() => compilePolicy({ segments: [{ id: 'vip', name: 'VIP', overrides: [{ step: 'missing' }] }] })).toThrow(ConfigError);
    expect(() => compilePolicy({ segments: [{ id: 'vip', name: 'VIP', ladder: 'missing' }] })).toThrow(ValidationError);
    expect(() => compilePolicy({ ladders: [custom, custom] })).toThrow(/duplicate ladder id/);
    expect(() => compilePolicy({ ladders: [] })).toThrow(ValidationError);
  });

  it('names the ladders a dangling ladder reference could have meant', () => {
    const error = (() => {
      try {
        compilePolicy({ ladders: [custom], defaultLadder: 'default' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      expect.objectContaining({
        field: 'defaultLadder',
        message: 'names no ladder of the policy (ladders[0].id "custom")',
        value: 'default',
      }),
    ]);
  });

  it('compiles its own normalised source again with the default ladder', () => {
    expect(compilePolicy(compilePolicy().source).defaultLadderId).toBe('default');
  });

  it('compiles its own normalised source again with a custom ladder', () => {
    const custom = {
      id: 'custom',
      name: 'Custom',
      steps: [{ id: 'nudge', name: 'Nudge', offsetDays: 3, action: { type: 'message' as const, template: 't' } }],
    };
    const once = compilePolicy({ ladders: [custom] });
    const twice = compilePolicy(once.source);
    expect(twice.source).toEqual(once.source);
    expect(twice.segments.get('strategic')?.overrides).toEqual([]);
  });

  it('refuses misspelt keys at any depth, naming the path and the key it could have meant', () => {
    const issues = (input: unknown): unknown => {
      try {
        compilePolicy(input as PolicyInput);
      } catch (e) {
        return (e as ValidationError).issues;
      }
      return [];
    };
    expect(issues({ gaurdrails: { maxPerDay: 5 } })).toEqual([
      expect.objectContaining({
        field: 'gaurdrails',
        value: 'gaurdrails',
        message: 'unknown key "gaurdrails" (did you mean "guardrails"?)',
      }),
    ]);
    expect(issues({ guardrails: { maxPerDya: 5 } })).toEqual([
      expect.objectContaining({ field: 'guardrails.maxPerDya', message: 'unknown key "maxPerDya" (did you mean "maxPerDay"?)' }),
    ]);
    expect(issues({ calendar: { sendWindow: { start: '09:00', end: '17:00', ende: '18:00' } } })).toEqual([
      expect.objectContaining({ field: 'calendar.sendWindow.ende', message: expect.stringContaining('did you mean "end"?') }),
    ]);
    expect(issues({ ladders: [{ ...custom, steps: [{ ...custom.steps[0], ofsetDays: 3 }] }] })).toEqual([
      expect.objectContaining({ field: 'ladders[0].steps[0].ofsetDays', message: expect.stringContaining('did you mean "offsetDays"?') }),
    ]);
    expect(issues({ segments: [{ id: 'vip', name: 'VIP', when: { tier: ['gold'] } }] })).toEqual([
      expect.objectContaining({ field: 'segments[0].when.tier', message: expect.stringContaining('did you mean "tiers"?') }),
    ]);
    expect(
      issues({
        ladders: [
          { ...custom, steps: [{ ...custom.steps[0], action: { type: 'late-fee', fee: { kind: 'fixed', amount: { EUR: 4000 } } } }] },
        ],
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'ladders[0].steps[0].action.fee.amount',
          message: expect.stringContaining('did you mean "amounts"?'),
        }),
      ]),
    );
  });

  it('lists the known keys when an unknown key is close to none', () => {
    expect(() => compilePolicy({ colour: 'blue' } as PolicyInput)).toThrow(/unknown key "colour"; known keys: "ladders", .*"guardrails"/);
  });
});
