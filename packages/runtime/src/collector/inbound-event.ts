/**
 * Inbound events: what `collector.record()` accepts, validated at the boundary.
 *
 * @module
 */
import { ChannelKindSchema, IdSchema, PaymentSchema } from '@dueflow/core';
import { z } from 'zod';

/** An instant as epoch ms, a `Date`, or an ISO 8601 string. */
const InstantInputSchema = z.union([
  z.number().int().refine(Number.isSafeInteger, { message: 'outside the safe integer range' }),
  z.date(),
  z.iso.datetime({ offset: true, message: 'expected an ISO 8601 instant such as 2025-03-31T09:00:00Z' }),
]);

/** Who the event is about, when the caller knows it already. */
const ContactRefSchema = z.object({ customerId: IdSchema, contactId: IdSchema });

/** Ways an event names what it is about; at least one is needed (checked when routing). */
const routing = {
  /** Idempotency key of the action the event is about. */
  key: z.string().min(1).max(300).optional(),
  /** The provider's message id, as returned by `send`. */
  providerMessageId: z.string().min(1).max(300).optional(),
  /** Email address or E.164 phone number of the contact. */
  address: z.string().min(1).max(320).optional(),
  contact: ContactRefSchema.optional(),
  /**
   * The provider delivery the event came from, derived from signed content (a channel's
   * `ChannelEvent.deliveryId`): an opt-out or opt-in of a delivery already recorded is not
   * applied again, however late it is replayed.
   */
  deliveryId: z.string().min(1).max(300).optional(),
};

/**
 * Events accepted by `collector.record()`, validated with `parseWith` at the boundary.
 *
 * @example
 * ```ts
 * const event = parseWith(InboundEventSchema, 'event', { type: 'opt-out', channel: 'sms', at: Date.now(), address: '+14155550100' });
 * ```
 */
export const InboundEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('payment'), payment: PaymentSchema }),
  z.object({
    type: z.enum(['delivered', 'opened', 'clicked', 'complained', 'failed']),
    channel: ChannelKindSchema,
    at: InstantInputSchema,
    detail: z.string().max(2000).optional(),
    ...routing,
  }),
  z.object({
    type: z.literal('bounced'),
    bounce: z.enum(['hard', 'soft']),
    channel: ChannelKindSchema,
    at: InstantInputSchema,
    detail: z.string().max(2000).optional(),
    ...routing,
  }),
  z.object({ type: z.literal('replied'), channel: ChannelKindSchema, at: InstantInputSchema, text: z.string().max(10_000), ...routing }),
  z.object({ type: z.enum(['opt-out', 'opt-in', 'help']), channel: ChannelKindSchema, at: InstantInputSchema, ...routing }),
  z.object({
    type: z.literal('call-completed'),
    at: InstantInputSchema,
    outcome: z.enum(['reached', 'no-answer', 'voicemail', 'wrong-number', 'refused']),
    durationSeconds: z.number().int().min(0).optional(),
    transferRequested: z.boolean().optional(),
    notes: z.string().max(10_000).optional(),
    ...routing,
  }),
]);

/**
 * An inbound event: a payment, a delivery or engagement report, a bounce, a reply, an opt-out
 * (`STOP`) or opt-in (`START`), or a completed call. Channel adapters' `ChannelEvent`s are
 * inbound events as they are.
 */
export type InboundEvent = z.input<typeof InboundEventSchema>;
/** An inbound event after validation. */
export type ParsedInboundEvent = z.output<typeof InboundEventSchema>;
