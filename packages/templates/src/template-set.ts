/**
 * Template sets: templates as data, keyed by template id, tone and locale, and the fallback
 * order used to pick one.
 *
 * @module
 */
import { LocaleSchema, parseWith, ToneSchema, type Tone } from '@dueflow/core';
import { z } from 'zod';

const LIQUID = z.string().max(100_000);

/**
 * One template variant: the words for one template id, in one tone and one locale.
 *
 * @example
 * ```ts
 * TemplateDefinitionSchema.parse({ id: 'notice.due', text: 'Invoice {{ invoice.number }} is due today.' }); // tone 'neutral', locale 'en'
 * ```
 */
export const TemplateDefinitionSchema = z.object({
  /** Template id as the ladder names it, e.g. `notice.overdue`. */
  id: z.string().min(1).max(200),
  /** Tone of the variant; `neutral` is the fallback every id should have. */
  tone: ToneSchema.default('neutral'),
  /** BCP 47 locale or bare language (`en`, `fr`, `fr-CA`). */
  locale: LocaleSchema.default('en'),
  /** Subject line of an email or the heading of a letter (Liquid, rendered as text). */
  subject: LIQUID.optional(),
  /** Plain-text body (Liquid, unescaped). Also the source of the HTML part when `html` is absent. */
  text: LIQUID,
  /** HTML body (Liquid, every output auto-escaped; `| raw` opts out). */
  html: LIQUID.optional(),
  /** SMS body (Liquid, at most 320 characters once rendered). */
  sms: LIQUID.optional(),
  /** Spoken script for voice calls (Liquid, plain text). */
  voice: LIQUID.optional(),
});

/** One template variant: the words for one template id, in one tone and one locale. */
export type TemplateDefinition = z.infer<typeof TemplateDefinitionSchema>;
/** What a caller writes for a {@link TemplateDefinition} (`tone` and `locale` may be left out). */
export type TemplateDefinitionInput = z.input<typeof TemplateDefinitionSchema>;
/** A list of template variants. Later entries replace earlier ones with the same id, tone and locale. */
export type TemplateSet = readonly TemplateDefinitionInput[];

/**
 * The lookup key of a variant: `id/tone/locale` with the locale in canonical case.
 *
 * @example
 * ```ts
 * templateKey('notice.due', 'firm', 'fr-ca'); // 'notice.due/firm/fr-CA'
 * ```
 */
export function templateKey(id: string, tone: Tone, locale: string): string {
  return `${id}/${tone}/${canonicalLocale(locale)}`;
}

function canonicalLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? locale;
  } catch {
    return locale;
  }
}

/**
 * The variant keys tried for a template id, tone and locale, in order:
 * id+tone+locale, id+tone+language, id+tone+`en`, then the same three with the `neutral` tone.
 * Duplicates are dropped (`en` asked for in `en` is tried once).
 *
 * @example
 * ```ts
 * fallbackKeys('notice.due', 'firm', 'fr-CA');
 * // ['notice.due/firm/fr-CA', 'notice.due/firm/fr', 'notice.due/firm/en',
 * //  'notice.due/neutral/fr-CA', 'notice.due/neutral/fr', 'notice.due/neutral/en']
 * ```
 */
export function fallbackKeys(id: string, tone: Tone, locale: string): string[] {
  const full = canonicalLocale(locale);
  const language = full.split('-')[0] ?? full;
  const locales = [full, language, 'en'];
  const tones: Tone[] = tone === 'neutral' ? ['neutral'] : [tone, 'neutral'];
  const keys: string[] = [];
  for (const t of tones) {
    for (const l of locales) {
      const key = `${id}/${t}/${l}`;
      if (!keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}

/**
 * Validates template variants and indexes them by {@link templateKey}; later sets override
 * earlier ones variant by variant. Throws a `ValidationError` naming the bad field.
 *
 * @example
 * ```ts
 * const index = indexTemplates(DEFAULT_TEMPLATES, [{ id: 'notice.due', tone: 'neutral', locale: 'en', subject: 'Due today', text: '...' }]);
 * index.get('notice.due/neutral/en')?.subject; // 'Due today'
 * ```
 */
export function indexTemplates(...sets: readonly TemplateSet[]): Map<string, TemplateDefinition> {
  const index = new Map<string, TemplateDefinition>();
  sets.forEach((set, i) => {
    const parsed = parseWith(z.array(TemplateDefinitionSchema), i === 0 ? 'templates' : 'template overrides', set);
    for (const definition of parsed) {
      const locale = canonicalLocale(definition.locale);
      index.set(templateKey(definition.id, definition.tone, locale), { ...definition, locale });
    }
  });
  return index;
}
