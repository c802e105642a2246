/**
 * The timeline: every touch on an invoice or customer, append-only. Ladder actions carry the
 * idempotency key the engine issued, which is how the engine knows a step is done.
 *
 * @module
 */
import { z } from 'zod';
import { MoneySchema } from './money.js';
import { ActorSchema, CalendarDateSchema, ChannelKindSchema, IdSchema, InstantSchema, ToneSchema } from './primitives.js';

/** What a ladder step does. */
export const ActionTypeSchema = z.enum([
  'message',
  'call-task',
  'account-manager-alert',
  'credit-hold',
  'demand-letter',
  'agency-referral',
  'webhook',
  'promise-reminder',
  'promise-follow-up',
  'installment-reminder',
  'late-fee',
  'interest',
  'write-off-warning',
  'offer',
]);
/** What a ladder step does. */
export type ActionType = z.infer<typeof ActionTypeSchema>;

/** Outcome of an action the engine decided, as recorded by the runtime. */
export const ActionOutcomeSchema = z.enum(['queued', 'awaiting-approval', 'approved', 'rejected', 'sent', 'failed', 'cancelled']);
/** Outcome of an action the engine decided. */
export type ActionOutcome = z.infer<typeof ActionOutcomeSchema>;

const base = {
  id: IdSchema,
  at: InstantSchema,
  customerId: IdSchema,
  invoiceId: IdSchema.optional(),
  actor: ActorSchema.default({ type: 'system' }),
  /** Key under which the runtime performed this activity (unique per tenant for actions). */
  idempotencyKey: z.string().max(300).optional(),
};

/** A decided action (message, task, alert...) and what became of it. */
export const ActionActivitySchema = z.object({
  ...base,
  type: z.literal('action'),
  /** Ladder step or engine rule that produced the action, e.g. `overdue-7` or `promise-reminder`. */
  stepId: z.string().max(100),
  ladderId: z.string().max(64).optional(),
  occurrence: z.number().int().min(1).default(1),
  action: ActionTypeSchema,
  channel: ChannelKindSchema.optional(),
  contactId: IdSchema.optional(),
  template: z.string().max(200).optional(),
  tone: ToneSchema.optional(),
  outcome: ActionOutcomeSchema,
  /** Error or rejection reason, when the outcome is `failed` or `rejected`. */
  detail: z.string().max(2000).optional(),
  /** Whether a failure is permanent (address invalid) rather than transient. */
  permanent: z.boolean().optional(),
  /** Money the action charged (late fees and interest), or the discount an offer gives. */
  amount: MoneySchema.optional(),
  /** Local date an offer is valid until (discount offers). */
  until: CalendarDateSchema.optional(),
});

/** A delivery or engagement event reported by a channel. */
export const DeliveryActivitySchema = z.object({
  ...base,
  type: z.literal('delivery'),
  channel: ChannelKindSchema,
  event: z.enum(['delivered', 'opened', 'clicked', 'bounced', 'complained', 'replied', 'failed']),
  bounce: z.enum(['hard', 'soft']).optional(),
  contactId: IdSchema.optional(),
  /** Idempotency key of the action the event is about, when known. */
  actionKey: z.string().max(300).optional(),
  text: z.string().max(10_000).optional(),
});

/** A phone conversation or attempt, by a person or an automated call. */
export const CallActivitySchema = z.object({
  ...base,
  type: z.literal('call'),
  direction: z.enum(['outbound', 'inbound']).default('outbound'),
  outcome: z.enum(['reached', 'no-answer', 'voicemail', 'wrong-number', 'refused']),
  /** Whether the call was placed by an automated dialler (counts towards call caps either way). */
  automated: z.boolean().default(false),
  durationSeconds: z.number().int().min(0).optional(),
  contactId: IdSchema.optional(),
  notes: z.string().max(10_000).optional(),
  commitments: z.string().max(2000).optional(),
});

/** A free-text note: CRM note, support ticket, agent remark. */
export const NoteActivitySchema = z.object({
  ...base,
  type: z.literal('note'),
  source: z.enum(['agent', 'crm', 'support-ticket', 'import', 'customer-reply']).default('agent'),
  text: z.string().max(20_000),
});

/** A change in a promise to pay. */
export const PromiseActivitySchema = z.object({
  ...base,
  type: z.literal('promise'),
  promiseId: IdSchema,
  event: z.enum(['made', 'kept', 'partially-kept', 'broken', 'cancelled']),
  amount: MoneySchema.optional(),
  date: CalendarDateSchema.optional(),
});

/** A change in an installment plan. */
export const PlanActivitySchema = z.object({
  ...base,
  type: z.literal('plan'),
  planId: IdSchema,
  event: z.enum([
    'proposed',
    'created',
    'installment-paid',
    'installment-missed',
    'in-arrears',
    'back-on-track',
    'defaulted',
    'completed',
    'cancelled',
  ]),
  installment: z.number().int().min(1).optional(),
  amount: MoneySchema.optional(),
});

/** A payment recorded against the invoice. */
export const PaymentActivitySchema = z.object({
  ...base,
  type: z.literal('payment'),
  paymentId: IdSchema,
  amount: MoneySchema,
  status: z.enum(['succeeded', 'failed', 'pending', 'refunded']),
  method: z.string().max(50).optional(),
  reference: z.string().max(200).optional(),
});

/** A change of lifecycle or collection status. */
export const StatusActivitySchema = z.object({
  ...base,
  type: z.literal('status'),
  change: z.enum([
    'created',
    'paused',
    'resumed',
    'dispute-opened',
    'dispute-resolved',
    'voided',
    'written-off',
    'reopened',
    'marked-paid',
    'ladder-assigned',
    'credit-note',
    'write-off-warning',
  ]),
  reason: z.string().max(2000).optional(),
});

/** A contact change: edited details, opt-out, opt-in, suppression after a hard bounce. */
export const ContactActivitySchema = z.object({
  ...base,
  type: z.literal('contact'),
  contactId: IdSchema,
  event: z.enum(['updated', 'opted-out', 'opted-in', 'suppressed', 'unsuppressed']),
  channel: ChannelKindSchema.optional(),
  detail: z.string().max(2000).optional(),
});

/** An approval or rejection of an action that required a person. */
export const ApprovalActivitySchema = z.object({
  ...base,
  type: z.literal('approval'),
  actionKey: z.string().max(300),
  decision: z.enum(['approved', 'rejected']),
  reason: z.string().max(2000).optional(),
});

/** One entry of the timeline. */
export const ActivitySchema = z.discriminatedUnion('type', [
  ActionActivitySchema,
  DeliveryActivitySchema,
  CallActivitySchema,
  NoteActivitySchema,
  PromiseActivitySchema,
  PlanActivitySchema,
  PaymentActivitySchema,
  StatusActivitySchema,
  ContactActivitySchema,
  ApprovalActivitySchema,
]);
/** One entry of the timeline. */
export type Activity = z.infer<typeof ActivitySchema>;
/** Input accepted for an {@link Activity}. */
export type ActivityInput = z.input<typeof ActivitySchema>;
/** A decided action and its outcome. */
export type ActionActivity = z.infer<typeof ActionActivitySchema>;
/** A delivery or engagement event. */
export type DeliveryActivity = z.infer<typeof DeliveryActivitySchema>;
/** A call. */
export type CallActivity = z.infer<typeof CallActivitySchema>;
/** A note. */
export type NoteActivity = z.infer<typeof NoteActivitySchema>;
