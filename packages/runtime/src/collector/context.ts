/**
 * What the collector's parts share.
 *
 * @module
 */
import type { CompiledPolicy, InstantLike } from '@dueflow/core';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Storage } from '../ports/storage.js';
import type { CollectorEvents } from './collector-types.js';

/** Shared state of one collector. */
export interface CollectorContext {
  readonly storage: Storage;
  readonly policy: CompiledPolicy;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly tenantId: string;
  /** How far back a customer's touches count for contact caps, in milliseconds. */
  readonly recentContactsMs: number;
  emit<K extends keyof CollectorEvents>(type: K, event: CollectorEvents[K]): void;
  /** Epoch ms of `at`, or the clock's now. */
  time(at?: InstantLike): number;
}
