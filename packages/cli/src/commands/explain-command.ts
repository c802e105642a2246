/**
 * `dueflow explain <invoice>`: why the engine decides what it decides, step by step, and which
 * segment rules match.
 *
 * @module
 */
import { explainDecision, matchSegments, type Explanation, type SegmentReport } from '@dueflow/core';
import { findInvoice, withStore, type CommandContext } from '../command-context.js';
import { demoPolicy } from '../demo/demo-setup.js';
import { loadDecisionSnapshot } from '../report/decision-snapshot.js';
import { UsageError } from '../cli-error.js';

/** What `explain` reports. */
export interface ExplainResult {
  readonly invoice: { readonly id: string; readonly number: string; readonly customerId: string };
  readonly now: string;
  readonly explanation: Explanation;
  readonly segments: SegmentReport;
}

/**
 * Explains the decision for one invoice at "now", with every ladder step and segment rule.
 *
 * @example
 * ```ts
 * await explainCommand(ctx, 'inv-00042');
 * ```
 */
export async function explainCommand(ctx: CommandContext, ref: string): Promise<ExplainResult> {
  const now = ctx.now();
  const policy = demoPolicy();
  const result = await withStore(ctx, async ({ storage }) => {
    const invoice = await findInvoice(storage, ref);
    const snapshot = await loadDecisionSnapshot(storage, invoice, now);
    if (snapshot === undefined) throw new UsageError(`invoice: ${JSON.stringify(ref)} disappeared while reading it`);
    return {
      invoice: { id: invoice.id, number: invoice.number, customerId: invoice.customerId },
      now: new Date(now).toISOString(),
      explanation: explainDecision(snapshot, now, policy),
      segments: matchSegments(snapshot, policy, now),
    };
  });
  if (ctx.options.json === true) {
    ctx.printJson(result);
    return result;
  }
  const c = ctx.palette;
  ctx.print(c.bold(`Invoice ${result.invoice.number} (${result.invoice.id}), customer ${result.invoice.customerId}, at ${result.now}`));
  ctx.print('');
  ctx.print(c.bold(`Segment: ${result.segments.segment.segment} (${result.segments.segment.source})`));
  for (const rule of result.segments.rules) {
    ctx.print(`  ${rule.matched ? c.green('matches') : c.dim('no match')}  ${rule.name} (${rule.segment}): ${rule.reasons.join('; ')}`);
  }
  ctx.print('');
  ctx.print(c.bold('Decision'));
  ctx.print(result.explanation.text);
  return result;
}
