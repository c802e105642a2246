/**
 * Shared helpers for the pure transitions: activity construction and instants.
 *
 * @module
 */
import { DueflowError, describeValue } from '../errors.js';
import type { Actor } from '../model/primitives.js';

/** When and by whom a transition happens. Every transition takes one. */
export interface TransitionContext {
  /** The instant of the change (ISO 8601 or epoch ms). */
  readonly at: string | number | Date;
  /** Who made the change; the engine itself when absent. */
  readonly by?: Actor;
  /**
   * Prefix for the ids of the activities the transition produces; they are `${idPrefix}:${n}`.
   * Pass something unique per call (a request id): the same prefix yields the same ids, which
   * makes retried transitions idempotent in storage.
   */
  readonly idPrefix: string;
}

/** The instant of a transition context as an ISO string. */
export function isoOf(at: TransitionContext['at']): string {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) throw new DueflowError('VALIDATION', `at: not a valid instant (got ${describeValue(at)})`);
  return new Date(ms).toISOString();
}

/** Epoch ms of a transition context's instant. */
export function msOf(at: TransitionContext['at']): number {
  return Date.parse(isoOf(at));
}

/** Builds the common fields of the activities a transition emits. */
export function activityBase(ctx: TransitionContext, customerId: string, invoiceId: string | undefined, n: number) {
  return {
    id: `${ctx.idPrefix}:${n}`,
    at: isoOf(ctx.at),
    customerId,
    ...(invoiceId !== undefined ? { invoiceId } : {}),
    actor: ctx.by ?? { type: 'system' as const },
  };
}

/** Throws the typed error for an operation that does not apply to the current state. */
export function invalid(message: string): never {
  throw new DueflowError('INVALID_OPERATION', message);
}
