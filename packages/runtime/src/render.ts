/**
 * Rendering: turning a decision into the words a customer (or a colleague) receives.
 *
 * @module
 */
import type { ActDecision, Snapshot } from '@dueflow/core';
import type { Attachment } from './ports/channel.js';

/** What a renderer is given. */
export interface RenderInput {
  readonly decision: ActDecision;
  readonly snapshot: Snapshot;
  readonly tenantId: string;
  /** Epoch ms of the dispatch, for "as of" dates in the text. */
  readonly now: number;
}

/** A rendered message, before it is addressed. */
export interface RenderedMessage {
  readonly subject?: string;
  /** Plain text: the SMS body, the spoken script, the email's text part. */
  readonly text: string;
  /** HTML part for email and letters (escaped). */
  readonly html?: string;
  readonly attachments?: readonly Attachment[];
  readonly headers?: Readonly<Record<string, string>>;
}

/** Renders decisions into messages (`createTemplateRenderer` is the default implementation). */
export interface Renderer {
  render(input: RenderInput): Promise<RenderedMessage>;
}
