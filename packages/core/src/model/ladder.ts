/**
 * Ladders: ordered collection steps, each an action at an offset from the due or issue date.
 *
 * @module
 */
import { z } from 'zod';
import { strictObject } from './strict-object.js';
import { InterestSpecSchema, LateFeeSpecSchema } from '../operations/fees.js';
import { PerCurrencyAmountsSchema } from './money.js';
import { ChannelKindSchema, ToneSchema } from './primitives.js';

const SLUG = /^[a-z0-9][a-z0-9._-]*$/;

/** A step or ladder identifier: lower-case letters, digits, `.`, `_` and `-`. */
export const SlugSchema = z.string().min(1).max(64).regex(SLUG, 'expected lower-case letters, digits, ".", "_" or "-"');

const TemplateSchema = z.string().min(1).max(200);

/** What a step does. */
export const StepActionSchema = z.discriminatedUnion('type', [
  strictObject({
    type: z.literal('message'),
    /** Channels in order of preference; the channel strategy may reorder them by cost and engagement. */
    channels: z.array(ChannelKindSchema).min(1).default(['email']),
    template: TemplateSchema,
    tone: ToneSchema.default('neutral'),
  }),
  strictObject({ type: z.literal('call-task'), template: TemplateSchema.default('call.request'), tone: ToneSchema.default('neutral') }),
  strictObject({ type: z.literal('account-manager-alert'), template: TemplateSchema.default('internal.account-manager-alert') }),
  strictObject({ type: z.literal('credit-hold'), template: TemplateSchema.default('internal.credit-hold') }),
  strictObject({
    type: z.literal('demand-letter'),
    channels: z.array(ChannelKindSchema).min(1).default(['letter', 'email']),
    template: TemplateSchema.default('letter.demand'),
    tone: ToneSchema.default('final'),
  }),
  strictObject({ type: z.literal('agency-referral'), template: TemplateSchema.default('internal.agency-referral') }),
  strictObject({ type: z.literal('webhook'), event: z.string().min(1).max(100), template: TemplateSchema.optional() }),
  strictObject({
    type: z.literal('late-fee'),
    fee: LateFeeSpecSchema,
    template: TemplateSchema.default('internal.late-fee'),
  }),
  strictObject({
    type: z.literal('interest'),
    interest: InterestSpecSchema,
    template: TemplateSchema.default('internal.interest'),
  }),
  strictObject({ type: z.literal('write-off-warning'), template: TemplateSchema.default('internal.write-off-warning') }),
  strictObject({
    type: z.literal('offer'),
    /** What is offered; the offer's terms are set by the person who approves it. */
    offer: z.enum(['payment-plan', 'early-payment-discount']),
    channels: z.array(ChannelKindSchema).min(1).default(['email']),
    template: TemplateSchema.default('offer.payment-plan'),
    tone: ToneSchema.default('partnership'),
  }),
]);
/** What a step does. */
export type StepAction = z.infer<typeof StepActionSchema>;

/** Conditions a step needs to apply; a step whose conditions fail is skipped, with the reason. */
export const StepConditionsSchema = strictObject({
  /**
   * Minimum outstanding balance per currency, in minor units (`{ USD: 50000 }` is 500.00 USD).
   * Invoices in currencies not listed are not constrained.
   */
  minOutstanding: PerCurrencyAmountsSchema.optional(),
  /** The step applies only to customers in one of these segments. */
  segments: z.array(z.string().min(1).max(64)).min(1).optional(),
  /** The step never applies to customers in these segments. */
  exceptSegments: z.array(z.string().min(1).max(64)).min(1).optional(),
});
/** Conditions a step needs to apply. */
export type StepConditions = z.infer<typeof StepConditionsSchema>;

/** One rung of a ladder. */
export const StepSchema = strictObject({
  id: SlugSchema,
  name: z.string().min(1).max(200),
  /** Whether `offsetDays` counts from the due date (the usual case) or from the issue date. */
  anchor: z.enum(['due', 'issue']).default('due'),
  /** Whole days from the anchor; negative for pre-due reminders. */
  offsetDays: z.number().int().min(-3650).max(3650),
  action: StepActionSchema,
  conditions: StepConditionsSchema.optional(),
  /** A person must approve the action before it is dispatched. */
  requiresApproval: z.boolean().default(false),
  /** Repeat every `everyDays` until paid (or until a later step is due), at most `maxOccurrences` times. */
  repeat: strictObject({
    everyDays: z.number().int().min(1).max(365),
    maxOccurrences: z.number().int().min(1).max(1000).optional(),
  }).optional(),
});
/** One rung of a ladder. */
export type Step = z.infer<typeof StepSchema>;
/** Input accepted for a {@link Step}. */
export type StepInput = z.input<typeof StepSchema>;

/** An ordered list of steps. Step order is escalation order. */
export const LadderSchema = strictObject({
  id: SlugSchema,
  name: z.string().min(1).max(200),
  steps: z.array(StepSchema).min(1).max(100),
}).superRefine((ladder, ctx) => {
  const seen = new Set<string>();
  ladder.steps.forEach((step, i) => {
    if (seen.has(step.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: 'duplicate step id', input: step.id });
    seen.add(step.id);
  });
});
/** An ordered list of steps. */
export type Ladder = z.infer<typeof LadderSchema>;
/** Input accepted for a {@link Ladder}. */
export type LadderInput = z.input<typeof LadderSchema>;

/**
 * The default ladder, mirroring common practice: a friendly reminder 7 days before due, a due-date
 * notice, an overdue notice at +7, a call request at +14, an account-manager alert at +21, a credit
 * hold at +30, a demand letter at +45 and an agency referral at +60 that needs approval. Strategic
 * customers also get a payment-plan offer at +40, sent once a person approves it.
 *
 * @example
 * ```ts
 * const policy = compilePolicy({ ladders: [DEFAULT_LADDER] });
 * ```
 */
export const DEFAULT_LADDER: LadderInput = {
  id: 'default',
  name: 'Standard collection ladder',
  steps: [
    {
      id: 'pre-due-reminder',
      name: 'Friendly reminder',
      offsetDays: -7,
      action: { type: 'message', channels: ['email'], template: 'reminder.pre-due', tone: 'friendly' },
    },
    {
      id: 'due-date-notice',
      name: 'Due-date notice',
      offsetDays: 0,
      action: { type: 'message', channels: ['email'], template: 'notice.due', tone: 'neutral' },
    },
    {
      id: 'overdue-notice',
      name: 'Overdue notice',
      offsetDays: 7,
      action: { type: 'message', channels: ['email', 'sms'], template: 'notice.overdue', tone: 'firm' },
    },
    { id: 'call-request', name: 'Call request', offsetDays: 14, action: { type: 'call-task', template: 'call.request' } },
    { id: 'account-manager-alert', name: 'Account-manager alert', offsetDays: 21, action: { type: 'account-manager-alert' } },
    { id: 'credit-hold', name: 'Credit hold', offsetDays: 30, action: { type: 'credit-hold' } },
    {
      id: 'plan-offer',
      name: 'Payment plan offer',
      offsetDays: 40,
      action: { type: 'offer', offer: 'payment-plan', channels: ['email'], template: 'offer.payment-plan', tone: 'partnership' },
      conditions: { segments: ['strategic'] },
      requiresApproval: true,
    },
    {
      id: 'demand-letter',
      name: 'Demand letter',
      offsetDays: 45,
      action: { type: 'demand-letter', channels: ['letter', 'email'], template: 'letter.demand', tone: 'final' },
    },
    { id: 'agency-referral', name: 'Agency referral', offsetDays: 60, action: { type: 'agency-referral' }, requiresApproval: true },
  ],
};
