import { createMemoryDeliveryLog, createMemoryReplayStore } from '@dueflow/runtime';
import { runIdempotencyConformance } from './idempotency-conformance.js';

runIdempotencyConformance({
  name: 'memory',
  create: async () => ({ deliveryLog: createMemoryDeliveryLog(), replayStore: createMemoryReplayStore(), cleanup: async () => {} }),
});
