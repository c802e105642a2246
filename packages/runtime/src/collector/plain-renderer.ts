/**
 * A minimal renderer so the collector works without templates (and without a template engine):
 * the default of `createCollector`'s `renderer` option.
 *
 * @module
 */
import { formatMoney } from '@dueflow/core';
import type { GroupRenderInput, Renderer, RenderedMessage } from '../ports/renderer.js';

/**
 * Renders every decision as a short plain-text message: the step's name, the invoice number,
 * the amount outstanding and the due date, in the contact's (else the customer's) locale; a
 * consolidated message lists every invoice.
 * The collector's default when no `renderer` is given; `createTemplateRenderer` from
 * `@dueflow/templates` renders the default templates instead.
 *
 * @example
 * ```ts
 * const collector = createCollector({ storage, channels, policy, renderer: plainRenderer });
 * ```
 */
export const plainRenderer: Renderer = {
  async render(input: GroupRenderInput): Promise<RenderedMessage> {
    const { decision, snapshot } = input;
    const contact = snapshot.customer.contacts.find((c) => c.id === decision.action.contactId);
    const locale = contact?.locale ?? snapshot.customer.locale;
    const amount = formatMoney(decision.outstanding, locale);
    const invoice = snapshot.invoice;
    const greeting = contact?.name !== undefined ? `Hello ${contact.name},` : `Hello ${snapshot.customer.name},`;
    const members = input.members ?? [];
    if (members.length > 1) {
      const lines = members.map(
        (m) =>
          `- invoice ${m.snapshot.invoice.number}: ${formatMoney(m.decision.outstanding, locale)} outstanding, due ${m.snapshot.invoice.dueDate}`,
      );
      return {
        subject: `${decision.step.name}: ${members.length} invoices`,
        text: `${greeting}\n\n${decision.step.name}: ${members.length} invoices are concerned.\n${lines.join('\n')}\n`,
      };
    }
    return {
      subject: `${decision.step.name}: invoice ${invoice.number}`,
      text: `${greeting}\n\n${decision.step.name}: invoice ${invoice.number} has ${amount} outstanding, due ${invoice.dueDate}.\n`,
    };
  },
};
