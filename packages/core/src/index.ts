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

export * from './calendar/day.js';
export { ZoneCache, isTimeZone } from './calendar/zone.js';
export {
  compileCalendar,
  isBusinessDay,
  nextBusinessDay,
  slotAtOrAfter,
  slotOnOrAfterDay,
  slotInAllZones,
  parseClock,
  type CompiledCalendar,
  type Slot,
} from './calendar/business-calendar.js';

export * from './engine/snapshot.js';
export * from './engine/decision.js';
export { outstandingAmount } from './engine/balance.js';
export { ladderProgress, progressOf, failedAttempts, MAX_ATTEMPTS, type LadderProgress } from './engine/progress.js';
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
export {
  resolveSegment,
  resolveLadder,
  matchSegments,
  type ResolvedSegment,
  type ResolvedLadder,
  type SegmentMatch,
  type SegmentReport,
} from './engine/segment.js';
export { engagementScore, orderChannels, chooseReach, contactsByRole, addressFor, type Reach, type OrderSource, type ChannelOrderInputs } from './engine/channel-strategy.js';
export { summarizeEngagement, bestContactHour, type EngagementOptions } from './engine/engagement.js';
export { checkGuardrails, REG_F_MAX_CALL_ATTEMPTS, type GuardrailBlock, type GuardrailCheck } from './engine/guardrails.js';
export { nextAction, type NextActionOptions, type InstantLike } from './engine/next-action.js';
export { isWorkingDay } from './engine/step-schedule.js';
export { explain, explainDecision, describeReason, type Explanation } from './engine/explain.js';
export { plan, type PlanOptions, type PlanResult } from './engine/plan.js';
export { actionActivity } from './engine/action-activity.js';

export * from './scoring/index.js';
export * from './metrics/index.js';
export * from './operations/index.js';
export * from './snapshot/index.js';
export * from './ingest/reconcile.js';
export { suspendedDays } from './engine/suspension.js';
export { effectiveActivities } from './engine/effective-activities.js';
