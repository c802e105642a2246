/**
 * The default {@link Renderer}: Liquid templates, picked by template id, tone and locale, rendered
 * safely enough for templates written by users.
 *
 * @module
 */
import { ConfigError, LocaleSchema, parseWith, ZoneCache, type ActDecision, type Snapshot, type Tone } from '@dueflow/core';
import { Liquid, type Template } from 'liquidjs';
import { z } from 'zod';
import type { GroupRenderInput, RenderedMessage, Renderer } from '@dueflow/runtime/ports';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { FORMAT_CONTEXT, registerDueflowFilters, type FormatContext } from './filters.js';
import { textToHtml } from './html.js';
import { TemplateNotFoundError, TemplateRenderError, type TemplatePart } from './template-errors.js';
import { fallbackKeys, indexTemplates, type TemplateDefinition, type TemplateSet } from './template-set.js';
import { buildTemplateVariables, type TemplateVariables } from './template-variables.js';

/**
 * Longest SMS the renderer produces (two concatenated segments); a longer one is an error.
 *
 * @example
 * ```ts
 * if (draft.length > SMS_MAX_LENGTH) console.warn('too long for an SMS');
 * ```
 */
export const SMS_MAX_LENGTH = 320;

/** Safety limits applied to every template. */
export interface TemplateLimits {
  /**
   * Characters of one template part Liquid parses.
   * @default 100_000
   */
  readonly parseLimit?: number;
  /**
   * Milliseconds one part may take to render; this is what bounds loops. Rendering is
   * synchronous, so this is also the longest a template can hold the event loop.
   * @default 500
   */
  readonly renderLimit?: number;
  /**
   * Objects and characters one part may allocate (ranges, `append`, `join`...), bounding memory.
   * @default 10_000_000
   */
  readonly memoryLimit?: number;
  /**
   * Characters of one rendered part.
   * @default 200_000
   */
  readonly outputLimit?: number;
}

/** Your company, as the templates name it. */
export interface CompanyInfo {
  readonly name: string;
  /** Address replies go to; sets the `Reply-To` header of emails. */
  readonly replyTo?: string;
  readonly phone?: string;
  /**
   * Liquid string giving an invoice's payment page, with `invoice` and `customer` variables,
   * e.g. `https://pay.example.com/i/{{ invoice.id | url_encode }}`.
   */
  readonly paymentUrl?: string;
}

/** Options of {@link createTemplateRenderer}. */
export interface TemplateRendererOptions {
  /**
   * Template variants added to, or replacing (same id, tone and locale), the defaults.
   * @default []
   */
  readonly templates?: TemplateSet;
  /**
   * The base set the overrides apply to. Pass `[]` to use only your own templates.
   * @default DEFAULT_TEMPLATES
   */
  readonly defaults?: TemplateSet;
  /**
   * Locale of internal templates (tasks and alerts for colleagues); customer-facing messages
   * use the contact's locale, else the customer's.
   * @default 'en-US'
   */
  readonly locale?: string;
  readonly company: CompanyInfo;
  /** @default see {@link TemplateLimits} */
  readonly limits?: TemplateLimits;
}

/** Options of {@link TemplateRenderer.preview}. */
export interface PreviewOptions {
  /**
   * Instant of sending (epoch ms), for dates and day counts.
   * @default the start of the decision's send window
   */
  readonly now?: number;
  /** @default 'preview' */
  readonly tenantId?: string;
}

/** A renderer backed by a template set. */
export interface TemplateRenderer extends Renderer {
  /**
   * Exactly what `render` would produce for this decision and snapshot (the same code path).
   * A header `X-Dueflow-Template` names the variant used.
   */
  preview(decision: ActDecision, snapshot: Snapshot, options?: PreviewOptions): Promise<RenderedMessage>;
  /**
   * The variant chosen for a template id, tone and locale, following the fallback order.
   * Throws a {@link TemplateNotFoundError} naming every key tried.
   */
  resolve(templateId: string, tone: Tone, locale: string, part?: 'text' | 'sms' | 'voice'): TemplateDefinition;
}

const positive = z.number().int().positive();
const OptionsSchema = z.object({
  locale: LocaleSchema.default('en-US'),
  company: z.object({
    name: z.string().min(1).max(200),
    replyTo: z.email().optional(),
    phone: z.string().max(50).optional(),
    paymentUrl: z.string().min(1).max(2000).optional(),
  }),
  limits: z
    .object({
      parseLimit: positive.default(100_000),
      renderLimit: positive.default(500),
      memoryLimit: positive.default(10_000_000),
      outputLimit: positive.default(200_000),
    })
    .prefault({}),
});

type Parts = Partial<Record<'subject' | 'text' | 'html' | 'sms' | 'voice', Template[]>>;
interface Compiled {
  readonly key: string;
  readonly definition: TemplateDefinition;
  readonly parts: Parts;
}

function engine(limits: z.output<typeof OptionsSchema>['limits'], html: boolean): Liquid {
  const liquid = new Liquid({
    strictFilters: true,
    strictVariables: true,
    lenientIf: true,
    ownPropertyOnly: true,
    // An empty in-memory mapping: `include`, `render` and `layout` never reach the filesystem.
    templates: {},
    relativeReference: false,
    dynamicPartials: false,
    parseLimit: limits.parseLimit,
    renderLimit: limits.renderLimit,
    memoryLimit: limits.memoryLimit,
    ...(html ? { outputEscape: 'escape' as const } : {}),
  });
  registerDueflowFilters(liquid);
  return liquid;
}

const COMPANY = { key: 'company' };

function language(locale: string): string {
  return locale.split('-')[0]?.toLowerCase() ?? locale;
}

function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Creates the default renderer. Templates are chosen by the decision's template id (e.g.
 * `notice.overdue`), tone and the recipient's locale, falling back in this order:
 * id+tone+locale, id+tone+language, id+tone+`en`, then id+`neutral` with the same three locales;
 * when nothing matches, a {@link TemplateNotFoundError} names every key tried. SMS decisions use
 * a variant's `sms` part, calls its `voice` part, everything else `subject`, `text` and `html`
 * (derived from `text` when absent). A consolidated message (`GroupRenderInput.members`) uses the
 * variant `<id>.consolidated`, else the generic `consolidated` template, whose `invoices`
 * variable lists every invoice.
 *
 * Safe for user-written templates: no filesystem access, unknown filters and variables are
 * errors, only own properties are readable (no prototype access), and parse size, render time,
 * memory, loop iterations and output length are bounded.
 *
 * @example
 * ```ts
 * const renderer = createTemplateRenderer({
 *   company: { name: 'Acme Billing', replyTo: 'ar@acme.example', paymentUrl: 'https://pay.acme.example/{{ invoice.id }}' },
 * });
 * const message = await renderer.preview(decision, snapshot);
 * console.log(message.subject, message.text);
 * ```
 */
export function createTemplateRenderer(options: TemplateRendererOptions): TemplateRenderer {
  const {
    locale: internalLocale,
    company,
    limits,
  } = parseWith(OptionsSchema, 'template renderer options', {
    locale: options.locale,
    company: options.company,
    limits: options.limits,
  });
  const index = indexTemplates(options.defaults ?? DEFAULT_TEMPLATES, options.templates ?? []);
  const text = engine(limits, false);
  const html = engine(limits, true);
  const zones = new ZoneCache();

  const compiled = new Map<string, Compiled>();
  for (const [key, definition] of index) {
    const parts: Parts = {};
    for (const part of ['subject', 'text', 'html', 'sms', 'voice'] as const) {
      const source = definition[part];
      if (source === undefined) continue;
      try {
        parts[part] = (part === 'html' ? html : text).parse(source);
      } catch (cause) {
        throw new ConfigError(`templates.${key}.${part}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
      }
    }
    compiled.set(key, { key, definition, parts });
  }
  let paymentUrl: Template[] | undefined;
  if (company.paymentUrl !== undefined) {
    try {
      paymentUrl = text.parse(company.paymentUrl);
    } catch (cause) {
      throw new ConfigError(`company.paymentUrl: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
  }

  const find = (templateId: string, tone: Tone, locale: string, part: 'text' | 'sms' | 'voice'): Compiled => {
    const tried = fallbackKeys(templateId, tone, locale);
    for (const key of tried) {
      const found = compiled.get(key);
      if (found?.parts[part] !== undefined) return found;
    }
    throw new TemplateNotFoundError(templateId, part, tried);
  };

  const renderPart = (
    c: Pick<Compiled, 'key'>,
    part: TemplatePart,
    templates: Template[],
    scope: object,
    format: FormatContext,
  ): string => {
    const liquid = part === 'html' ? html : text;
    let out: unknown;
    try {
      out = liquid.renderSync(templates, scope, { globals: { [FORMAT_CONTEXT]: format } });
    } catch (cause) {
      throw new TemplateRenderError(c.key, part, cause instanceof Error ? cause.message : String(cause), { cause });
    }
    const rendered = String(out);
    if (rendered.length > limits.outputLimit) {
      throw new TemplateRenderError(c.key, part, `output of ${rendered.length} characters exceeds the limit of ${limits.outputLimit}`);
    }
    return rendered;
  };

  /**
   * The variant for a message about several invoices: `<id>.consolidated`, else the generic
   * `consolidated` template, each with the usual tone and locale fallbacks.
   */
  const findGroup = (templateId: string, tone: Tone, locale: string, part: 'text' | 'sms' | 'voice'): Compiled => {
    const tried = [...fallbackKeys(`${templateId}.consolidated`, tone, locale), ...fallbackKeys('consolidated', tone, locale)];
    for (const key of tried) {
      const found = compiled.get(key);
      if (found?.parts[part] !== undefined) return found;
    }
    throw new TemplateNotFoundError(`${templateId}.consolidated`, part, tried);
  };

  const render = (input: GroupRenderInput): RenderedMessage => {
    const { decision, snapshot } = input;
    const templateId = decision.action.template;
    const tone = decision.action.tone ?? 'neutral';
    const channel = decision.action.channel;
    const part = channel === 'sms' ? 'sms' : channel === 'voice' ? 'voice' : 'text';
    const contact = snapshot.customer.contacts.find((c) => c.id === decision.action.contactId);
    const wanted = channel === undefined ? internalLocale : (contact?.locale ?? snapshot.customer.locale);
    if (templateId === undefined) throw new TemplateNotFoundError('(none)', part, []);
    const members = input.members !== undefined && input.members.length > 1 ? input.members : undefined;
    const chosen = members !== undefined ? findGroup(templateId, tone, wanted, part) : find(templateId, tone, wanted, part);
    // Numbers and dates follow the recipient's region only when the words are in their language.
    const locale = language(chosen.definition.locale) === language(wanted) ? wanted : chosen.definition.locale;
    const zone = contact?.timeZone ?? snapshot.customer.timeZone;
    const formatBase = { locale, timeZone: zone };
    const variables: TemplateVariables = buildTemplateVariables({
      decision,
      snapshot,
      now: input.now,
      locale,
      company,
      zones,
      ...(members !== undefined ? { members: members.map((m) => m.snapshot) } : {}),
      paymentLink: (invoice, customer) => {
        if (paymentUrl === undefined) return null;
        const today = zones.day(zones.localDay(zone, input.now));
        const url = renderPart(COMPANY, 'paymentUrl', paymentUrl, { invoice, customer }, { ...formatBase, today }).trim();
        return url === '' ? null : url;
      },
    });
    const format: FormatContext = { ...formatBase, today: variables.today };
    const scope = variables;
    const headers: Record<string, string> = { 'X-Dueflow-Template': chosen.key };
    if (part === 'sms' || part === 'voice') {
      const body = tidyText(renderPart(chosen, part, chosen.parts[part] ?? [], scope, format));
      if (part === 'sms' && body.length > SMS_MAX_LENGTH) {
        throw new TemplateRenderError(chosen.key, 'sms', `rendered SMS has ${body.length} characters, more than ${SMS_MAX_LENGTH}`);
      }
      return { text: body, headers };
    }
    const subjectParts = chosen.parts.subject;
    const subject = subjectParts === undefined ? undefined : oneLine(renderPart(chosen, 'subject', subjectParts, scope, format));
    const body = tidyText(renderPart(chosen, 'text', chosen.parts.text ?? [], scope, format));
    const htmlParts = chosen.parts.html;
    const htmlBody =
      htmlParts === undefined
        ? textToHtml(body, { lang: locale, ...(subject !== undefined ? { title: subject } : {}) })
        : renderPart(chosen, 'html', htmlParts, scope, format);
    if (company.replyTo !== undefined && (channel === 'email' || channel === undefined)) headers['Reply-To'] = company.replyTo;
    return { ...(subject !== undefined ? { subject } : {}), text: body, html: htmlBody, headers };
  };

  return {
    render: async (input) => render(input),
    preview: async (decision, snapshot, previewOptions = {}) =>
      render({
        decision,
        snapshot,
        tenantId: previewOptions.tenantId ?? 'preview',
        now: previewOptions.now ?? Date.parse(decision.window.start),
      }),
    resolve: (templateId, tone, locale, part = 'text') => find(templateId, tone, locale, part).definition,
  };
}
