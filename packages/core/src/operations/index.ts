export type { TransitionContext } from './common.js';
export * from './promise.js';
export * from './installment-plan.js';
export * from './invoice-operations.js';
export * from './offers.js';
export * from './fees.js';
export * from './consolidation.js';
export * from './discount-offers.js';
export * from './settle-snapshot.js';
