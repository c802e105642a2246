/**
 * Where a decided action goes: the recipient on the decision's channel.
 *
 * @module
 */
import type { ActDecision, Snapshot } from '@dueflow/core';
import type { Recipient } from '../ports/channel.js';

/**
 * The recipient of `decision`, from the snapshot's contact: its address on the decision's
 * channel, its locale and time zone (else the customer's). `undefined` when the contact is gone
 * or has no address on that channel any more. Internal actions (no channel) are addressed to the
 * customer as a whole, with contact id `internal`.
 *
 * @example
 * ```ts
 * recipientFor(snapshot, decision); // { customerId: 'c1', contactId: 'k1', email: 'ap@acme.example', ... }
 * ```
 */
export function recipientFor(snapshot: Snapshot, decision: ActDecision): Recipient | undefined {
  const customer = snapshot.customer;
  const channel = decision.action.channel;
  if (channel === undefined)
    return { customerId: customer.id, contactId: 'internal', name: customer.name, locale: customer.locale, timeZone: customer.timeZone };
  const contact = customer.contacts.find((c) => c.id === decision.action.contactId);
  if (contact === undefined) return undefined;
  const base = {
    customerId: customer.id,
    contactId: contact.id,
    ...(contact.name !== undefined ? { name: contact.name } : {}),
    locale: contact.locale ?? customer.locale,
    timeZone: contact.timeZone ?? customer.timeZone,
  };
  switch (channel) {
    case 'email':
      return contact.email === undefined ? undefined : { ...base, email: contact.email };
    case 'sms':
    case 'voice':
      return contact.phone === undefined ? undefined : { ...base, phone: contact.phone };
    case 'letter':
      return contact.postalAddress === undefined || contact.postalAddress.length === 0
        ? undefined
        : { ...base, postalAddress: contact.postalAddress };
    case 'webhook':
      return contact.webhook === undefined ? undefined : { ...base, webhook: contact.webhook };
  }
}
