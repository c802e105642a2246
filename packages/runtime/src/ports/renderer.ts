/**
 * # The renderer port: how to write a renderer
 *
 * A renderer turns a decision into the words a customer (or a colleague) receives: the subject,
 * the text, the HTML, for the channel the decision chose. The runtime then addresses the message
 * from the snapshot's contact, keys it and sends it through the channel.
 *
 * `createTemplateRenderer` in `@dueflow/templates` is the default implementation: Liquid
 * templates for every step of the default ladder, in English, French and German, with tone
 * variants, your overrides and safety limits for templates your users write. A collector given
 * no renderer uses the runtime's `plainRenderer`: one short plain-text line per invoice, no
 * templates, no extra dependency.
 *
 * ## A renderer in ten lines
 *
 * ```ts
 * import { formatMoney } from '@dueflow/core';
 * import type { Renderer } from '@dueflow/runtime/ports';
 *
 * export const myRenderer: Renderer = {
 *   async render({ decision, snapshot, members }) {
 *     const invoices = (members ?? [{ decision, snapshot }]).map((m) => `${m.snapshot.invoice.number}: ${formatMoney(m.decision.outstanding, snapshot.customer.locale)}`);
 *     return { subject: `${decision.step.name} from Acme`, text: `Hello ${snapshot.customer.name},\n\n${invoices.join('\n')}\n` };
 *   },
 * };
 * // createCollector({ storage, channels, policy, renderer: myRenderer })
 * ```
 *
 * ## Rules every renderer follows
 *
 * 1. **Same input, same message.** The runtime renders again on every attempt (a retry after a
 *    transient failure, a recovery after a crash), and the message sent must not change between
 *    them. Read the time from `input.now` (epoch ms of the dispatch), never from the clock; use
 *    no randomness (channels derive message ids from the delivery key).
 * 2. **Render, never send or store.** Return the words only: the runtime sets the recipient
 *    (`to`, and `cc` for an account manager), the delivery key, the channel and the decision, and
 *    records the outcome on the timeline. A renderer reads no storage and calls no channel.
 * 3. **Render for the decision's channel.** `decision.action.channel` is `email` or `letter`
 *    (`subject`, `text` and `html`; escape every value you put in HTML), `sms` (`text` is the
 *    SMS body: keep it short), `voice` (`text` is the spoken script) or `webhook`. Without a
 *    channel the decision is an internal task (a call to make, an alert for the account manager)
 *    that goes out through the webhook channel: write it for a colleague, not the customer.
 * 4. **Write in the recipient's language.** Use the decision's contact's `locale`, else the
 *    customer's, and the contact's (else the customer's) `timeZone` for dates; the core's
 *    `formatMoney` formats an amount exactly in a locale.
 * 5. **Cover every invoice of a consolidated message.** When the policy consolidates, one
 *    message carries several invoices of one customer: `members` lists each invoice's decision
 *    and snapshot (lead included, ordered by invoice id), and `decision` and `snapshot` are the
 *    lead's (the largest balance). `members` is absent for a message about one invoice, and a
 *    renderer that ignores it still renders a valid message about the lead invoice.
 * 6. **Refuse by throwing.** Throw an error that names what is wrong (the template id, the part,
 *    the field) when a message cannot be rendered: nothing is sent, the runtime records the
 *    failed attempt ("rendering failed: ..."), retries with backoff up to the collector's
 *    attempt limit, then marks the action failed. Never send a half-rendered message.
 *
 * @module
 */
import type { ActDecision, Snapshot } from '@dueflow/core';
import type { Attachment } from './channel.js';

/** What a renderer is given. */
export interface RenderInput {
  readonly decision: ActDecision;
  readonly snapshot: Snapshot;
  readonly tenantId: string;
  /** Epoch ms of the dispatch, for "as of" dates in the text. */
  readonly now: number;
}

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

/**
 * Renders decisions into messages (see the module comment for the rules).
 * `createTemplateRenderer` in `@dueflow/templates` is the default implementation.
 */
export interface Renderer {
  render(input: GroupRenderInput): Promise<RenderedMessage>;
}
