export { createTemplateRenderer, SMS_MAX_LENGTH } from './template-renderer.js';
export type { CompanyInfo, PreviewOptions, TemplateLimits, TemplateRenderer, TemplateRendererOptions } from './template-renderer.js';
export { DEFAULT_TEMPLATES } from './default-templates.js';
export { DEFAULT_TEMPLATES_EN } from './default-templates-en.js';
export { DEFAULT_TEMPLATES_FR } from './default-templates-fr.js';
export { DEFAULT_TEMPLATES_DE } from './default-templates-de.js';
export { TemplateDefinitionSchema, fallbackKeys, indexTemplates, templateKey } from './template-set.js';
export type { TemplateDefinition, TemplateDefinitionInput, TemplateSet } from './template-set.js';
export { TemplateNotFoundError, TemplateRenderError } from './template-errors.js';
export type { TemplatePart } from './template-errors.js';
export { escapeHtml, textToHtml } from './html.js';
export type { TextToHtmlOptions } from './html.js';
export { formatDateFilter, formatMoneyFilter, daysOverdueFilter, registerDueflowFilters } from './filters.js';
export type { DateStyle, FormatContext } from './filters.js';
export { buildTemplateVariables } from './template-variables.js';
export type {
  ChargeVariables,
  CompanyVariables,
  ContactVariables,
  InvoiceVariables,
  PlanVariables,
  TemplateVariables,
  VariablesInput,
} from './template-variables.js';
