/**
 * The render input of a consolidated message: one message for several invoices of a customer.
 *
 * @module
 */
import type { ActDecision, Snapshot } from '@dueflow/core';
import type { RenderInput } from '../render.js';

/** One invoice a consolidated message covers: its decision and its snapshot. */
export interface RenderMember {
  readonly decision: ActDecision;
  readonly snapshot: Snapshot;
}

/**
 * What the collector passes a renderer. `decision` and `snapshot` are the lead invoice's (the
 * largest balance); `members` lists every invoice of a consolidated message, lead included,
 * ordered by invoice id, and is absent for a message about one invoice. A renderer that ignores
 * `members` still renders a valid message about the lead invoice.
 */
export interface GroupRenderInput extends RenderInput {
  readonly members?: readonly RenderMember[];
}
