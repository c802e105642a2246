/**
 * The column mapping: which CSV column feeds which field of the core model, and how dates,
 * numbers and currency are written. It is plain JSON-serialisable data, validated with zod, so
 * it can live in a config file or a database row.
 *
 * @module
 */
import { CurrencyCodeSchema, LocaleSchema, parseWith } from '@dueflow/core';
import { z } from 'zod';
import { DATE_FORMATS } from './date-format.js';

/**
 * Fields every row must have; a missing one rejects the row and counts towards data health.
 *
 * @example
 * ```ts
 * REQUIRED_FIELDS.includes('dueDate'); // true
 * ```
 */
export const REQUIRED_FIELDS = ['invoiceNumber', 'customerId', 'issueDate', 'dueDate', 'amount'] as const;

/**
 * Fields a row may have.
 *
 * @example
 * ```ts
 * OPTIONAL_FIELDS.includes('settledDate'); // true
 * ```
 */
export const OPTIONAL_FIELDS = [
  'invoiceId',
  'customerName',
  'currency',
  'status',
  'terms',
  'settledDate',
  'paidAmount',
  'paymentReference',
  'disputed',
  'contactName',
  'contactEmail',
  'contactPhone',
  'note',
  'noteDate',
] as const;

/** A field of the model the importer can fill from a column. */
export type MappedField = (typeof REQUIRED_FIELDS)[number] | (typeof OPTIONAL_FIELDS)[number];

const column = z.string().min(1, 'must name a column').max(200);

/**
 * Which header feeds each field. Required fields must be mapped; optional ones may be omitted.
 *
 * @example
 * ```ts
 * ColumnMapSchema.parse({ invoiceNumber: 'No', customerId: 'Client', issueDate: 'Date', dueDate: 'Due', amount: 'Total' });
 * ```
 */
export const ColumnMapSchema = z.strictObject({
  /** Invoice number as printed; also the invoice id (with `invoiceIdPrefix`) unless `invoiceId` is mapped. */
  invoiceNumber: column,
  customerId: column,
  issueDate: column,
  dueDate: column,
  /** Invoice total, in major units as written (`1,234.50`). */
  amount: column,
  /** A separate stable invoice id, when the export has one. */
  invoiceId: column.optional(),
  /** Customer name; the customer id is used when absent. */
  customerName: column.optional(),
  /** Per-row ISO 4217 code; the mapping's `currency` is used when absent or empty. */
  currency: column.optional(),
  /** Invoice status text (`open`, `paid`, `void`, `written off`, ...). */
  status: column.optional(),
  terms: column.optional(),
  /** Date the invoice was settled: produces a succeeded payment at noon UTC of that date. */
  settledDate: column.optional(),
  /** Amount paid at `settledDate`; the invoice total when absent. */
  paidAmount: column.optional(),
  paymentReference: column.optional(),
  /** Whether the invoice is disputed (`Yes`/`No`, `true`/`false`, `1`/`0`). */
  disputed: column.optional(),
  contactName: column.optional(),
  contactEmail: column.optional(),
  contactPhone: column.optional(),
  /** Free text (CRM note, support ticket) attached to the invoice's timeline. */
  note: column.optional(),
  /** Date of the note; the issue date when absent. */
  noteDate: column.optional(),
});

/**
 * The column mapping, as configured (JSON). Prefer {@link parseMapping}, which throws typed errors.
 *
 * @example
 * ```ts
 * const mapping = CsvMappingSchema.parse({ columns, dateFormat: 'D.M.YYYY', numberLocale: 'de-DE', currency: 'EUR' });
 * ```
 */
export const CsvMappingSchema = z.strictObject({
  columns: ColumnMapSchema,
  /**
   * How dates are written. When absent, the importer detects it from the first rows and
   * refuses if the sample is ambiguous.
   */
  dateFormat: z.enum(DATE_FORMATS).optional(),
  /**
   * Locale whose separators amounts use (`en-US` `1,234.50`, `de-DE` `1.234,50`, `fr-FR` `1 234,50`).
   * @default 'en-US'
   */
  numberLocale: LocaleSchema.default('en-US'),
  /**
   * Currency of amounts when no currency column is mapped or the cell is empty.
   * @default 'USD'
   */
  currency: CurrencyCodeSchema.default('USD'),
  /** Field delimiter; detected from the header line when absent. */
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  /**
   * Columns copied as text into `invoice.metadata` (empty cells are left out).
   * @default []
   */
  metadataColumns: z.array(column).max(100).default([]),
  /**
   * Prefix of invoice ids (`invoiceIdPrefix + invoiceNumber`), to keep ids of several sources apart.
   * @default ''
   */
  invoiceIdPrefix: z.string().max(50).default(''),
  /**
   * Source recorded on imported notes.
   * @default 'import'
   */
  noteSource: z.enum(['agent', 'crm', 'support-ticket', 'import', 'customer-reply']).default('import'),
  /**
   * Country calling code prefixed to national phone numbers (`1` turns `(415) 555-0100` into `+14155550100`).
   * Numbers without a leading `+` are invalid when absent.
   */
  phoneCountryCode: z
    .string()
    .regex(/^[1-9]\d{0,2}$/, 'expected a calling code such as 1 or 44')
    .optional(),
});

/** A validated column mapping (defaults applied). */
export type CsvMapping = z.output<typeof CsvMappingSchema>;
/** A column mapping as written in configuration (defaults not yet applied). */
export type CsvMappingInput = z.input<typeof CsvMappingSchema>;

/**
 * Validates a mapping, throwing a `ValidationError` that names each bad field.
 *
 * @example
 * ```ts
 * const mapping = parseMapping(JSON.parse(readFileSync('mapping.json', 'utf8')));
 * ```
 */
export function parseMapping(input: unknown): CsvMapping {
  return parseWith(CsvMappingSchema, 'csv mapping', input);
}

/**
 * Folds a header for comparison: lower case, letters and digits only (`Invoice #` → `invoice`).
 *
 * @example
 * ```ts
 * normalizeHeader(' Due-Date '); // 'duedate'
 * ```
 */
export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
