/**
 * `dueflow timeline <invoice>`: every touch on an invoice, as text, Markdown or JSON.
 *
 * @module
 */
import type { Activity } from '@dueflow/core';
import { timelineToJson, timelineToMarkdown } from '@dueflow/runtime';
import { findInvoice, withStore, type CommandContext } from '../command-context.js';
import { money } from '../format.js';

function summarize(a: Activity): string {
  switch (a.type) {
    case 'action':
      return `${a.action} ${a.stepId}${a.channel !== undefined ? ` by ${a.channel}` : ''}: ${a.outcome}${a.detail !== undefined ? ` (${a.detail})` : ''}`;
    case 'delivery':
      return `${a.channel} ${a.event}${a.bounce !== undefined ? ` (${a.bounce})` : ''}`;
    case 'call':
      return `call ${a.direction}: ${a.outcome}${a.notes !== undefined ? `: ${a.notes}` : ''}`;
    case 'note':
      return `note (${a.source}): ${a.text}`;
    case 'promise':
      return `promise ${a.event}${a.amount !== undefined ? ` of ${money(a.amount.amount, a.amount.currency)}` : ''}${a.date !== undefined ? ` by ${a.date}` : ''}`;
    case 'plan':
      return `plan ${a.event}`;
    case 'payment':
      return `payment ${a.status}: ${money(a.amount.amount, a.amount.currency)}`;
    case 'status':
      return `${a.change}${a.reason !== undefined ? `: ${a.reason}` : ''}`;
    case 'contact':
      return `contact ${a.contactId} ${a.event}${a.channel !== undefined ? ` (${a.channel})` : ''}`;
    case 'approval':
      return `${a.decision} by ${a.actor.id ?? a.actor.type}`;
  }
}

/**
 * Prints an invoice's timeline: a short line per activity, the runtime's Markdown export with
 * `markdown`, or its JSON export with `--json`.
 *
 * @example
 * ```ts
 * await timelineCommand(ctx, 'inv-00042', { markdown: true });
 * ```
 */
export async function timelineCommand(
  ctx: CommandContext,
  ref: string,
  options: { readonly markdown?: boolean },
): Promise<readonly Activity[]> {
  return withStore(ctx, async ({ storage }) => {
    const invoice = await findInvoice(storage, ref);
    const customer = await storage.getCustomer(invoice.customerId);
    const activities = await storage.listActivities({ invoiceId: invoice.id, limit: 100_000 });
    const context = { invoice, ...(customer !== undefined ? { customer } : {}) };
    if (ctx.options.json === true) ctx.io.stdout.write(timelineToJson(activities, context));
    else if (options.markdown === true)
      ctx.io.stdout.write(
        timelineToMarkdown(activities, { ...context, ...(customer !== undefined ? { timeZone: customer.timeZone } : {}) }),
      );
    else {
      ctx.print(
        ctx.palette.bold(
          `Timeline of ${invoice.number} (${invoice.id}), ${customer?.name ?? invoice.customerId}: ${activities.length} activities`,
        ),
      );
      const sorted = [...activities].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
      for (const a of sorted) ctx.print(`${a.at.slice(0, 16).replace('T', ' ')}  ${summarize(a)}`);
    }
    return activities;
  });
}
