/**
 * Call tasks for people: what a collector needs on screen before dialling, and the timeline
 * entries recorded after the call.
 *
 * @module
 */
import { z } from 'zod';
import {
  ActivitySchema,
  CallActivitySchema,
  MoneySchema,
  PromiseToPaySchema,
  CalendarDateSchema,
  IdSchema,
  InstantSchema,
  describeReason,
  formatMoney,
  parseWith,
} from '@dueflow/core';
import type { ActDecision, Activity, CallActivity, Money, PromiseToPay, Snapshot } from '@dueflow/core';

/** A call for a person to make, with what to say. */
export interface CallTask {
  /** The decision's idempotency key: one task per step occurrence. */
  readonly key: string;
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly customerId: string;
  readonly customerName: string;
  /** Who to call; absent when the customer has no contact with a phone number. */
  readonly contact?: { readonly id: string; readonly name?: string; readonly phone?: string; readonly role: string };
  readonly step: { readonly id: string; readonly name: string };
  readonly outstanding: Money;
  /** `outstanding` formatted in the customer's locale. */
  readonly outstandingText: string;
  readonly dueDate: string;
  /** Days past due on the day the step fell due, when the engine reported it. */
  readonly daysPastDue?: number;
  /** What to say first. */
  readonly openingLine: string;
  /** Points to cover, most important first. */
  readonly talkingPoints: readonly string[];
  /** The customer's history on this invoice, in plain sentences, most recent first. */
  readonly history: readonly string[];
  /** Why the engine asked for this call, one sentence per reason. */
  readonly why: readonly string[];
}

/** Options of {@link createCallTask}. */
export interface CallTaskOptions {
  /**
   * Name the caller introduces themselves with.
   * @default 'the accounts team'
   */
  readonly callerName?: string;
  /**
   * Business the caller represents.
   * @default undefined (omitted from the opening line)
   */
  readonly companyName?: string;
  /**
   * Most history lines kept.
   * @default 8
   */
  readonly historyLimit?: number;
}

function day(instant: string): string {
  return instant.slice(0, 10);
}

function historyOf(
  snapshot: Snapshot,
  locale: string,
): { lines: string[]; brokenPromises: number; failedPayments: number; messages: number; unansweredCalls: number } {
  const entries: { at: string; text: string }[] = [];
  let brokenPromises = 0;
  let failedPayments = 0;
  let messages = 0;
  let unansweredCalls = 0;
  for (const payment of snapshot.payments) {
    const amount = formatMoney(payment.amount, locale);
    if (payment.status === 'succeeded') entries.push({ at: payment.at, text: `${day(payment.at)}: paid ${amount} (${payment.method}).` });
    if (payment.status === 'failed') {
      failedPayments++;
      entries.push({
        at: payment.at,
        text: `${day(payment.at)}: a payment of ${amount} failed${payment.failureReason ? ` (${payment.failureReason})` : ''}.`,
      });
    }
  }
  for (const activity of snapshot.activities) {
    switch (activity.type) {
      case 'action':
        if (activity.outcome === 'sent') {
          messages++;
          entries.push({
            at: activity.at,
            text: `${day(activity.at)}: sent "${activity.stepId}"${activity.channel ? ` by ${activity.channel}` : ''}.`,
          });
        }
        break;
      case 'call':
        if (activity.outcome !== 'reached') unansweredCalls++;
        entries.push({
          at: activity.at,
          text: `${day(activity.at)}: call, ${activity.outcome}${activity.commitments ? `; committed: ${activity.commitments}` : ''}.`,
        });
        break;
      case 'promise':
        if (activity.event === 'broken') brokenPromises++;
        entries.push({
          at: activity.at,
          text: `${day(activity.at)}: promise to pay ${activity.event}${activity.amount ? ` (${formatMoney(activity.amount, locale)}${activity.date ? ` by ${activity.date}` : ''})` : ''}.`,
        });
        break;
      case 'delivery':
        if (activity.event === 'bounced' || activity.event === 'replied' || activity.event === 'complained') {
          entries.push({
            at: activity.at,
            text: `${day(activity.at)}: ${activity.channel} ${activity.event}${activity.bounce ? ` (${activity.bounce})` : ''}.`,
          });
        }
        break;
      case 'status':
        if (activity.change === 'dispute-opened' || activity.change === 'dispute-resolved') {
          entries.push({
            at: activity.at,
            text: `${day(activity.at)}: ${activity.change.replace('-', ' ')}${activity.reason ? ` ("${activity.reason}")` : ''}.`,
          });
        }
        break;
      default:
        break;
    }
  }
  entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { lines: entries.map((e) => e.text), brokenPromises, failedPayments, messages, unansweredCalls };
}

/**
 * Builds a call task from a `call-task` decision and the invoice's snapshot: who to call, an
 * opening line, talking points chosen from the history (broken promises, failed payments,
 * unanswered messages) and the history itself in plain sentences.
 *
 * @example
 * ```ts
 * const decision = nextAction(snapshot, now, policy);
 * if (decision.kind === 'act' && decision.action.type === 'call-task') {
 *   const task = createCallTask(decision, snapshot, { callerName: 'Sam', companyName: 'Acme' });
 *   queue.push(task); // your CRM, helpdesk or the webhook channel
 * }
 * ```
 */
export function createCallTask(decision: ActDecision, snapshot: Snapshot, options: CallTaskOptions = {}): CallTask {
  const { invoice, customer } = snapshot;
  const locale = customer.locale;
  const contact =
    customer.contacts.find((c) => c.id === decision.action.contactId) ??
    customer.contacts.find((c) => c.phone !== undefined && c.role === 'billing') ??
    customer.contacts.find((c) => c.phone !== undefined);
  const outstandingText = formatMoney(decision.outstanding, locale);
  const due = decision.reasons.find((r) => r.code === 'step-due');
  const daysPastDue = due?.code === 'step-due' ? due.daysPastDue : undefined;
  const history = historyOf(snapshot, locale);

  const caller = options.callerName ?? 'the accounts team';
  const company = options.companyName === undefined ? '' : ` at ${options.companyName}`;
  const greeting = contact?.name === undefined ? 'Hello' : `Hello ${contact.name}`;
  const openingLine = `${greeting}, this is ${caller}${company}. I'm calling about invoice ${invoice.number} for ${outstandingText}${
    daysPastDue !== undefined && daysPastDue > 0 ? `, which is ${daysPastDue} days past due` : ''
  }. Do you have a moment?`;

  const points: string[] = [`Confirm invoice ${invoice.number} (${outstandingText}, due ${invoice.dueDate}) was received and approved.`];
  if (snapshot.promise?.status === 'broken' || history.brokenPromises > 0) {
    points.push(`${history.brokenPromises || 1} earlier promise(s) to pay were not kept: ask what changed and agree a firm date.`);
  }
  if (history.failedPayments > 0) points.push(`${history.failedPayments} payment(s) failed: check the payment method on file.`);
  if (history.messages > 0) points.push(`${history.messages} reminder(s) went unanswered: confirm the right billing contact and address.`);
  if (invoice.dispute !== undefined)
    points.push(`A dispute is open ("${invoice.dispute.reason}"): do not press for payment; ask what is needed to resolve it.`);
  points.push('Ask for a payment date and amount; record any promise to pay.');
  points.push('If the full amount is not possible, offer an installment plan.');
  points.push('If anything about the invoice is contested, record the dispute and its reason.');

  const task: CallTask = {
    key: decision.idempotencyKey,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    customerId: customer.id,
    customerName: customer.name,
    step: { id: decision.step.id, name: decision.step.name },
    outstanding: decision.outstanding,
    outstandingText,
    dueDate: invoice.dueDate,
    openingLine,
    talkingPoints: points,
    history: history.lines.slice(0, options.historyLimit ?? 8),
    why: decision.reasons.map((r) => describeReason(r, locale)),
    ...(daysPastDue === undefined ? {} : { daysPastDue }),
  };
  if (contact === undefined) return task;
  return {
    ...task,
    contact: {
      id: contact.id,
      role: contact.role,
      ...(contact.name === undefined ? {} : { name: contact.name }),
      ...(contact.phone === undefined ? {} : { phone: contact.phone }),
    },
  };
}

const CallOutcomeSchema = z
  .object({
    /** Activity id of the call; related records derive theirs from it. */
    id: IdSchema,
    at: InstantSchema,
    customerId: IdSchema,
    invoiceId: IdSchema,
    contactId: IdSchema.optional(),
    /** The task's key, kept on the call activity. */
    key: z.string().max(300).optional(),
    reached: z.boolean(),
    /** Why the call did not reach the customer (ignored when reached). */
    notReached: z.enum(['no-answer', 'voicemail', 'wrong-number', 'refused']).default('no-answer'),
    durationSeconds: z.number().int().min(0).optional(),
    notes: z.string().max(10_000).optional(),
    promise: z
      .object({ id: IdSchema.optional(), amount: MoneySchema, date: CalendarDateSchema, condition: z.string().max(2000).optional() })
      .optional(),
    dispute: z.object({ reason: z.string().min(1).max(2000) }).optional(),
    by: z.object({ id: z.string().max(200).optional(), name: z.string().max(200).optional() }).optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.reached && input.promise !== undefined)
      ctx.addIssue({ code: 'custom', path: ['promise'], message: 'a promise needs the customer to be reached', input: input.promise });
    if (!input.reached && input.dispute !== undefined)
      ctx.addIssue({ code: 'custom', path: ['dispute'], message: 'a dispute needs the customer to be reached', input: input.dispute });
  });

/** What a collector reports after a call (see {@link recordCallOutcome}). */
export type CallOutcomeInput = z.input<typeof CallOutcomeSchema>;

/** The timeline records of one call. */
export interface CallOutcome {
  /** The core `call` activity. */
  readonly call: CallActivity;
  /** The promise to pay made on the call, to store as the invoice's current promise. */
  readonly promise?: PromiseToPay;
  /** Every activity to append, in order: the call, then `promise made`, then `dispute-opened`. */
  readonly activities: readonly Activity[];
}

/**
 * Turns what a collector reports after a call into timeline records: the core `call` activity
 * (reached or not, notes, commitments), plus a promise to pay and its `made` activity when one
 * was made, and a `dispute-opened` status activity when the customer raised a dispute.
 * Throws a `ValidationError` naming the bad field.
 *
 * @example
 * ```ts
 * const { activities, promise } = recordCallOutcome({
 *   id: 'call_81', at: '2025-03-12T15:04:00Z', customerId: 'cus_1', invoiceId: 'inv_1',
 *   key: task.key, reached: true, durationSeconds: 240, notes: 'AP run is on Fridays',
 *   promise: { amount: { amount: 420000, currency: 'USD' }, date: '2025-03-21' },
 *   by: { id: 'u_7', name: 'Sam' },
 * });
 * ```
 */
export function recordCallOutcome(input: CallOutcomeInput): CallOutcome {
  const o = parseWith(CallOutcomeSchema, 'call outcome', input);
  const actor = o.by === undefined ? { type: 'user' as const } : { type: 'user' as const, ...o.by };
  const base = { at: o.at, customerId: o.customerId, invoiceId: o.invoiceId, actor };
  const commitments = [
    o.promise === undefined
      ? undefined
      : `promised ${formatMoney(o.promise.amount)} by ${o.promise.date}${o.promise.condition ? ` (${o.promise.condition})` : ''}`,
    o.dispute === undefined ? undefined : `disputed: ${o.dispute.reason}`,
  ].filter((c): c is string => c !== undefined);

  const call = parseWith(CallActivitySchema, 'call activity', {
    ...base,
    id: o.id,
    type: 'call',
    direction: 'outbound',
    outcome: o.reached ? 'reached' : o.notReached,
    automated: false,
    ...(o.key === undefined ? {} : { idempotencyKey: o.key }),
    ...(o.contactId === undefined ? {} : { contactId: o.contactId }),
    ...(o.durationSeconds === undefined ? {} : { durationSeconds: o.durationSeconds }),
    ...(o.notes === undefined ? {} : { notes: o.notes }),
    ...(commitments.length === 0 ? {} : { commitments: commitments.join('; ') }),
  });
  const activities: Activity[] = [call];

  let promise: PromiseToPay | undefined;
  if (o.promise !== undefined) {
    const promiseId = o.promise.id ?? `${o.id}:promise`;
    promise = parseWith(PromiseToPaySchema, 'promise to pay', {
      id: promiseId,
      invoiceId: o.invoiceId,
      amount: o.promise.amount,
      date: o.promise.date,
      channel: 'call',
      madeAt: o.at,
      status: 'pending',
      ...(o.by?.name === undefined ? {} : { takenBy: o.by.name }),
      ...(o.promise.condition === undefined ? {} : { condition: o.promise.condition }),
    });
    activities.push(
      parseWith(ActivitySchema, 'promise activity', {
        ...base,
        id: `${o.id}:promise`,
        type: 'promise',
        promiseId,
        event: 'made',
        amount: o.promise.amount,
        date: o.promise.date,
      }),
    );
  }
  if (o.dispute !== undefined) {
    activities.push(
      parseWith(ActivitySchema, 'dispute activity', {
        ...base,
        id: `${o.id}:dispute`,
        type: 'status',
        change: 'dispute-opened',
        reason: o.dispute.reason,
      }),
    );
  }
  return promise === undefined ? { call, activities } : { call, promise, activities };
}
