/**
 * Channel strategy: in which order a step's channels are tried, and who is reached on which.
 *
 * The order is deterministic and documented (docs/decision-engine.md):
 * 1. the step's channels, in the step's order, or by cost per expected success when the policy
 *    says `order: 'cost-effectiveness'`;
 * 2. the segment's preferred channels first, in the segment's order;
 * 3. the channel with the best engagement score first, when the customer has at least
 *    `learn.minMessages` messages on it;
 * 4. the primary contact's preferred channel first, when the step allows it.
 * Then each channel is tried with each contact (billing first), skipping missing addresses,
 * opt-outs, suppressed (bounced) addresses and channels that failed permanently before.
 *
 * @module
 */
import type { Contact, Customer } from '../model/customer.js';
import type { CompiledPolicy, Segment } from '../model/policy.js';
import type { ChannelKind } from '../model/primitives.js';
import type { ChannelSkip } from './decision.js';
import type { CustomerStats, Engagement } from './snapshot.js';

/**
 * Engagement score of a channel: (opens + 2 × clicks + 3 × replies + 5 × payments after a
 * message) per message sent. Higher is better.
 *
 * @example
 * ```ts
 * engagementScore({ messages: 4, opens: 2, clicks: 1, replies: 0, paymentsAfter: 1 }); // 2.25
 * ```
 */
export function engagementScore(e: Engagement): number {
  if (e.messages === 0) return 0;
  return (e.opens + 2 * e.clicks + 3 * e.replies + 5 * e.paymentsAfter) / e.messages;
}

function moveToFront(list: ChannelKind[], channel: ChannelKind): void {
  const i = list.indexOf(channel);
  if (i > 0) {
    list.splice(i, 1);
    list.unshift(channel);
  }
}

const ROLE_RANK: Record<Contact['role'], number> = { billing: 0, 'accounts-payable': 1, primary: 2, executive: 3, other: 4 };

/**
 * Contacts in the order the engine tries them: billing first, then accounts payable, primary,
 * executive and other, each role in declared order.
 *
 * @example
 * ```ts
 * contactsByRole(customer).map((c) => c.role); // ['billing', 'primary']
 * ```
 */
export function contactsByRole(customer: Customer): readonly Contact[] {
  const contacts = customer.contacts;
  // Usually already in role order: then no copy is made (the sort below is stable, so the result is the same).
  let ordered = true;
  for (let i = 1; i < contacts.length && ordered; i++) ordered = ROLE_RANK[contacts[i - 1]!.role] <= ROLE_RANK[contacts[i]!.role];
  if (ordered) return contacts;
  return [...contacts].sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role]);
}

/** Why the channel order is what it is (for explanations). */
export type OrderSource = 'step' | 'cost' | 'segment' | 'engagement' | 'preferred';

/** What else {@link orderChannels} weighs besides the step's channels and the policy. */
export interface ChannelOrderInputs {
  /** The customer's segment, whose preferred channels move to the front. */
  readonly segment?: Segment | undefined;
  /** The customer's statistics, whose engagement per channel can pick the best channel. */
  readonly stats?: CustomerStats | undefined;
}

/**
 * The order in which a step's channels are tried for a customer (see the module comment).
 *
 * @example
 * ```ts
 * orderChannels(['email', 'sms'], customer, policy, { stats }); // { channels: ['sms', 'email'], source: 'engagement' }
 * ```
 */
export function orderChannels(
  allowed: readonly ChannelKind[],
  customer: Customer,
  policy: CompiledPolicy,
  inputs: ChannelOrderInputs = {},
): { channels: readonly ChannelKind[]; source: OrderSource } {
  const { segment, stats } = inputs;
  const strategy = policy.source.channels;
  const preferred = strategy.honourPreferred ? contactsByRole(customer)[0]?.preferredChannel : undefined;
  const engagement = strategy.learn.enabled ? stats?.engagement : undefined;
  if (allowed.length < 2) return { channels: allowed, source: 'step' };
  const list = [...allowed];
  let source: OrderSource = 'step';
  if (strategy.order === 'cost-effectiveness') {
    const rank = policy.channelRank;
    list.sort((a, b) => rank[a] - rank[b]);
    source = 'cost';
  }
  if (segment?.channels !== undefined) {
    for (let i = segment.channels.length - 1; i >= 0; i--) {
      const c = segment.channels[i]!;
      if (list.includes(c)) {
        moveToFront(list, c);
        source = 'segment';
      }
    }
  }
  if (engagement !== undefined) {
    let best: ChannelKind | undefined;
    let bestScore = 0;
    for (const c of list) {
      const e = engagement[c];
      if (e === undefined || e.messages < strategy.learn.minMessages) continue;
      const score = engagementScore(e);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (best !== undefined) {
      moveToFront(list, best);
      source = 'engagement';
    }
  }
  if (preferred !== undefined && list.includes(preferred)) {
    moveToFront(list, preferred);
    source = 'preferred';
  }
  return { channels: list, source };
}

/**
 * The addresses a contact, or a message's recipient, can be reached at.
 *
 * @inline
 */
export type ContactAddresses = {
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  readonly postalAddress?: readonly string[] | undefined;
  readonly webhook?: string | undefined;
};

/**
 * The address a contact (or a message's recipient) has on a channel, if any: the email address,
 * the phone number for SMS and voice, the postal address's lines joined for letters, the URL for
 * webhooks.
 *
 * @example
 * ```ts
 * addressOf({ email: 'ap@acme.example' }, 'email'); // 'ap@acme.example'
 * addressOf({ email: 'ap@acme.example' }, 'sms'); // undefined: fall back to another channel
 * addressOf(message.to, message.channel); // where a channel adapter delivers a message
 * ```
 */
export function addressOf(contact: ContactAddresses, channel: ChannelKind): string | undefined {
  switch (channel) {
    case 'email':
      return contact.email;
    case 'sms':
    case 'voice':
      return contact.phone;
    case 'letter':
      return contact.postalAddress !== undefined && contact.postalAddress.length > 0 ? contact.postalAddress.join(', ') : undefined;
    case 'webhook':
      return contact.webhook;
  }
}

/** A contact reachable on a channel. */
export interface Reach {
  readonly channel: ChannelKind;
  readonly contact: Contact;
  readonly skipped: readonly ChannelSkip[];
}

/**
 * The first (channel, contact) pair that can be reached, trying channels in order and contacts
 * billing first, and the channels passed over with why.
 *
 * @example
 * ```ts
 * chooseReach(customer, ['email', 'sms'], []); // { channel: 'sms', contact, skipped: [{ channel: 'email', why: 'suppressed' }] }
 * ```
 */
export function chooseReach(
  customer: Customer,
  channels: readonly ChannelKind[],
  failedOn: readonly ChannelKind[],
): Reach | { readonly skipped: readonly ChannelSkip[] } {
  const contacts = contactsByRole(customer);
  const skipped: ChannelSkip[] = [];
  for (const channel of channels) {
    if (failedOn.includes(channel)) {
      skipped.push({ channel, why: 'failed-before' });
      continue;
    }
    let why: ChannelSkip['why'] = 'no-address';
    for (const contact of contacts) {
      if (addressOf(contact, channel) === undefined) continue;
      if (contact.optOuts.includes(channel)) {
        why = 'opted-out';
        continue;
      }
      if (contact.suppressed.includes(channel)) {
        if (why === 'no-address') why = 'suppressed';
        continue;
      }
      return { channel, contact, skipped };
    }
    skipped.push({ channel, why });
  }
  return { skipped };
}
