/**
 * Arbitraries for customers and their contacts.
 *
 * @module
 */
import fc from 'fast-check';
import type { ChannelKind, ContactInput, CustomerInput } from '@dueflow/core';
import { SAMPLE_SEGMENTS } from './ladder.js';
import { arbTimeZone } from './time-zone.js';

const CHANNELS: readonly ChannelKind[] = ['email', 'sms', 'voice', 'letter', 'webhook'];
const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-CL', 'ja-JP', 'hi-IN'];

/**
 * A contact: any mix of email, phone, postal address and webhook (possibly none), opt-outs and
 * suppressed channels, sometimes its own time zone (and further zones of a second office), a
 * preferred channel and a locale.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbContact('c1'), (contact) => ContactSchema.safeParse(contact).success));
 * ```
 */
export function arbContact(id: string): fc.Arbitrary<ContactInput> {
  return fc
    .record(
      {
        name: fc.constantFrom('Ana Pérez', 'Bo Li', 'Accounts Payable'),
        role: fc.constantFrom('billing' as const, 'accounts-payable' as const, 'primary' as const, 'executive' as const, 'other' as const),
        email: fc.constantFrom('ap@example.com', 'billing@example.org', 'cfo@example.net'),
        phone: fc.integer({ min: 2_000_000, max: 9_999_999 }).map((n) => `+1415${n}`),
        postalAddress: fc.constant<string[]>(['1 Main Street', 'Springfield']),
        webhook: fc.constant('https://hooks.example.com/ar'),
        timeZone: arbTimeZone(),
        otherTimeZones: fc.array(arbTimeZone(), { minLength: 1, maxLength: 2 }),
        preferredChannel: fc.constantFrom(...CHANNELS),
        locale: fc.constantFrom(...LOCALES),
        optOuts: fc.subarray([...CHANNELS], { maxLength: 2 }),
        suppressed: fc.subarray([...CHANNELS], { maxLength: 2 }),
      },
      { requiredKeys: [] },
    )
    .map((fields): ContactInput => ({ id, ...fields }));
}

/** Options of {@link arbCustomer}. */
export interface ArbCustomerOptions {
  /**
   * Customer id.
   * @default 'cust-1'
   */
  readonly id?: string;
  /**
   * Ladder ids the customer may be assigned to.
   * @default []
   */
  readonly ladderIds?: readonly string[];
}

/**
 * A valid customer: zero to three contacts with distinct ids (billing contacts usually
 * reachable by email), a time zone weighted towards DST zones, a locale, and sometimes a
 * forced segment, a tier, tags, an account manager or an assigned ladder.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbCustomer(), (customer) => CustomerSchema.safeParse(customer).success));
 * ```
 */
export function arbCustomer(options: ArbCustomerOptions = {}): fc.Arbitrary<CustomerInput> {
  const ladderIds = options.ladderIds ?? [];
  return fc
    .record(
      {
        contacts: fc
          .integer({ min: 0, max: 3 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbContact(`contact-${i + 1}`)))),
        timeZone: arbTimeZone(),
        locale: fc.constantFrom(...LOCALES),
        tier: fc.constantFrom('strategic', 'enterprise', 'smb'),
        tags: fc.subarray(['net-terms', 'key-account', 'new']),
        accountManager: fc.constant({ name: 'Sam Rivera', email: 'sam@example.com' }),
        segment: fc.constantFrom(...SAMPLE_SEGMENTS),
        ladderId: ladderIds.length > 0 ? fc.constantFrom(...ladderIds, 'unknown-ladder') : fc.constant('unknown-ladder'),
      },
      { requiredKeys: ['contacts', 'timeZone'] },
    )
    .map((fields): CustomerInput => ({ id: options.id ?? 'cust-1', name: 'Acme Industrial', ...fields }));
}
