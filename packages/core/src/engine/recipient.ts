/**
 * Rule 9, channel and contact: for a customer-facing action, the channels in the strategy's
 * order, each tried with each contact (billing contacts first), skipping missing or invalid
 * addresses, opt-outs, suppressed addresses and channels that failed permanently on an earlier
 * attempt. Internal actions go to the business.
 *
 * @module
 */
import type { Contact } from '../model/customer.js';
import { chooseReach, orderChannels } from './channel-strategy.js';
import type { DecidedAction } from './decision.js';
import type { DecisionContext } from './decision-context.js';
import type { Target } from './act-target.js';
import type { StepFailures } from './step-history.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Who an action goes to: the action with its channel and contact, and the zones whose send windows apply. */
export interface Recipient {
  readonly action: DecidedAction;
  /** The recipient's zones: the contact's own (else the customer's) and its other zones; the business's for internal actions. */
  readonly zones: readonly string[];
  /** The contact, for customer-facing actions. */
  readonly contact: Contact | undefined;
}

/**
 * The recipient of `target`, or `undefined` when no contact can be reached on any channel (the
 * reasons then say which channels were tried and why each failed).
 */
export function recipientOf(ctx: DecisionContext, target: Target, failed: StepFailures): Recipient | undefined {
  const { snapshot, policy, reasons } = ctx;
  if (target.channels === undefined) {
    const zone = ctx.calendar.timeZone;
    reasons.push({ code: 'internal', timeZone: zone });
    if (target.charge !== undefined)
      reasons.push({ code: 'charge', amount: target.charge.amount, kind: String(target.charge.inputs['kind']) });
    const action: Mutable<DecidedAction> = { type: target.actionType };
    if (target.template !== undefined) action.template = target.template;
    if (target.tone !== undefined) action.tone = target.tone;
    if (target.event !== undefined) action.event = target.event;
    if (target.charge !== undefined) action.charge = target.charge;
    return { action, zones: [zone], contact: undefined };
  }
  const customer = snapshot.customer;
  const order = orderChannels(target.channels, customer, policy, {
    segment: policy.segments.get(ctx.segment),
    stats: snapshot.customerStats,
  });
  const reach = chooseReach(customer, order.channels, failed.channels);
  if (!('contact' in reach)) {
    reasons.push({ code: 'no-reachable-contact', stepId: target.id, skipped: reach.skipped });
    return undefined;
  }
  const contact = reach.contact;
  const own = contact.timeZone ?? ctx.customerZone;
  const zones = contact.otherTimeZones === undefined ? [own] : [own, ...contact.otherTimeZones];
  reasons.push({ code: 'channel', channel: reach.channel, contactId: contact.id, skipped: reach.skipped, order: order.source });
  if (target.copyAccountManager && customer.accountManager !== undefined) reasons.push({ code: 'copy-account-manager' });
  const action: Mutable<DecidedAction> = { type: target.actionType, channel: reach.channel, contactId: contact.id };
  if (target.template !== undefined) action.template = target.template;
  if (target.tone !== undefined) action.tone = target.tone;
  if (target.copyAccountManager) action.copyAccountManager = true;
  return { action, zones, contact };
}
