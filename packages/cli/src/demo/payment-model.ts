/**
 * The demo's payment-behaviour model: when a simulated customer pays, and how collection
 * activity changes it. Pure functions; the simulation applies them day by day.
 *
 * - Unprompted, each invoice is paid on its *natural pay day*: the due date plus a lateness
 *   drawn from the customer's own base lateness (itself drawn from its behaviour group), and
 *   some invoices are forgotten for weeks (see `generatePortfolio`).
 * - Every touch the customer receives adds a *nudge*: a daily chance of paying that starts at
 *   the touch's strength and fades to nothing over {@link NUDGE_DAYS} days. Stronger for calls,
 *   letters and firmer tones; scaled by the customer's responsiveness.
 * - On each day the customer pays if the natural pay day has come, or if the day's draw (the
 *   same draw in the run with reminders and in the control run) falls below the sum of the
 *   nudges. So reminders can only bring a payment forward, never delay it.
 *
 * @module
 */
import type { ActionType, ChannelKind, Tone } from '@dueflow/core';
import { uniformFor } from './random.js';

/** Days over which a touch's effect fades out. */
export const NUDGE_DAYS = 5;

/** The strongest daily payment chance nudges can add up to. */
export const MAX_DAILY_CHANCE = 0.6;

/** A touch the customer received about one invoice. */
export interface Nudge {
  /** Epoch day the touch arrived. */
  readonly day: number;
  /** Daily payment chance on that day (0-1), fading linearly to 0 over {@link NUDGE_DAYS}. */
  readonly strength: number;
}

const TONE_STRENGTH: Record<Tone, number> = { partnership: 0.08, friendly: 0.07, neutral: 0.09, firm: 0.12, final: 0.18 };
const ACTION_STRENGTH: Partial<Record<ActionType, number>> = {
  'call-task': 0.25,
  'demand-letter': 0.22,
  'credit-hold': 0.15,
  'agency-referral': 0.2,
  'account-manager-alert': 0.06,
  offer: 0.12,
  'promise-reminder': 0.1,
  'promise-follow-up': 0.12,
  // Internal to the business: the customer never sees these.
  'write-off-warning': 0,
  webhook: 0,
};

/**
 * The strength of one touch: messages by tone (partnership 0.08 … final 0.18, plus 0.03 by SMS,
 * whose messages are read at once), other actions by type (a colleague's call 0.25, a demand
 * letter 0.22, a credit hold 0.15, an account-manager alert 0.06, a write-off warning to
 * colleagues 0), times the customer's responsiveness.
 *
 * @example
 * ```ts
 * nudgeStrength({ type: 'message', channel: 'email', tone: 'firm' }, 1); // 0.12
 * nudgeStrength({ type: 'call-task' }, 0.7); // 0.175
 * ```
 */
export function nudgeStrength(
  action: { readonly type: ActionType; readonly channel?: ChannelKind; readonly tone?: Tone },
  responsiveness: number,
): number {
  const base =
    action.type === 'message'
      ? TONE_STRENGTH[action.tone ?? 'neutral'] + (action.channel === 'sms' ? 0.03 : 0)
      : (ACTION_STRENGTH[action.type] ?? 0.05);
  return Math.round(base * responsiveness * 1000) / 1000;
}

/**
 * The daily payment chance the nudges add on `day`, capped at {@link MAX_DAILY_CHANCE}.
 *
 * @example
 * ```ts
 * nudgeChance([{ day: 10, strength: 0.2 }], 12); // 0.12 (two fifths faded)
 * ```
 */
export function nudgeChance(nudges: readonly Nudge[], day: number): number {
  let chance = 0;
  for (const n of nudges) {
    const age = day - n.day;
    if (age >= 0 && age < NUDGE_DAYS) chance += n.strength * (1 - age / NUDGE_DAYS);
  }
  return Math.min(chance, MAX_DAILY_CHANCE);
}

/**
 * Whether the customer pays the invoice on `day`: the natural pay day has come, or the day's
 * draw falls below the nudges' chance. The draw depends only on the seed, the invoice and the
 * day, so the control run (no nudges) sees the same luck.
 *
 * @example
 * ```ts
 * paysOn({ seed: 1, invoiceId: 'inv-1', day: 30, naturalPayDay: 28, nudges: [] }); // true
 * ```
 */
export function paysOn(input: {
  readonly seed: number;
  readonly invoiceId: string;
  readonly day: number;
  readonly naturalPayDay: number;
  readonly nudges: readonly Nudge[];
}): boolean {
  if (input.day >= input.naturalPayDay) return true;
  if (input.nudges.length === 0) return false;
  return uniformFor(input.seed, `${input.invoiceId}:${input.day}`) < nudgeChance(input.nudges, input.day);
}
