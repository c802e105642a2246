/**
 * Shared primitive schemas: identifiers, calendar dates, instants, time zones, channels, tones.
 *
 * @module
 */
import { z } from 'zod';
import { isCalendarDate } from '../calendar/day.js';
import { isTimeZone } from '../calendar/zone.js';

/** An identifier chosen by the caller (database id, accounting-system id...). */
export const IdSchema = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** A calendar date written `YYYY-MM-DD`, e.g. `"2025-03-31"`. */
export const CalendarDateSchema = z.string().refine(isCalendarDate, { message: 'expected a calendar date YYYY-MM-DD' });

/** An instant: ISO 8601 with `Z` or an offset, e.g. `"2025-03-31T09:00:00Z"`. */
export const InstantSchema = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 instant such as 2025-03-31T09:00:00Z' });

/** An IANA time-zone name known to the runtime, e.g. `"Europe/Paris"`. */
export const TimeZoneSchema = z.string().refine(isTimeZone, { message: 'unknown IANA time zone' });

/** A BCP 47 locale tag, e.g. `"en-GB"`. */
export const LocaleSchema = z.string().refine(
  (tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  },
  { message: 'expected a BCP 47 locale such as en-US' },
);

/** Channels a message can travel on. */
export const ChannelKindSchema = z.enum(['email', 'sms', 'voice', 'letter', 'webhook']);
/** Channels a message can travel on. */
export type ChannelKind = z.infer<typeof ChannelKindSchema>;

/** Tone of a customer-facing message, from warmest to sternest. */
export const ToneSchema = z.enum(['partnership', 'friendly', 'neutral', 'firm', 'final']);
/** Tone of a customer-facing message, from warmest to sternest. */
export type Tone = z.infer<typeof ToneSchema>;

/** Who did something: the engine, a person, the customer, or a provider (webhook). */
export const ActorSchema = z.object({
  type: z.enum(['system', 'user', 'customer', 'provider']),
  id: z.string().max(200).optional(),
  name: z.string().max(200).optional(),
});
/** Who did something. */
export type Actor = z.infer<typeof ActorSchema>;

/** Free-form metadata kept alongside a record. */
export const MetadataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
