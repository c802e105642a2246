export { ladderProgress, progressOf, failedAttempts, MAX_ATTEMPTS, type LadderProgress } from './progress.js';
export { resolveSegment, resolveLadder, type ResolvedSegment, type ResolvedLadder } from './segment.js';
export {
  engagementScore,
  orderChannels,
  chooseReach,
  contactsByRole,
  type Reach,
  type OrderSource,
  type ChannelOrderInputs,
} from './channel-strategy.js';
export { summarizeEngagement, bestContactHour, type EngagementOptions } from './engagement.js';
export { checkGuardrails, REG_F_MAX_CALL_ATTEMPTS, type GuardrailBlock, type GuardrailCheck } from './guardrails.js';
export { actionActivity } from './action-activity.js';
export { suspendedDays } from './suspension.js';
export { effectiveActivities } from './effective-activities.js';
export { consolidate, type ConsolidatedAction } from '../operations/consolidation.js';
export { computeInterest, computeLateFee, dayCount, lateFeeApplies } from '../operations/fees.js';
export { countPromises } from '../operations/promise.js';
