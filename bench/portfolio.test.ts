import { DEFAULT_LADDER, parseSnapshot, type Snapshot } from '@dueflow/core';
import { describe, expect, it } from 'vitest';
import { compareStepChoices, utcSample } from './engine/agreement.js';
import { HAND_LOOP_STEP_IDS } from './engine/hand-loop.js';
import { plainSteps } from './engine/ladder-shape.js';
import { createRulesEngineLadder } from './engine/rules-engine-ladder.js';
import { generatePortfolio, portfolioStats, validatePortfolio } from './portfolio.js';

const mixed = generatePortfolio({ invoices: 1_000 });
const utcOnly = generatePortfolio({ invoices: 1_000, timeZones: ['UTC'], seed: 7 });
const parsed = new Map<object, Snapshot[]>();
/** Validated once per portfolio: parsing is the slow part of these tests. */
function valid(portfolio: { snapshots: readonly Snapshot[] }): Snapshot[] {
  let list = parsed.get(portfolio);
  if (list === undefined) parsed.set(portfolio, (list = validatePortfolio(portfolio.snapshots)));
  return list;
}

describe('benchmark portfolio', () => {
  it('is valid: every snapshot passes parseSnapshot', () => {
    for (const snapshot of mixed.snapshots) expect(() => parseSnapshot(snapshot)).not.toThrow();
    expect(valid(mixed)).toHaveLength(1_000);
  });

  it('is deterministic', () => {
    const a = generatePortfolio({ invoices: 200, seed: 11 });
    const b = generatePortfolio({ invoices: 200, seed: 11 });
    expect(JSON.stringify(b.snapshots)).toBe(JSON.stringify(a.snapshots));
    expect(JSON.stringify(generatePortfolio({ invoices: 200, seed: 12 }).snapshots)).not.toBe(JSON.stringify(a.snapshots));
  });

  it('covers the three segments, payments, disputes and pauses', () => {
    const stats = portfolioStats(valid(mixed));
    expect(Object.keys(stats.bySegment).sort()).toEqual(['chronic-late-payer', 'standard', 'strategic']);
    expect(stats.withPayments).toBeGreaterThan(0);
    expect(stats.disputed + stats.paused).toBeGreaterThan(0);
    expect(stats.activities / stats.invoices).toBeGreaterThan(2);
    expect(stats.utcCustomerInvoices).toBeGreaterThan(100);
  });

  it('has histories the engine wrote: no step is ever taken twice', () => {
    for (const s of mixed.snapshots) {
      const keys = s.activities.flatMap((a) => (a.type === 'action' && a.outcome !== 'failed' ? [a.idempotencyKey] : []));
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});

describe('nextAction equivalents', () => {
  it('hand loop steps are the default ladder', () => {
    expect(HAND_LOOP_STEP_IDS).toEqual(plainSteps().map((s) => s.id));
  });

  it('agree with nextAction on the UTC customers of a mixed portfolio', async () => {
    const sample = utcSample(valid(mixed));
    const result = await compareStepChoices(sample, mixed.now, mixed.policy, createRulesEngineLadder());
    expect(result.disagreements).toEqual([]);
    expect(result.compared).toBeGreaterThan(100);
    expect(result.withStep).toBeGreaterThan(0);
  });

  it('agree with nextAction on a 1,000-invoice UTC portfolio', async () => {
    const snapshots = valid(utcOnly);
    const result = await compareStepChoices(snapshots, utcOnly.now, utcOnly.policy, createRulesEngineLadder());
    expect(result.disagreements).toEqual([]);
    expect(result.compared + result.outsideLadder).toBe(1_000);
    expect(result.compared).toBeGreaterThan(900);
    expect(result.withStep).toBeGreaterThan(50);
  });

  it('reports a disagreement when an equivalent decides differently', async () => {
    const shifted = { ...DEFAULT_LADDER, steps: DEFAULT_LADDER.steps.map((step) => ({ ...step, offsetDays: step.offsetDays + 3 })) };
    const snapshots = valid(utcOnly);
    const result = await compareStepChoices(snapshots, utcOnly.now, utcOnly.policy, createRulesEngineLadder(shifted));
    expect(result.disagreements.length).toBeGreaterThan(0);
    expect(result.disagreements.every((d) => d.handLoop === d.nextAction)).toBe(true);
  });
});
