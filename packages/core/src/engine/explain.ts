/**
 * Plain-language explanations of decisions, for collectors and audit logs.
 *
 * @module
 */
import { formatMoney } from '../model/money.js';
import type { CompiledPolicy } from '../model/policy.js';
import type { ChannelSkip, Decision, Reason, StepTrace } from './decision.js';
import { nextAction, type InstantLike } from './next-action.js';
import type { Snapshot } from './snapshot.js';

const SKIP_WORDS: Record<ChannelSkip['why'], string> = {
  'no-address': 'no address on file',
  'opted-out': 'the contact opted out',
  suppressed: 'the address bounced and is suppressed',
  'failed-before': 'it failed on an earlier attempt',
};

const ORDER_WORDS: Record<'step' | 'cost' | 'segment' | 'engagement' | 'preferred', string> = {
  step: '',
  cost: ' (the cheapest channel for its expected effect)',
  segment: " (the segment's preferred channel)",
  engagement: ' (the channel this customer engages with most)',
  preferred: " (the contact's preferred channel)",
};

const GUARDRAIL_WORDS: Record<
  'max-per-day' | 'max-per-week' | 'quiet-after-conversation' | 'reg-f-call-attempts' | 'reg-f-after-conversation',
  string
> = {
  'max-per-day': 'daily contact cap',
  'max-per-week': 'weekly contact cap',
  'quiet-after-conversation': 'quiet period after a conversation',
  'reg-f-call-attempts': 'Regulation F limit of 7 call attempts in 7 days',
  'reg-f-after-conversation': 'Regulation F 7-day pause after a telephone conversation',
};

function skips(list: readonly ChannelSkip[]): string {
  return list.map((s) => `${s.channel} (${SKIP_WORDS[s.why]})`).join(', ');
}

/**
 * One sentence for one reason.
 *
 * @example
 * ```ts
 * describeReason({ code: 'ladder', ladderId: 'default', source: 'default' }); // "Follows ladder "default" (the policy default)."
 * ```
 */
export function describeReason(reason: Reason, locale = 'en-US'): string {
  switch (reason.code) {
    case 'outstanding':
      return `${formatMoney(reason.amount, locale)} is outstanding.`;
    case 'segment':
      return `Customer segment is "${reason.segment}" (${reason.source === 'customer' ? 'set on the customer' : reason.source === 'rule' ? 'matched by a segment rule' : 'no rule matched, the default'}).`;
    case 'ladder':
      return `Follows ladder "${reason.ladderId}" (${reason.source === 'default' ? 'the policy default' : `assigned to the ${reason.source}`}).`;
    case 'step-due': {
      const days = (n: number): string => (n === 1 ? '1 day' : `${n} days`);
      const when =
        reason.daysPastDue > 0
          ? `${days(reason.daysPastDue)} past due`
          : reason.daysPastDue === 0
            ? 'on the due date'
            : `${days(-reason.daysPastDue)} before the due date`;
      return `Step "${reason.stepName}" fell due on ${reason.date}${reason.occurrence > 1 ? ` (repeat ${reason.occurrence})` : ''}; the invoice is ${when}.`;
    }
    case 'superseded':
      return `Earlier steps also due were passed over so the customer is not sent stale reminders: ${reason.stepIds.join(', ')}.`;
    case 'channel': {
      const why = ORDER_WORDS[reason.order];
      return `Sending by ${reason.channel} to contact ${reason.contactId}${why}${reason.skipped.length > 0 ? `; not by ${skips(reason.skipped)}` : ''}.`;
    }
    case 'adaptive-timing':
      return `This customer paid ${reason.averageDaysLate.toFixed(0)} days late on average over ${reason.invoices} invoices, so pre-due reminders go out earlier (${reason.offsets.map((o) => `${o}`).join(' and ')} days).`;
    case 'promise': {
      const amount = formatMoney(reason.amount, locale);
      if (reason.status === 'pending')
        return `The customer promised to pay ${amount} by ${reason.date}: escalation is suspended until then (plus grace).`;
      return reason.status === 'broken'
        ? `The promise to pay ${amount} by ${reason.date} was broken: following up, then escalation resumes where it stopped.`
        : `The promise to pay ${amount} by ${reason.date} was only partly kept (${formatMoney({ amount: reason.paid, currency: reason.amount.currency }, locale)} paid): following up.`;
    }
    case 'plan': {
      const next =
        reason.installment === undefined
          ? ''
          : ` Installment ${reason.installment.seq} of ${formatMoney(reason.installment.remaining, locale)} is due on ${reason.installment.dueDate}.`;
      return reason.status === 'on-track'
        ? `The invoice is on installment plan ${reason.planId}, on track: only plan reminders are sent.${next}`
        : `Installment plan ${reason.planId} is in arrears by ${formatMoney(reason.arrears, locale)} for ${reason.daysInArrears} days (${reason.missed} missed).${next}`;
    }
    case 'write-off-warning':
      return `The invoice reaches the write-off age of ${reason.ageDays} days on ${reason.writeOffDate}.`;
    case 'suspended':
      return `Collection was suspended for ${reason.days} days in all; the steps still to come moved later by as much.`;
    case 'charge':
      return `Charges ${formatMoney(reason.amount, locale)} (${reason.kind}).`;
    case 'no-common-window':
      return `The send windows of ${reason.timeZones.join(' and ')} never overlap: the contact's own zone ${reason.timeZones[0]} decides.`;
    case 'copy-account-manager':
      return "The customer's account manager is copied.";
    case 'best-contact-hour':
      return `Sent at ${String(reason.hour).padStart(2, '0')}:00 local time, when this customer usually reads and replies.`;
    case 'guardrail':
      return `Held back by the ${GUARDRAIL_WORDS[reason.rule]} until ${reason.until}.`;
    case 'internal':
      return `Internal action, scheduled in the business's time zone ${reason.timeZone}.`;
    case 'approval-required':
      return `Step "${reason.stepId}" needs a person's approval before anything is sent.`;
    case 'retry':
      return `Attempt ${reason.attempt} of step "${reason.stepId}": earlier attempts failed.`;
    case 'status':
      return reason.status === 'settled'
        ? 'Nothing is outstanding: payments and credits cover the invoice.'
        : `The invoice is ${reason.status === 'written-off' ? 'written off' : reason.status}.`;
    case 'referred':
      return `The invoice was referred to a collection agency by step "${reason.stepId}".`;
    case 'ladder-complete':
      return `Every step of ladder "${reason.ladderId}" has been taken.`;
    case 'disputed':
      return `Collection is frozen: a dispute is open since ${reason.since} ("${reason.reason}").`;
    case 'paused':
      return `Collection is paused ("${reason.reason}")${reason.until !== undefined ? ` until ${reason.until}` : ' until resumed'}.`;
    case 'next-step':
      return `Next step "${reason.stepName}" falls on ${reason.date}.`;
    case 'outside-send-window':
      return `Outside the send window in ${reason.timeZone}: waiting for the next one.`;
    case 'no-reachable-contact':
      return `Step "${reason.stepId}" cannot reach anyone: ${skips(reason.skipped)}.`;
  }
}

/**
 * Renders a decision as text: a headline, then one line per reason.
 *
 * @example
 * ```ts
 * console.log(explain(nextAction(snapshot, now, policy)));
 * // Act: Overdue notice (overdue-notice) by email ...
 * ```
 */
export function explain(decision: Decision, options: { locale?: string } = {}): string {
  const locale = options.locale ?? 'en-US';
  let headline: string;
  switch (decision.kind) {
    case 'act': {
      const a = decision.action;
      headline = `Act: ${decision.step.name} (${decision.step.id})${a.channel !== undefined ? ` by ${a.channel}` : ''}${decision.requiresApproval ? ', after approval' : ''}, between ${decision.window.start} and ${decision.window.end}. Key ${decision.idempotencyKey}.`;
      break;
    }
    case 'wait':
      headline = `Wait ${decision.until === null ? 'until something changes' : `until ${decision.until}`} (${decision.reason}).`;
      break;
    case 'done':
      headline = `Done (${decision.reason}): nothing more will happen for this invoice.`;
      break;
  }
  return [headline, ...decision.reasons.map((r) => `- ${describeReason(r, locale)}`)].join('\n');
}

/** A decision with the evaluation of every ladder step behind it. */
export interface Explanation {
  readonly decision: Decision;
  /** Every step of the ladder, in ladder order, with why it is done, due, upcoming or skipped. */
  readonly steps: readonly StepTrace[];
  /** The whole explanation as text. */
  readonly text: string;
}

/**
 * Decides with tracing on, and explains both the decision and why every other step did or did
 * not match ("which rules matched and why the others did not").
 *
 * @example
 * ```ts
 * const { text } = explainDecision(snapshot, new Date(), policy);
 * console.log(text);
 * ```
 */
export function explainDecision(
  snapshot: Snapshot,
  now: InstantLike,
  policy: CompiledPolicy,
  options: { locale?: string } = {},
): Explanation {
  const steps: StepTrace[] = [];
  const decision = nextAction(snapshot, now, policy, { trace: steps });
  // A detail that only repeats the status ("done") is left out.
  const lines = steps.map(
    (s) => `  ${s.index + 1}. ${s.name} (${s.stepId}) on ${s.date}: ${s.status}${s.detail === s.status ? '' : ` - ${s.detail}`}`,
  );
  const text = lines.length > 0 ? `${explain(decision, options)}\nLadder steps:\n${lines.join('\n')}` : explain(decision, options);
  return { decision, steps, text };
}
