/**
 * Errors raised while resolving and rendering templates.
 *
 * @module
 */
import { ConfigError, DueflowError } from '@dueflow/core';

/** Which part of a template: the subject line, the plain text, the HTML, the SMS or the spoken script. */
export type TemplatePart = 'subject' | 'text' | 'html' | 'sms' | 'voice' | 'paymentUrl';

/**
 * No template of the set matches a template id, tone and locale, even after the fallback order.
 * Callers branch on it: sending again cannot help until the template set is fixed.
 *
 * @example
 * ```ts
 * try { await renderer.render(input); }
 * catch (e) { if (e instanceof TemplateNotFoundError) console.log(e.tried); }
 * ```
 */
export class TemplateNotFoundError extends ConfigError {
  /** The template id asked for, e.g. `notice.overdue`. */
  readonly templateId: string;
  /** The part that was needed (`sms` for an SMS, `voice` for a call, `text` otherwise). */
  readonly part: TemplatePart;
  /** Every `id/tone/locale` combination tried, in fallback order. */
  readonly tried: readonly string[];

  constructor(templateId: string, part: TemplatePart, tried: readonly string[]) {
    super(`templates: no template "${templateId}" with a ${part} part; tried ${tried.join(', ')}`);
    this.templateId = templateId;
    this.part = part;
    this.tried = tried;
  }
}

/**
 * A template failed to render: a syntax error, an unknown variable or filter, a filter given a
 * value it cannot format, or a safety limit (time, memory, output length) was reached.
 *
 * @example
 * ```ts
 * try { await renderer.render(input); }
 * catch (e) { if (e instanceof TemplateRenderError) console.log(e.templateId, e.part, e.message); }
 * ```
 */
export class TemplateRenderError extends DueflowError {
  /** Template id, tone and locale of the variant, e.g. `notice.overdue/firm/en`. */
  readonly templateId: string;
  readonly part: TemplatePart;

  constructor(templateId: string, part: TemplatePart, message: string, options?: { cause?: unknown }) {
    super('INVALID_OPERATION', `templates.${templateId}.${part}: ${message}`, options);
    this.templateId = templateId;
    this.part = part;
  }
}
