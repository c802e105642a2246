/**
 * The timeline entry that records one outcome of a decided action. The runtime, `plan` and test
 * simulations all record decisions through this one function, so the timeline reads the same
 * whoever wrote it.
 *
 * @module
 */
import type { ActionActivity, ActionOutcome } from '../model/activity.js';
import type { Actor } from '../model/primitives.js';
import type { ActDecision } from './decision.js';

/**
 * Builds the action activity of `decision` with `outcome`, id `<key>:<outcome>` so that
 * recording the same outcome twice is a no-op. A decision that charges (late fee, interest)
 * carries the charge as `amount` and its inputs as JSON in `detail`.
 *
 * @example
 * ```ts
 * actionActivity(decision, { customerId: 'c1', at: Date.parse('2025-04-07T10:00:00Z'), outcome: 'queued' });
 * ```
 */
export function actionActivity(
  decision: ActDecision,
  input: {
    readonly customerId: string;
    /** Epoch milliseconds. */
    readonly at: number;
    readonly outcome: ActionOutcome;
    readonly detail?: string;
    readonly permanent?: boolean;
    readonly actor?: Actor;
    /** Appended to the id `<key>:<outcome>` when one outcome may be recorded more than once. */
    readonly idSuffix?: string;
    /** Overrides the id entirely (simulations number their entries). */
    readonly id?: string;
  },
): ActionActivity {
  const a = decision.action;
  // A charge is recorded with what it was computed from, for the audit trail; a failure or a
  // cancellation keeps its own explanation.
  const charged = a.charge !== undefined && input.outcome !== 'failed' && input.outcome !== 'cancelled' && input.outcome !== 'rejected';
  const detail = charged ? JSON.stringify(a.charge!.inputs) : input.detail;
  return {
    id: input.id ?? `${decision.idempotencyKey}:${input.outcome}${input.idSuffix ?? ''}`,
    type: 'action',
    at: new Date(input.at).toISOString(),
    customerId: input.customerId,
    invoiceId: decision.invoiceId,
    actor: input.actor ?? { type: 'system' },
    idempotencyKey: decision.idempotencyKey,
    stepId: decision.step.id,
    ladderId: decision.ladderId,
    occurrence: decision.step.occurrence,
    action: a.type,
    ...(a.channel !== undefined ? { channel: a.channel } : {}),
    ...(a.contactId !== undefined ? { contactId: a.contactId } : {}),
    ...(a.template !== undefined ? { template: a.template } : {}),
    ...(a.tone !== undefined ? { tone: a.tone } : {}),
    outcome: input.outcome,
    ...(detail !== undefined ? { detail: detail.slice(0, 2000) } : {}),
    ...(input.permanent !== undefined ? { permanent: input.permanent } : {}),
    ...(a.charge !== undefined ? { amount: a.charge.amount } : {}),
  };
}
