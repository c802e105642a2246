/**
 * What `nextAction` returns: act, wait or done, each with the reasons behind it as data.
 * `explain()` turns reasons into sentences a collector understands.
 *
 * @module
 */
import type { ActionType } from '../model/activity.js';
import type { Money } from '../model/money.js';
import type { ChannelKind, Tone } from '../model/primitives.js';

/** Why a decision came out as it did, one fact at a time, in the order the engine used them. */
export type Reason =
  | { readonly code: 'outstanding'; readonly amount: Money }
  | { readonly code: 'segment'; readonly segment: string; readonly source: 'customer' | 'rule' | 'default' }
  | { readonly code: 'ladder'; readonly ladderId: string; readonly source: 'invoice' | 'customer' | 'segment' | 'default' }
  | {
      readonly code: 'step-due';
      readonly stepId: string;
      readonly stepName: string;
      readonly date: string;
      readonly daysPastDue: number;
      readonly occurrence: number;
    }
  | { readonly code: 'superseded'; readonly stepIds: readonly string[] }
  | { readonly code: 'adaptive-timing'; readonly averageDaysLate: number; readonly invoices: number; readonly offsets: readonly number[] }
  | {
      readonly code: 'channel';
      readonly channel: ChannelKind;
      readonly contactId: string;
      readonly skipped: readonly ChannelSkip[];
      /** What decided the channel order: the step, cost, the segment, engagement history or the contact's preference. */
      readonly order: 'step' | 'cost' | 'segment' | 'engagement' | 'preferred';
    }
  | { readonly code: 'copy-account-manager' }
  | {
      readonly code: 'promise';
      readonly promiseId: string;
      readonly status: 'pending' | 'broken' | 'partially-kept';
      readonly amount: Money;
      readonly date: string;
      readonly paid: number;
    }
  | {
      readonly code: 'plan';
      readonly planId: string;
      readonly status: 'on-track' | 'in-arrears';
      readonly arrears: Money;
      readonly daysInArrears: number;
      readonly missed: number;
      readonly installment?: { readonly seq: number; readonly dueDate: string; readonly remaining: Money };
    }
  | { readonly code: 'write-off-warning'; readonly writeOffDate: string; readonly ageDays: number }
  | { readonly code: 'suspended'; readonly days: number }
  | { readonly code: 'charge'; readonly amount: Money; readonly kind: string }
  | { readonly code: 'no-common-window'; readonly timeZones: readonly string[] }
  | { readonly code: 'best-contact-hour'; readonly hour: number }
  | {
      readonly code: 'guardrail';
      readonly rule: 'max-per-day' | 'max-per-week' | 'quiet-after-conversation' | 'reg-f-call-attempts' | 'reg-f-after-conversation';
      readonly until: string;
    }
  | { readonly code: 'internal'; readonly timeZone: string }
  | { readonly code: 'approval-required'; readonly stepId: string }
  | { readonly code: 'retry'; readonly stepId: string; readonly attempt: number }
  | { readonly code: 'status'; readonly status: 'paid' | 'void' | 'written-off' | 'draft' | 'settled' }
  | { readonly code: 'referred'; readonly stepId: string }
  | { readonly code: 'ladder-complete'; readonly ladderId: string }
  | { readonly code: 'disputed'; readonly since: string; readonly reason: string }
  | { readonly code: 'paused'; readonly reason: string; readonly until?: string }
  | { readonly code: 'next-step'; readonly stepId: string; readonly stepName: string; readonly date: string }
  | { readonly code: 'outside-send-window'; readonly timeZone: string }
  | { readonly code: 'no-reachable-contact'; readonly stepId: string; readonly skipped: readonly ChannelSkip[] };

/** A channel the engine could not use, and why. */
export interface ChannelSkip {
  readonly channel: ChannelKind;
  readonly why: 'no-address' | 'opted-out' | 'suppressed' | 'failed-before';
}

/** The action to perform. */
export interface DecidedAction {
  readonly type: ActionType;
  /** Customer-facing channel; absent for internal actions (tasks, alerts, holds). */
  readonly channel?: ChannelKind;
  /** Contact to reach on `channel`. */
  readonly contactId?: string;
  readonly template?: string;
  readonly tone?: Tone;
  /** Copy the customer's account manager on the message. */
  readonly copyAccountManager?: boolean;
  /** Event name of a webhook action. */
  readonly event?: string;
  /** Fee or interest to charge, with the inputs of its computation for the audit trail. */
  readonly charge?: { readonly amount: Money; readonly inputs: Readonly<Record<string, string | number>> };
}

/** Decision to perform a step now. */
export interface ActDecision {
  readonly kind: 'act';
  readonly invoiceId: string;
  readonly ladderId: string;
  readonly segment: string;
  readonly step: {
    readonly id: string;
    readonly name: string;
    readonly index: number;
    /** 1 for the first time a step fires, 2+ for repeats. */
    readonly occurrence: number;
    /** 1 unless earlier attempts of this occurrence failed permanently. */
    readonly attempt: number;
  };
  readonly action: DecidedAction;
  /** The send window the action must be dispatched in (ISO instants, end exclusive). */
  readonly window: { readonly start: string; readonly end: string };
  readonly requiresApproval: boolean;
  /** Stable key: the same step occurrence and attempt always gets the same key. */
  readonly idempotencyKey: string;
  readonly outstanding: Money;
  readonly reasons: readonly Reason[];
}

/** Why the engine is waiting. */
export type WaitReason =
  | 'draft'
  | 'disputed'
  | 'paused'
  | 'next-step'
  | 'outside-send-window'
  | 'no-reachable-contact'
  | 'promise'
  | 'plan'
  | 'contact-cap';

/** Decision to do nothing until a moment (or until something happens, when `until` is `null`). */
export interface WaitDecision {
  readonly kind: 'wait';
  readonly invoiceId: string;
  /** When to decide again (ISO instant, after `now`); `null` means only a new event can change anything. */
  readonly until: string | null;
  readonly reason: WaitReason;
  readonly reasons: readonly Reason[];
}

/** Why nothing will ever happen again for the invoice, given what is known. */
export type DoneReason = 'paid' | 'void' | 'written-off' | 'referred' | 'ladder-complete';

/** Decision that the invoice needs nothing more. */
export interface DoneDecision {
  readonly kind: 'done';
  readonly invoiceId: string;
  readonly reason: DoneReason;
  readonly reasons: readonly Reason[];
}

/** What `nextAction` returns. */
export type Decision = ActDecision | WaitDecision | DoneDecision;

/** How one step of the ladder was evaluated (only with `{ trace: true }`). */
export interface StepTrace {
  readonly stepId: string;
  readonly name: string;
  readonly index: number;
  /** Local date on which the step falls (after business-day adjustment). */
  readonly date: string;
  readonly status: 'done' | 'due' | 'superseded' | 'upcoming' | 'skipped-by-segment' | 'condition-not-met' | 'passed';
  /** Plain words: why the step has this status. */
  readonly detail: string;
}
