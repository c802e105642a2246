/**
 * The default template set: English, French and German for every template id the default
 * ladder and the engine's own steps use, in every tone English has.
 *
 * @module
 */
import { DEFAULT_TEMPLATES_DE } from './default-templates-de.js';
import { DEFAULT_TEMPLATES_EN } from './default-templates-en.js';
import { DEFAULT_TEMPLATES_FR } from './default-templates-fr.js';
import type { TemplateSet } from './template-set.js';

/**
 * Every default template variant. Pass your own variants as `templates` to
 * `createTemplateRenderer` to replace some of them (same id, tone and locale) or add others.
 *
 * @example
 * ```ts
 * DEFAULT_TEMPLATES.filter((t) => t.id === 'notice.overdue').map((t) => `${t.tone}/${t.locale}`);
 * // ['firm/en', 'neutral/en', 'friendly/en', 'partnership/en', 'firm/fr', ...]
 * ```
 */
export const DEFAULT_TEMPLATES: TemplateSet = [...DEFAULT_TEMPLATES_EN, ...DEFAULT_TEMPLATES_FR, ...DEFAULT_TEMPLATES_DE];
