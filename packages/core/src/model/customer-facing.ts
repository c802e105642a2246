/**
 * Which actions reach the customer, in one place: the policy compiler marks every other ladder
 * step internal (it goes to the business's own people and systems, in the business's time zone),
 * and the timeline summary counts only these (and calls) towards contact caps.
 *
 * @module
 */
import type { ActionType } from './activity.js';

/**
 * Actions that reach the customer: messages, demand letters, discount offers, and the promise and
 * installment reminders the engine schedules outside the ladder. Call tasks, account-manager
 * alerts, credit holds, agency referrals, webhooks, fees, interest and write-off warnings are
 * internal.
 */
export const CUSTOMER_FACING_ACTIONS: ReadonlySet<ActionType> = new Set<ActionType>([
  'message',
  'demand-letter',
  'offer',
  'promise-reminder',
  'promise-follow-up',
  'installment-reminder',
]);
