/**
 * Invariant 6 (the contact part): messages go only where the contact can and may be reached.
 *
 * @module
 */
import type { ChannelKind, CompiledPolicy, Contact, InstantLike, Snapshot } from '@dueflow/core';
import { decider, fail, OK, type InvariantOptions, type InvariantResult } from './invariant-result.js';

function hasAddress(contact: Contact, channel: ChannelKind): boolean {
  switch (channel) {
    case 'email':
      return contact.email !== undefined;
    case 'sms':
    case 'voice':
      return contact.phone !== undefined;
    case 'letter':
      return contact.postalAddress !== undefined && contact.postalAddress.length > 0;
    case 'webhook':
      return contact.webhook !== undefined;
  }
}

/**
 * Invariant 6, contact rules: an act on a channel names a contact of the customer that has an
 * address for the channel, has not opted out of it, is not suppressed on it, and has not failed
 * permanently on it for the same step occurrence.
 *
 * @example
 * ```ts
 * expect(checkContactRules(snapshot, now, policy)).toEqual({ ok: true });
 * ```
 */
export function checkContactRules(
  snapshot: Snapshot,
  now: InstantLike,
  policy: CompiledPolicy,
  options: InvariantOptions = {},
): InvariantResult {
  const decision = decider(options)(snapshot, now, policy);
  if (decision.kind !== 'act' || decision.action.channel === undefined) return OK;
  const channel = decision.action.channel;
  const contact = snapshot.customer.contacts.find((c) => c.id === decision.action.contactId);
  const what = `${decision.idempotencyKey} by ${channel}`;
  if (contact === undefined) return fail(`${what} names contact ${String(decision.action.contactId)}, which the customer does not have`);
  if (!hasAddress(contact, channel)) return fail(`${what}: contact ${contact.id} has no ${channel} address`);
  if (contact.optOuts.includes(channel)) return fail(`${what}: contact ${contact.id} opted out of ${channel}`);
  if (contact.suppressed.includes(channel)) return fail(`${what}: contact ${contact.id} is suppressed on ${channel}`);
  const failedBefore = snapshot.activities.some(
    (a) =>
      a.type === 'action' &&
      a.outcome === 'failed' &&
      a.permanent === true &&
      a.channel === channel &&
      a.stepId === decision.step.id &&
      a.occurrence === decision.step.occurrence,
  );
  if (failedBefore) return fail(`${what}: this step occurrence already failed permanently on ${channel}`);
  return OK;
}
