/**
 * Timeline export as Markdown: one section per touch, readable by a collector, a customer's
 * finance team or an auditor.
 *
 * @module
 */
import {
  formatMoney,
  ZoneCache,
  type ActionActivity,
  type Activity,
  type Actor,
  type Customer,
  type DeliveryActivity,
  type Invoice,
  type Money,
} from '@dueflow/core';
import { sortActivities } from './sort-activities.js';

/** Options of {@link timelineToMarkdown}. */
export interface TimelineMarkdownOptions {
  /** The invoice the timeline is about: heads the document with its number, total and dates. */
  readonly invoice?: Invoice;
  /** The customer the timeline is about. */
  readonly customer?: Customer;
  /**
   * Locale money is formatted in.
   * @default 'en-US'
   */
  readonly locale?: string;
  /**
   * IANA zone instants are shown in.
   * @default 'UTC'
   */
  readonly timeZone?: string;
}

type Approval = Extract<Activity, { type: 'approval' }>;

/** One section of the export: an action with what followed it, or one other activity. */
type Touch =
  | {
      readonly kind: 'action';
      readonly key: string | undefined;
      readonly actions: ActionActivity[];
      readonly deliveries: DeliveryActivity[];
      readonly approvals: Approval[];
    }
  | { readonly kind: 'single'; readonly activity: Activity };

const ACTION_LABELS: Record<ActionActivity['action'], string> = {
  message: 'Message',
  'call-task': 'Call task',
  'account-manager-alert': 'Account-manager alert',
  'credit-hold': 'Credit hold',
  'demand-letter': 'Demand letter',
  'agency-referral': 'Agency referral',
  webhook: 'Webhook',
  'promise-reminder': 'Promise reminder',
  'promise-follow-up': 'Promise follow-up',
  'installment-reminder': 'Installment reminder',
  'late-fee': 'Late fee',
  interest: 'Interest',
  'write-off-warning': 'Write-off warning',
  offer: 'Offer',
};

/** Escapes Markdown in text that comes from data, and keeps it on one line. */
function inline(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/([\\`*_[\]<>#|~!])/g, '\\$1');
}

function quote(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .trimEnd()
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line.replace(/([\\`*_[\]<>#|~!])/g, '\\$1')}`));
}

function who(actor: Actor): string {
  const label = actor.name ?? actor.id;
  switch (actor.type) {
    case 'system':
      return 'Dueflow (automatic)';
    case 'user':
      return label !== undefined ? inline(label) : 'a user';
    case 'customer':
      return label !== undefined ? `the customer (${inline(label)})` : 'the customer';
    case 'provider':
      return label !== undefined ? `provider ${inline(label)}` : 'the provider';
  }
}

function foldTouches(sorted: readonly Activity[]): Touch[] {
  type ActionTouch = Extract<Touch, { kind: 'action' }>;
  const byKey = new Map<string, ActionTouch>();
  // Keys first: a provider's event may be stamped before the action's own record.
  for (const a of sorted) {
    if (a.type === 'action' && a.idempotencyKey !== undefined && !byKey.has(a.idempotencyKey)) {
      byKey.set(a.idempotencyKey, { kind: 'action', key: a.idempotencyKey, actions: [], deliveries: [], approvals: [] });
    }
  }
  const result: Touch[] = [];
  for (const a of sorted) {
    if (a.type === 'action') {
      const touch =
        a.idempotencyKey !== undefined
          ? byKey.get(a.idempotencyKey)!
          : { kind: 'action' as const, key: undefined, actions: [], deliveries: [], approvals: [] };
      if (touch.actions.length === 0) result.push(touch);
      touch.actions.push(a);
      continue;
    }
    const owner = (a.type === 'delivery' || a.type === 'approval') && a.actionKey !== undefined ? byKey.get(a.actionKey) : undefined;
    if (owner !== undefined && a.type === 'delivery') owner.deliveries.push(a);
    else if (owner !== undefined && a.type === 'approval') owner.approvals.push(a);
    else result.push({ kind: 'single', activity: a });
  }
  return result;
}

/**
 * Exports activities as Markdown: a heading for the invoice or customer, then one numbered
 * section per touch in time order. Actions sharing an idempotency key are one section, with
 * their outcomes in order (queued → awaiting approval → approved → sent), approvals and the
 * delivery events that name the action's key folded underneath. Notes, call notes and replies
 * are quoted; money is formatted in `locale`. Deterministic: the same activities give the same
 * text. Throws a `ValidationError` for an invalid activity.
 *
 * @example
 * ```ts
 * const md = timelineToMarkdown(await storage.listActivities({ invoiceId: 'inv-1042' }), { invoice, customer, locale: 'en-US' });
 * ```
 */
export function timelineToMarkdown(activities: readonly unknown[], options: TimelineMarkdownOptions = {}): string {
  const locale = options.locale ?? 'en-US';
  const zone = options.timeZone ?? 'UTC';
  const zones = new ZoneCache();
  const money = (m: Money) => formatMoney(m, locale);
  const when = (at: string): string => {
    const ms = Date.parse(at);
    const minute = zones.localMinute(zone, ms);
    return `${zones.day(zones.localDay(zone, ms))} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  };
  const { invoice, customer } = options;
  const lines: string[] = [];
  lines.push(
    `# Timeline${invoice !== undefined ? ` of invoice ${inline(invoice.number)}` : customer !== undefined ? ` of ${inline(customer.name)}` : ''}`,
    '',
  );
  if (customer !== undefined) lines.push(`- Customer: ${inline(customer.name)} (${inline(customer.id)})`);
  if (invoice !== undefined) {
    lines.push(
      `- Invoice: ${inline(invoice.number)}, total ${money(invoice.total)}, issued ${invoice.issueDate}, due ${invoice.dueDate}, status ${invoice.status}`,
    );
  }
  lines.push(`- Times in ${zone}`, '');

  const touches = foldTouches(sortActivities(activities));
  if (touches.length === 0) lines.push('No activity yet.', '');
  touches.forEach((touch, i) => {
    const n = `${i + 1}.`;
    if (touch.kind === 'action') {
      const first = touch.actions[0]!;
      const last = touch.actions[touch.actions.length - 1]!;
      // Outcomes and reviews in time order: a rejection after "awaiting-approval" is the final word.
      const steps = [
        ...touch.actions.map((a) => ({ at: Date.parse(a.at), outcome: a.outcome as string })),
        ...touch.approvals.map((a) => ({ at: Date.parse(a.at), outcome: a.decision as string })),
      ];
      steps.sort((x, y) => x.at - y.at);
      const outcomes: string[] = [];
      for (const s of steps) if (outcomes[outcomes.length - 1] !== s.outcome) outcomes.push(s.outcome);
      const channel = touch.actions.map((a) => a.channel).find((c) => c !== undefined);
      lines.push(
        `## ${n} ${when(first.at)} · ${ACTION_LABELS[first.action]}${channel !== undefined ? ` by ${channel}` : ''}: ${outcomes[outcomes.length - 1]}`,
        '',
      );
      lines.push(
        `- Step: ${inline(first.stepId)}${first.occurrence > 1 ? ` (repeat ${first.occurrence})` : ''}${first.ladderId !== undefined ? `, ladder ${inline(first.ladderId)}` : ''}`,
      );
      if (outcomes.length > 1) lines.push(`- Outcome: ${outcomes.join(' → ')}`);
      const template = touch.actions.map((a) => a.template).find((t) => t !== undefined);
      const tone = touch.actions.map((a) => a.tone).find((t) => t !== undefined);
      if (template !== undefined) lines.push(`- Template: ${inline(template)}${tone !== undefined ? ` (${tone})` : ''}`);
      const contact = touch.actions.map((a) => a.contactId).find((c) => c !== undefined);
      if (contact !== undefined) lines.push(`- Contact: ${inline(contact)}`);
      const amount = touch.actions.map((a) => a.amount).find((m) => m !== undefined);
      if (amount !== undefined) lines.push(`- Amount: ${money(amount)}`);
      lines.push(`- By: ${who(last.actor)}`);
      for (const a of touch.actions) {
        if (a.detail !== undefined)
          lines.push(
            `- ${a.outcome === 'failed' ? `Failed${a.permanent === true ? ' (permanent)' : ''}` : a.outcome === 'rejected' ? 'Rejected' : 'Detail'} at ${when(a.at)}: ${inline(a.detail)}`,
          );
      }
      for (const a of touch.approvals) {
        lines.push(
          `- ${a.decision === 'approved' ? 'Approved' : 'Rejected'} by ${who(a.actor)} at ${when(a.at)}${a.reason !== undefined ? `: ${inline(a.reason)}` : ''}`,
        );
      }
      if (touch.key !== undefined) lines.push(`- Key: \`${touch.key.replace(/`/g, "'")}\``);
      if (touch.deliveries.length > 0) {
        lines.push('- Delivery:');
        for (const d of touch.deliveries) {
          lines.push(
            `  - ${when(d.at)} ${d.event}${d.bounce !== undefined ? ` (${d.bounce})` : ''}${d.channel !== channel ? ` by ${d.channel}` : ''}`,
          );
          if (d.text !== undefined) lines.push(...quote(d.text).map((l) => `    ${l}`));
        }
      }
      lines.push('');
      return;
    }
    const a = touch.activity;
    const heading = (title: string) => lines.push(`## ${n} ${when(a.at)} · ${title}`, '');
    switch (a.type) {
      case 'delivery':
        heading(`Delivery by ${a.channel}: ${a.event}${a.bounce !== undefined ? ` (${a.bounce})` : ''}`);
        if (a.actionKey !== undefined) lines.push(`- About: \`${a.actionKey.replace(/`/g, "'")}\``);
        if (a.contactId !== undefined) lines.push(`- Contact: ${inline(a.contactId)}`);
        lines.push(`- By: ${who(a.actor)}`);
        if (a.text !== undefined) lines.push('', ...quote(a.text));
        break;
      case 'call':
        heading(`Call (${a.direction}${a.automated ? ', automated' : ''}): ${a.outcome}`);
        if (a.contactId !== undefined) lines.push(`- Contact: ${inline(a.contactId)}`);
        if (a.durationSeconds !== undefined)
          lines.push(`- Duration: ${Math.floor(a.durationSeconds / 60)} min ${a.durationSeconds % 60} s`);
        lines.push(`- By: ${who(a.actor)}`);
        if (a.commitments !== undefined) lines.push(`- Commitments: ${inline(a.commitments)}`);
        if (a.notes !== undefined) lines.push('', ...quote(a.notes));
        break;
      case 'note':
        heading(`Note (${a.source})`);
        lines.push(`- By: ${who(a.actor)}`, '', ...quote(a.text));
        break;
      case 'promise':
        heading(
          `Promise to pay ${a.event}${a.amount !== undefined ? `: ${money(a.amount)}` : ''}${a.date !== undefined ? ` by ${a.date}` : ''}`,
        );
        lines.push(`- Promise: ${inline(a.promiseId)}`, `- By: ${who(a.actor)}`);
        break;
      case 'plan':
        heading(
          `Payment plan ${a.event}${a.installment !== undefined ? `, installment ${a.installment}` : ''}${a.amount !== undefined ? `: ${money(a.amount)}` : ''}`,
        );
        lines.push(`- Plan: ${inline(a.planId)}`, `- By: ${who(a.actor)}`);
        break;
      case 'payment':
        heading(`Payment ${a.status}: ${money(a.amount)}`);
        if (a.method !== undefined) lines.push(`- Method: ${inline(a.method)}`);
        if (a.reference !== undefined) lines.push(`- Reference: ${inline(a.reference)}`);
        lines.push(`- Payment: ${inline(a.paymentId)}`, `- By: ${who(a.actor)}`);
        break;
      case 'status':
        heading(`Status: ${a.change}`);
        lines.push(`- By: ${who(a.actor)}`);
        if (a.reason !== undefined) lines.push('', ...quote(a.reason));
        break;
      case 'contact':
        heading(`Contact ${inline(a.contactId)} ${a.event}${a.channel !== undefined ? ` (${a.channel})` : ''}`);
        lines.push(`- By: ${who(a.actor)}`);
        if (a.detail !== undefined) lines.push(`- Detail: ${inline(a.detail)}`);
        break;
      case 'approval':
        heading(`${a.decision === 'approved' ? 'Approved' : 'Rejected'}: \`${a.actionKey.replace(/`/g, "'")}\``);
        lines.push(`- By: ${who(a.actor)}`);
        if (a.reason !== undefined) lines.push('', ...quote(a.reason));
        break;
      case 'action':
        break;
    }
    lines.push('');
  });
  return `${lines.join('\n').trimEnd()}\n`;
}
