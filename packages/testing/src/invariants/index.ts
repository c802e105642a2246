export {
  InvariantViolation,
  type Decide,
  type DecisionInvariant,
  type InvariantOptions,
  type InvariantResult,
} from './invariant-result.js';
export { checkDeterminism } from './determinism.js';
export { checkNeverActsWhenClosed, closedBecause } from './closed-invoice.js';
export { checkFreshIdempotencyKey } from './idempotency.js';
export { checkMonotonicEscalation, runWithoutPayment, type NoPaymentRun, type NoPaymentRunOptions, type RunStep } from './escalation.js';
export { checkActInWindow, checkProgress } from './progress.js';
export { checkContactRules } from './contact-rules.js';
export { checkAllocation, checkDecimalRoundTrip, checkFormatRoundTrip, checkOutstandingExact, checkSplit } from './money-exact.js';
export {
  assertDecisionInvariants,
  checkDecisionInvariants,
  DECISION_INVARIANTS,
  type DecisionInvariantOptions,
} from './decision-invariants.js';
