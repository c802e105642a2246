/**
 * `dueflow run`: one collection tick now.
 *
 * @module
 */
import { join } from 'node:path';
import { createCollector, createFileChannel, type TickSummary } from '@dueflow/runtime';
import { withStore, type CommandContext } from '../command-context.js';
import { demoPolicy, demoRenderer } from '../demo/demo-setup.js';

/**
 * Runs one tick of the collector at "now": decides every due invoice and dispatches what is
 * ready, writing messages to `<data-dir>/outbox/` (internal actions become tasks).
 *
 * @example
 * ```ts
 * const summary = await runCommand(ctx);
 * summary.sent;
 * ```
 */
export async function runCommand(ctx: CommandContext): Promise<TickSummary> {
  const now = ctx.now();
  const summary = await withStore(ctx, async ({ storage, dataDir }) => {
    const clock = { now: () => now };
    const channel = createFileChannel({
      directory: join(dataDir, 'outbox'),
      kinds: ['email', 'sms', 'voice', 'letter'],
      from: 'Northwind Supplies AR <ar@northwind-supplies.example>',
      clock,
    });
    const collector = createCollector({ storage, channels: [channel], renderer: demoRenderer(), policy: demoPolicy(), clock });
    // The store is closed by withStore; closing the collector would close it twice.
    return collector.tick({ now });
  });
  if (ctx.options.json === true) ctx.printJson({ ...summary, at: new Date(summary.now).toISOString() });
  else {
    ctx.print(
      `Tick at ${new Date(summary.now).toISOString()}: ${summary.decided} invoices decided, ${summary.enqueued} actions queued (${summary.awaitingApproval} awaiting approval), ` +
        `${summary.sent} sent or completed, ${summary.retried} deferred or retried, ${summary.failed} failed, ${summary.cancelled} cancelled.`,
    );
  }
  return summary;
}
