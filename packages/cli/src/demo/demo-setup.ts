/**
 * The demo's company and policy: the default ladder, segments and templates.
 *
 * @module
 */
import { compilePolicy, type CompiledPolicy } from '@dueflow/core';
import { createTemplateRenderer, type TemplateRenderer } from '@dueflow/templates';

/** The simulated company sending the reminders. */
export const DEMO_COMPANY = {
  name: 'Northwind Supplies',
  replyTo: 'ar@northwind-supplies.example',
  phone: '+1 212 555 0100',
  paymentUrl: 'https://pay.northwind-supplies.example/i/{{ invoice.id | url_encode }}',
} as const;

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
 * The renderer the commands send with: the default templates, signed by the demo company.
 *
 * @example
 * ```ts
 * const renderer = demoRenderer();
 * ```
 */
export function demoRenderer(): TemplateRenderer {
  return createTemplateRenderer({ company: { ...DEMO_COMPANY } });
}
