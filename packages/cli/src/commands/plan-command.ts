/**
 * `dueflow plan <invoice>`: the communications to come if nothing is paid.
 *
 * @module
 */
import { plan, type PlanResult } from '@dueflow/core';
import { UsageError } from '../cli-error.js';
import { findInvoice, withStore, type CommandContext } from '../command-context.js';
import { demoPolicy } from '../demo/demo-setup.js';
import { loadDecisionSnapshot } from '../report/decision-snapshot.js';
import { table } from '../format.js';

/**
 * Simulates the engine forward from "now" for `days` days with the core's `plan` and prints each
 * upcoming action.
 *
 * @example
 * ```ts
 * await planCommand(ctx, 'inv-00042', { days: 60 });
 * ```
 */
export async function planCommand(
  ctx: CommandContext,
  ref: string,
  options: { readonly days?: number },
): Promise<PlanResult & { readonly invoiceId: string }> {
  const horizon = options.days ?? 90;
  if (!Number.isSafeInteger(horizon) || horizon < 1 || horizon > 3650)
    throw new UsageError(`--days: expected a whole number from 1 to 3650, got ${String(options.days)}`);
  const now = ctx.now();
  const result = await withStore(ctx, async ({ storage }) => {
    const invoice = await findInvoice(storage, ref);
    const snapshot = await loadDecisionSnapshot(storage, invoice, now);
    if (snapshot === undefined) throw new UsageError(`invoice: ${JSON.stringify(ref)} disappeared while reading it`);
    return { invoiceId: invoice.id, number: invoice.number, ...plan(snapshot, now, demoPolicy(), { until: now + horizon * 86_400_000 }) };
  });
  if (ctx.options.json === true) {
    ctx.printJson({
      invoiceId: result.invoiceId,
      now: new Date(now).toISOString(),
      until: new Date(now + horizon * 86_400_000).toISOString(),
      actions: result.actions,
      last: result.last,
    });
    return result;
  }
  const c = ctx.palette;
  ctx.print(c.bold(`Upcoming communications for ${result.number} (${result.invoiceId}) over the next ${horizon} days, if nothing is paid`));
  if (result.actions.length === 0) ctx.print('  None.');
  else {
    ctx.print(
      table([
        ['When (UTC)', 'Step', 'Action', 'Channel', 'Template', 'Tone', 'Approval'],
        ...result.actions.map((a) => [
          a.at.slice(0, 16).replace('T', ' '),
          a.decision.step.name,
          a.decision.action.type,
          a.decision.action.channel ?? 'task',
          a.decision.action.template ?? '',
          a.decision.action.tone ?? '',
          a.decision.requiresApproval ? 'needed' : '',
        ]),
      ]),
    );
  }
  const last = result.last;
  ctx.print(
    c.dim(
      `Then: ${last.kind}${last.kind === 'wait' ? ` (${last.reason}${last.until !== null ? ` until ${last.until}` : ''})` : last.kind === 'done' ? ` (${last.reason})` : ''}.`,
    ),
  );
  return result;
}
