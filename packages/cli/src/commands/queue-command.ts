/**
 * `dueflow queue`: today's work, most valuable first.
 *
 * @module
 */
import type { ActionQueue } from '@dueflow/core/scoring';
import { UsageError } from '../cli-error.js';
import { withStore, type CommandContext } from '../command-context.js';
import { demoPolicy } from '../demo/demo-setup.js';
import { money, table } from '../format.js';
import { loadActionQueue } from '../report/load-queue.js';

/**
 * Prints the action queue at "now" (`--now` or the clock): what the next tick would do, plus
 * the actions awaiting approval, ranked by the core's `buildActionQueue`.
 *
 * @example
 * ```ts
 * await queueCommand(ctx, { limit: 10 });
 * ```
 */
export async function queueCommand(ctx: CommandContext, options: { readonly limit?: number }): Promise<ActionQueue> {
  const limit = options.limit ?? 10;
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new UsageError(`--limit: expected a positive whole number, got ${String(options.limit)}`);
  const now = ctx.now();
  const queue = await withStore(ctx, ({ storage }) => loadActionQueue(storage, demoPolicy(), now));
  if (ctx.options.json === true) {
    ctx.printJson({ ...queue, total: queue.entries.length, entries: queue.entries.slice(0, limit) });
    return queue;
  }
  const c = ctx.palette;
  ctx.print(
    c.bold(`Action queue at ${queue.generatedAt} (${queue.entries.length} entries; ranked by outstanding × risk probability × urgency)`),
  );
  if (queue.entries.length === 0) {
    ctx.print(
      `Nothing to do at this moment (${queue.counts.wait} invoices waiting, ${queue.counts.done} done). Messages only go out on working days, 09:00-17:00 in each contact's zone; try --now with another instant.`,
    );
    return queue;
  }
  for (const e of queue.entries.slice(0, limit)) {
    ctx.print('');
    ctx.print(
      table([
        ['>#', 'Invoice', 'Customer', 'Step', 'Channel', '>Outstanding', '>Days late', 'Risk'],
        [
          String(e.rank),
          `${e.invoiceNumber} (${e.invoiceId})`,
          e.customerName,
          `${e.step.name}${e.status === 'awaiting-approval' ? ' (awaiting approval)' : ''}`,
          e.action.channel ?? 'task',
          money(e.outstanding.amount, e.outstanding.currency),
          String(e.daysPastDue),
          `${e.risk.band} (${(e.risk.probability * 100).toFixed(0)}%)`,
        ],
      ]),
    );
    for (const reason of e.reasons.slice(0, 5)) ctx.print(c.dim(`    - ${reason}`));
  }
  ctx.print('');
  ctx.print(c.dim(queue.entries[0]!.note));
  return queue;
}
