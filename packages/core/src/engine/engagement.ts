/**
 * Learning from engagement: per-channel engagement and the best contact hour, computed from a
 * customer's timeline. Storage adapters and the runtime call these to fill `customerStats`.
 *
 * @module
 */
import { MS_PER_DAY } from '../calendar/day.js';
import type { Activity } from '../model/activity.js';
import type { Payment } from '../model/invoice.js';
import type { ChannelKind } from '../model/primitives.js';
import type { ZoneCache } from '../calendar/zone.js';
import type { Engagement } from './snapshot.js';

/** Options of {@link summarizeEngagement}. */
export interface EngagementOptions {
  /** Only activities after this instant (epoch ms) count. */
  readonly sinceMs: number;
  /** Only activities at or before this instant (epoch ms) count. */
  readonly asOfMs: number;
  /**
   * A payment within this many days after a message is credited to the message's channel.
   * @default 7
   */
  readonly paymentWindowDays?: number;
}

/**
 * Per-channel engagement from a customer's timeline and payments: messages sent, opens, clicks,
 * replies, and payments received within `paymentWindowDays` after a message (credited to the
 * channel of the latest message before the payment).
 *
 * @example
 * ```ts
 * summarizeEngagement(activities, payments, { sinceMs: now - 90 * MS_PER_DAY, asOfMs: now });
 * // { email: { messages: 6, opens: 4, clicks: 1, replies: 0, paymentsAfter: 1 } }
 * ```
 */
export function summarizeEngagement(
  activities: readonly Activity[],
  payments: readonly Payment[],
  options: EngagementOptions,
): Partial<Record<ChannelKind, Engagement>> {
  const out: Partial<Record<ChannelKind, { messages: number; opens: number; clicks: number; replies: number; paymentsAfter: number }>> = {};
  const entry = (c: ChannelKind) => (out[c] ??= { messages: 0, opens: 0, clicks: 0, replies: 0, paymentsAfter: 0 });
  const sent: { at: number; channel: ChannelKind }[] = [];
  for (const a of activities) {
    const t = Date.parse(a.at);
    if (t <= options.sinceMs || t > options.asOfMs) continue;
    if (a.type === 'action' && a.outcome === 'sent' && a.channel !== undefined) {
      entry(a.channel).messages++;
      sent.push({ at: t, channel: a.channel });
    } else if (a.type === 'delivery') {
      if (a.event === 'opened') entry(a.channel).opens++;
      else if (a.event === 'clicked') entry(a.channel).clicks++;
      else if (a.event === 'replied') entry(a.channel).replies++;
    }
  }
  sent.sort((a, b) => a.at - b.at);
  const window = (options.paymentWindowDays ?? 7) * MS_PER_DAY;
  for (const p of payments) {
    if (p.status !== 'succeeded') continue;
    const t = Date.parse(p.at);
    if (t <= options.sinceMs || t > options.asOfMs) continue;
    let last: { at: number; channel: ChannelKind } | undefined;
    for (const s of sent) {
      if (s.at > t) break;
      last = s;
    }
    if (last !== undefined && t - last.at <= window) entry(last.channel).paymentsAfter++;
  }
  return out;
}

/**
 * The local hour (0-23, in `zone`) at which the customer most often opens, clicks or replies,
 * or `undefined` with fewer than `minEvents` such events. Ties go to the earlier hour.
 *
 * @example
 * ```ts
 * bestContactHour(activities, 'America/Chicago', new ZoneCache()); // 14
 * ```
 */
export function bestContactHour(activities: readonly Activity[], zone: string, zones: ZoneCache, minEvents = 3): number | undefined {
  const counts = new Array<number>(24).fill(0);
  let total = 0;
  for (const a of activities) {
    if (a.type !== 'delivery' || (a.event !== 'opened' && a.event !== 'clicked' && a.event !== 'replied')) continue;
    counts[Math.floor(zones.localMinute(zone, Date.parse(a.at)) / 60)]!++;
    total++;
  }
  if (total < minEvents) return undefined;
  let best = 0;
  for (let h = 1; h < 24; h++) if (counts[h]! > counts[best]!) best = h;
  return best;
}
