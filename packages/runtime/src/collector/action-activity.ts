/**
 * The action activity the runtime records for each outcome of a decided action.
 *
 * @module
 */
import type { ActDecision, ActionActivity, ActionOutcome, Actor } from '@dueflow/core';

/**
 * Builds the action activity of `decision` with `outcome`, id `<key>:<outcome>` so that
 * recording the same outcome twice is a no-op.
 *
 * @example
 * ```ts
 * actionActivity(decision, { customerId: 'c1', at: Date.parse('2025-04-07T10:00:00Z'), outcome: 'queued' });
 * ```
 */
export function actionActivity(
  decision: ActDecision,
  input: { readonly customerId: string; readonly at: number; readonly outcome: ActionOutcome; readonly detail?: string; readonly permanent?: boolean; readonly actor?: Actor; readonly idSuffix?: string },
): ActionActivity {
  const a = decision.action;
  return {
    id: `${decision.idempotencyKey}:${input.outcome}${input.idSuffix ?? ''}`,
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
    ...(input.detail !== undefined ? { detail: input.detail.slice(0, 2000) } : {}),
    ...(input.permanent !== undefined ? { permanent: input.permanent } : {}),
  };
}
