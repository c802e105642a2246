/**
 * The meaning of the storage port's `CustomerQuery.address` filter, shared by the in-memory
 * storage and inbound routing.
 *
 * @module
 */
import type { Contact } from '@dueflow/core';

/**
 * What `CustomerQuery.address` matches: a contact whose email equals the address ignoring case,
 * or whose phone equals it; the address is trimmed first. The in-memory storage and inbound
 * routing both use it, so the two can never disagree. Internal: not exported from an entry point.
 *
 * @example
 * ```ts
 * contactHasAddress({ id: 'k1', email: 'AP@acme.example', optOuts: [], suppressed: [] }, ' ap@acme.example'); // true
 * ```
 */
export function contactHasAddress(contact: Pick<Contact, 'email' | 'phone'>, address: string): boolean {
  const wanted = address.trim();
  return (
    (contact.email !== undefined && contact.email.toLowerCase() === wanted.toLowerCase()) ||
    (contact.phone !== undefined && contact.phone === wanted)
  );
}
