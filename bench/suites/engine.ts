/**
 * Suite `engine`: the decision engine against the alternatives, on one synthetic portfolio.
 *
 * Cases, all on the same validated portfolio (100,000 invoices; 10,000 with `--quick`):
 * - `nextAction`: `nextAction(snapshot, now, compilePolicy())` over every invoice; decisions
 *   carry their reasons.
 * - `explain`: `explain(decision)` over the decisions of the previous case.
 * - `json-rules-engine`: the same ladder in json-rules-engine (facts per invoice, one rule per
 *   step, one reused `Engine`), on every tenth invoice of the portfolio.
 * - `hand-loop`: the decision written by hand for this ladder (UTC, no zones or windows).
 * - `nextAction, 1,000 hot` and `hand-loop, 1,000 hot`: the same on the first 1,000 invoices
 *   only, whose data stays in the CPU caches: computing without fetching timelines from memory.
 *
 * Before timing, the three implementations must choose the same step on 1,000 invoices of UTC
 * customers; the suite fails otherwise.
 *
 * @module
 */
import { explain, nextAction, type Decision } from '@dueflow/core';
import { compareStepChoices, utcSample } from '../engine/agreement.js';
import { handLoopStep } from '../engine/hand-loop.js';
import { createRulesEngineLadder } from '../engine/rules-engine-ladder.js';
import { ratio, target, type Result, type SuiteContext } from '../harness.js';
import { generatePortfolio, portfolioStats, validatePortfolio } from '../portfolio.js';

/** Suite name. */
export const name = 'engine';

/** One sentence for the report. */
export const description = 'nextAction on a 100,000-invoice portfolio against json-rules-engine and a hand-written loop.';

/** Decisions per second `nextAction` must reach on one core. */
export const NEXT_ACTION_TARGET = 1_000_000;
/** How many times faster than json-rules-engine `nextAction` must be. */
export const RULES_ENGINE_RATIO_TARGET = 150;

const AGREEMENT_SAMPLE = 1_000;
const HOT_SET = 1_000;

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)}%`;
}

function decisionMix(decisions: readonly Decision[]): string {
  const counts = new Map<string, number>();
  for (const d of decisions) {
    const key = d.kind === 'act' ? 'act' : `${d.kind} (${d.reason})`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${percent(n, decisions.length)}`)
    .join(', ');
}

/**
 * Generates and validates the portfolio, checks that the implementations agree, then times them.
 *
 * @example
 * ```ts
 * const results = await run(ctx); // nextAction, explain, json-rules-engine, hand-loop
 * ```
 */
export async function run(ctx: SuiteContext): Promise<readonly Result[]> {
  const size = ctx.quick ? 10_000 : 100_000;
  let started = performance.now();
  const generated = generatePortfolio({ invoices: size });
  ctx.log(`engine: generated ${size.toLocaleString('en-US')} invoices in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  const snapshots = validatePortfolio(generated.snapshots);
  ctx.log(`engine: validated every snapshot with parseSnapshot in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const { now, policy } = generated;
  const stats = portfolioStats(snapshots);
  const segments = Object.entries(stats.bySegment)
    .sort((a, b) => b[1] - a[1])
    .map(([s, n]) => `${s} ${percent(n, stats.invoices)}`)
    .join(', ');
  ctx.note(
    `Portfolio: ${stats.invoices.toLocaleString('en-US')} invoices of ${stats.customers.toLocaleString('en-US')} customers (${segments}), due from 20 days ahead to 90 days past, ` +
      `${(stats.activities / stats.invoices).toFixed(1)} timeline entries per invoice on average, ${percent(stats.withPayments, stats.invoices)} with payments, ` +
      `${percent(stats.disputed, stats.invoices)} disputed, ${percent(stats.paused, stats.invoices)} paused; now = ${new Date(now).toISOString()}; every snapshot validated with parseSnapshot before timing.`,
  );

  const rules = createRulesEngineLadder();
  const utc = utcSample(snapshots);
  // Spread the sample over the whole portfolio, with room for invoices left out.
  const agreement = await compareStepChoices(
    utcSample(snapshots, Math.max(1, Math.floor(utc.length / (AGREEMENT_SAMPLE * 1.5)))),
    now,
    policy,
    rules,
    AGREEMENT_SAMPLE,
  );
  if (agreement.compared < AGREEMENT_SAMPLE)
    throw new Error(`engine: only ${agreement.compared} invoices of UTC customers to compare, ${AGREEMENT_SAMPLE} needed`);
  if (agreement.disagreements.length > 0) {
    const shown = agreement.disagreements
      .slice(0, 5)
      .map((d) => JSON.stringify(d))
      .join('\n  ');
    throw new Error(
      `engine: the implementations disagree on ${agreement.disagreements.length} of ${agreement.compared} invoices, e.g.\n  ${shown}`,
    );
  }
  ctx.note(
    `Agreement checked before timing: on ${agreement.compared.toLocaleString('en-US')} invoices of UTC customers (${agreement.withStep} with a ladder step due), json-rules-engine and the hand loop choose the same step as nextAction ` +
      `(left out: ${agreement.outsideLadder} on which nextAction chose an engine rule outside the ladder, such as a write-off warning, which the equivalents do not implement).`,
  );

  const n = snapshots.length;
  const decisions = snapshots.map((s) => nextAction(s, now, policy));
  ctx.note(`Decisions at now: ${decisionMix(decisions)}.`);

  const nextActionResult = await ctx.measure(
    'nextAction',
    () => {
      let acts = 0;
      for (let i = 0; i < n; i++) if (nextAction(snapshots[i]!, now, policy).kind === 'act') acts++;
      return acts;
    },
    { ops: n, note: 'nextAction(snapshot, now, compilePolicy()) on every invoice; reasons included' },
  );
  ctx.log(
    `engine: nextAction ${nextActionResult.opsPerSec.toLocaleString('en-US')} decisions/s (${nextActionResult.cpuOpsPerSec.toLocaleString('en-US')} per CPU-second)`,
  );

  const explainResult = await ctx.measure(
    'explain',
    () => {
      let chars = 0;
      for (let i = 0; i < n; i++) chars += explain(decisions[i]!).length;
      return chars;
    },
    { ops: n, note: 'explain(decision) on every decision above, en-US' },
  );

  const peer = snapshots.filter((_, i) => i % 10 === 0);
  const rulesResult = await ctx.measure(
    'json-rules-engine',
    async () => {
      let found = 0;
      for (const s of peer) if ((await rules.decide(s, now)) !== null) found++;
      return found;
    },
    {
      ops: peer.length,
      runs: 5,
      minRunMs: 0,
      note: `json-rules-engine 7, one Engine, one rule per step, facts per invoice; every 10th invoice (${peer.length.toLocaleString('en-US')})`,
    },
  );
  ctx.log(
    `engine: json-rules-engine ${rulesResult.opsPerSec.toLocaleString('en-US')} decisions/s (${rulesResult.cpuOpsPerSec.toLocaleString('en-US')} per CPU-second)`,
  );

  const handResult = await ctx.measure(
    'hand-loop',
    () => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += handLoopStep(snapshots[i]!, now);
      return sum;
    },
    { ops: n, note: 'the default ladder inlined by hand: UTC, no zones, windows or explanations; step index only' },
  );

  // The same work on 1,000 invoices decided over and over: their data stays in the CPU caches,
  // which separates the cost of computing from the cost of fetching 100,000 timelines from memory.
  const hot = snapshots.slice(0, HOT_SET);
  const hotNextAction = await ctx.measure(
    'nextAction, 1,000 hot',
    () => {
      let acts = 0;
      for (let i = 0; i < hot.length; i++) if (nextAction(hot[i]!, now, policy).kind === 'act') acts++;
      return acts;
    },
    { ops: hot.length, note: 'as nextAction, on the first 1,000 invoices only, so their data stays in cache' },
  );
  const hotHand = await ctx.measure(
    'hand-loop, 1,000 hot',
    () => {
      let sum = 0;
      for (let i = 0; i < hot.length; i++) sum += handLoopStep(hot[i]!, now);
      return sum;
    },
    { ops: hot.length, note: 'as hand-loop, on the first 1,000 invoices only' },
  );

  const vsRules = ratio(nextActionResult, rulesResult);
  return [
    {
      ...nextActionResult,
      ratios: { 'json-rules-engine': vsRules, 'hand-loop': ratio(nextActionResult, handResult) },
      targets: [
        target('opsPerSec', NEXT_ACTION_TARGET, nextActionResult.opsPerSec),
        target('opsPerSec per CPU-second', NEXT_ACTION_TARGET, nextActionResult.cpuOpsPerSec),
        target('ratio to json-rules-engine', RULES_ENGINE_RATIO_TARGET, vsRules),
      ],
    },
    { ...explainResult, ratios: { nextAction: ratio(explainResult, nextActionResult) } },
    rulesResult,
    handResult,
    {
      ...hotNextAction,
      ratios: { 'hand-loop, 1,000 hot': ratio(hotNextAction, hotHand), nextAction: ratio(hotNextAction, nextActionResult) },
    },
    hotHand,
  ];
}
