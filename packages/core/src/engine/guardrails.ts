/**
 * Guardrails: contact caps across a customer's invoices, quiet days after a conversation, and
 * the `us-consumer` profile (Regulation F's call presumption). Enforced by `nextAction` before it
 * acts; the runtime checks again at dispatch.
 *
 * @module
 */
import { MS_PER_DAY } from '../calendar/day.js';
import type { ZoneCache } from '../calendar/zone.js';
import type { Guardrails } from '../model/policy.js';
import type { ChannelKind } from '../model/primitives.js';
import type { Snapshot } from './snapshot.js';
import { summaryOf, type TouchKind } from './summary.js';

const WEEK = 7 * MS_PER_DAY;

/** Regulation F: call attempts per debt in 7 days before the presumption of harassment. */
export const REG_F_MAX_CALL_ATTEMPTS = 7;

/** A touch with the customer, as the guardrails count it. */
interface Touch {
  readonly at: number;
  readonly kind: TouchKind;
  readonly sameInvoice: boolean;
}

/**
 * Every touch that counts, newest window only: this invoice's own (from its timeline summary,
 * one per action key) plus the customer's touches on its other invoices (`recentContacts`
 * entries about this invoice are ignored, the timeline being authoritative for it).
 */
function touches(snapshot: Snapshot, since: number, zones: ZoneCache | undefined): Touch[] {
  const out: Touch[] = [];
  const own = summaryOf(snapshot).touches;
  // Newest first: stop at the first touch outside the window.
  for (let i = 0; i < own.length; i++) {
    const t = own[i]!;
    if (t.at <= since) break;
    out.push({ at: t.at, kind: t.kind, sameInvoice: true });
  }
  const contacts = snapshot.recentContacts;
  if (contacts.length === 0) return out;
  const invoiceId = snapshot.invoice.id;
  // The window's start is the same for every decision of a batch: a compiled policy's memo formats it once.
  const sinceIso = zones === undefined ? new Date(since).toISOString() : zones.iso(since);
  for (const c of contacts) {
    if (c.invoiceId === invoiceId) continue;
    // Instants in the canonical form (`toISOString`) compare as text: most fall outside the
    // window and are skipped without parsing.
    if (isCanonicalInstant(c.at) && c.at <= sinceIso) continue;
    const at = Date.parse(c.at);
    if (at > since) out.push({ at, kind: c.kind, sameInvoice: false });
  }
  return out;
}

/** Whether `text` has the form `toISOString` gives (`YYYY-MM-DDTHH:mm:ss.sssZ`), whose text order is time order. */
function isCanonicalInstant(text: string): boolean {
  return (
    text.length === 24 && text.charCodeAt(23) === 90 /* Z */ && text.charCodeAt(10) === 84 /* T */ && text.charCodeAt(19) === 46
  ); /* . */
}

/** Which guardrail holds an action back, and until when (epoch ms). */
export interface GuardrailBlock {
  readonly until: number;
  readonly rule: 'max-per-day' | 'max-per-week' | 'quiet-after-conversation' | 'reg-f-call-attempts' | 'reg-f-after-conversation';
}

/** The time at which the `limit`-th most recent touch leaves a window of `span` ms. */
function releaseTime(times: number[], limit: number, span: number): number {
  times.sort((a, b) => b - a);
  return times[limit - 1]! + span;
}

/** What {@link checkGuardrails} checks: the intended action and the rules. */
export interface GuardrailCheck {
  /** The policy's guardrails (`policy.source.guardrails`). */
  readonly rules: Guardrails;
  /** The channel of a customer-facing message; `voice` counts as a call. */
  readonly channel?: ChannelKind | undefined;
  /**
   * Whether the action is a call (a call task): calls are not counted against the message caps,
   * and fall under Regulation F in the `us-consumer` profile.
   * @default false
   */
  readonly isCall?: boolean;
  /**
   * Reminders the customer agreed to (promise and installment reminders) are not held back by the
   * quiet period after a conversation.
   * @default false
   */
  readonly agreed?: boolean;
  /**
   * A memo of instants' ISO texts, such as a compiled policy's `policy.zones`: deciding many
   * invoices at one instant formats the window's start once. Changes cost, never the result.
   * @default none: the text is formatted on every call
   */
  readonly zones?: ZoneCache;
}

/**
 * Checks an intended customer-facing action against the guardrails. Returns `undefined` when it
 * may go, or the rule that blocks it and when it will next be allowed (always after `nowMs`).
 *
 * @example
 * ```ts
 * checkGuardrails(snapshot, Date.now(), { rules: policy.source.guardrails, channel: 'sms', zones: policy.zones });
 * // undefined, or { rule: 'max-per-day', until }
 * ```
 */
export function checkGuardrails(snapshot: Snapshot, nowMs: number, check: GuardrailCheck): GuardrailBlock | undefined {
  const { rules, channel, isCall = false, agreed = false } = check;
  const list = touches(snapshot, nowMs - WEEK, check.zones);
  if (list.length === 0) return undefined;
  let block: GuardrailBlock | undefined;
  const hold = (until: number, rule: GuardrailBlock['rule']): void => {
    if (until > nowMs && (block === undefined || until > block.until)) block = { until, rule };
  };
  const call = isCall || channel === 'voice';
  if (!call) {
    const day: number[] = [];
    const week: number[] = [];
    for (const t of list) {
      if (t.kind !== 'message') continue;
      week.push(t.at);
      if (t.at > nowMs - MS_PER_DAY) day.push(t.at);
    }
    if (day.length >= rules.maxPerDay) hold(releaseTime(day, rules.maxPerDay, MS_PER_DAY), 'max-per-day');
    if (week.length >= rules.maxPerWeek) hold(releaseTime(week, rules.maxPerWeek, WEEK), 'max-per-week');
  }
  const quiet = rules.quietDaysAfterConversation * MS_PER_DAY;
  let lastConversation = -Infinity;
  let lastConversationHere = -Infinity;
  for (const t of list) {
    if (t.kind !== 'conversation') continue;
    if (t.at > lastConversation) lastConversation = t.at;
    if (t.sameInvoice && t.at > lastConversationHere) lastConversationHere = t.at;
  }
  if (!agreed && quiet > 0 && lastConversation + quiet > nowMs) hold(lastConversation + quiet, 'quiet-after-conversation');
  if (rules.profile === 'us-consumer' && call) {
    const attempts: number[] = [];
    for (const t of list) if (t.sameInvoice && (t.kind === 'call-attempt' || t.kind === 'conversation')) attempts.push(t.at);
    if (attempts.length >= REG_F_MAX_CALL_ATTEMPTS) hold(releaseTime(attempts, REG_F_MAX_CALL_ATTEMPTS, WEEK), 'reg-f-call-attempts');
    if (lastConversationHere + WEEK > nowMs) hold(lastConversationHere + WEEK, 'reg-f-after-conversation');
  }
  return block;
}
