/**
 * The demo's company, policy and extra templates: the default ladder and segments, plus the
 * promise-to-pay templates the default template set does not have yet.
 *
 * @module
 */
import { compilePolicy, type CompiledPolicy } from '@dueflow/core';
import { createTemplateRenderer, type TemplateDefinitionInput, type TemplateRenderer } from '@dueflow/runtime';

/** The simulated company sending the reminders. */
export const DEMO_COMPANY = {
  name: 'Northwind Supplies',
  replyTo: 'ar@northwind-supplies.example',
  phone: '+1 212 555 0100',
  paymentUrl: 'https://pay.northwind-supplies.example/i/{{ invoice.id | url_encode }}',
} as const;

/** Templates for promise reminders and broken-promise follow-ups, which the ladder's promise handling uses. */
export const DEMO_TEMPLATES: readonly TemplateDefinitionInput[] = [
  {
    id: 'promise.reminder',
    tone: 'friendly',
    subject: 'Reminder: payment of {{ promise.amount | money }} for invoice {{ invoice.number }}',
    text: `Hello {{ contact.first_name | default: customer.name }},

Thank you for letting us know you would pay {{ promise.amount | money }} on invoice {{ invoice.number }} by {{ promise.date | date }}. This is a friendly reminder.
{% if payment_link %}You can pay online here: {{ payment_link }}{% endif %}

Kind regards,
{{ company.name }} Accounts Receivable`,
    sms: '{{ company.name | truncate: 40 }}: reminder of your payment for invoice {{ invoice.number | truncate: 30 }} due {{ promise.date }}. Reply STOP to opt out.',
  },
  {
    id: 'promise.broken',
    tone: 'firm',
    subject: 'Invoice {{ invoice.number }}: the promised payment has not arrived',
    text: `Hello {{ contact.first_name | default: customer.name }},

We have not received the payment you promised for invoice {{ invoice.number }}. {{ invoice.outstanding | money }} is still outstanding, {{ days_overdue }} days past its due date.
{% if payment_link %}Please pay here: {{ payment_link }}{% endif %}

Kind regards,
{{ company.name }} Accounts Receivable`,
    sms: '{{ company.name | truncate: 40 }}: the promised payment for invoice {{ invoice.number | truncate: 30 }} has not arrived. Reply STOP to opt out.',
  },
];

/**
 * The policy every command uses: the default ladder and segments (strategic, chronic late payer,
 * new customer, standard), Monday to Friday, 09:00-17:00 in each contact's zone.
 *
 * @example
 * ```ts
 * const policy = demoPolicy();
 * policy.source.segments.map((s) => s.id); // ['strategic', 'chronic-late-payer', 'new-customer', 'standard']
 * ```
 */
export function demoPolicy(): CompiledPolicy {
  return compilePolicy({});
}

/**
 * The renderer the commands send with: the default templates plus {@link DEMO_TEMPLATES}.
 *
 * @example
 * ```ts
 * const renderer = demoRenderer();
 * ```
 */
export function demoRenderer(): TemplateRenderer {
  return createTemplateRenderer({ company: { ...DEMO_COMPANY }, templates: [...DEMO_TEMPLATES] });
}
