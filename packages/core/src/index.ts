export * from './errors.js';
export { parseWith } from './validate.js';

export * from './model/currencies.js';
export * from './model/money.js';
export * from './model/primitives.js';
export * from './model/customer.js';
export * from './model/invoice.js';
export * from './model/activity.js';
export * from './model/promise.js';
export * from './model/ladder.js';
export * from './model/policy.js';

export { addDays, daysBetween, fromEpochDay, isCalendarDate, isoWeekday, toEpochDay } from './calendar/day.js';
export { ZoneCache, isTimeZone } from './calendar/zone.js';

export * from './engine/snapshot.js';
export * from './engine/decision.js';
export {
  summarizeTimeline,
  extendSummary,
  summaryOf,
  sameSummary,
  EMPTY_SUMMARY,
  TimelineSummarySchema,
  TouchKindSchema,
  type TimelineSummary,
  type TouchKind,
  type StepCount,
  type FailureCount,
  type SummaryTouch,
} from './engine/summary.js';
export { nextAction, type NextActionOptions, type InstantLike } from './engine/next-action.js';
export { explain, explainDecision, describeReason, type Explanation } from './engine/explain.js';
export { plan, type PlanOptions, type PlanResult } from './engine/plan.js';
export { matchSegments, type SegmentMatch, type SegmentReport } from './engine/segment.js';
export { outstandingAmount } from './engine/balance.js';
export { addressOf } from './engine/channel-strategy.js';

export type { TransitionContext } from './operations/common.js';
export { makePromise, settlePromise, cancelPromise, promiseState, type MakePromiseInput, type PromiseState } from './operations/promise.js';
export {
  createInstallmentPlan,
  settlePlan,
  cancelPlan,
  approvePlan,
  planState,
  type CreatePlanInput,
  type PlanState,
} from './operations/installment-plan.js';
export {
  pauseInvoice,
  resumeInvoice,
  openDispute,
  resolveDispute,
  voidInvoice,
  writeOffInvoice,
  reopenInvoice,
  assignLadder,
  recordPayment,
  markPaid,
  addCreditNote,
  editContact,
  normalizePhone,
  recordTouch,
  type ContactPatch,
  type EditContactInput,
} from './operations/invoice-operations.js';
export { proposeDiscount, approveDiscount, rejectDiscount, expireDiscount, type DiscountOffer } from './operations/offers.js';
export {
  LateFeeSpecSchema,
  DayCountSchema,
  InterestSpecSchema,
  type LateFeeSpec,
  type DayCount,
  type InterestSpec,
  type Charge,
} from './operations/fees.js';
export { offersFromTimeline } from './operations/discount-offers.js';
export { settleSnapshot, type Settlement, type SettlementEvent } from './operations/settle-snapshot.js';
export * from './snapshot/index.js';
export * from './ingest/reconcile.js';
