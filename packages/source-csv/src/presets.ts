/**
 * Ready-made mappings for well-known exports.
 *
 * @module
 */
import type { CsvMappingInput } from './mapping.js';

/**
 * The IBM Watson Analytics "Accounts Receivable" sample (late-payment histories): 12 columns,
 * `M/D/YYYY` dates, amounts like `55.94`, every invoice settled. Currency is not in the file;
 * it defaults to USD (spread the preset to change it). Country code, paperless fields and the
 * settlement statistics are kept as invoice metadata.
 *
 * @example
 * ```ts
 * await importCsv({ file: 'invoices.csv', mapping: ibmAccountsReceivable, storage });
 * await importCsv({ file, mapping: { ...ibmAccountsReceivable, currency: 'EUR' }, storage });
 * ```
 */
export const ibmAccountsReceivable = {
  columns: {
    invoiceNumber: 'invoiceNumber',
    customerId: 'customerID',
    issueDate: 'InvoiceDate',
    dueDate: 'DueDate',
    amount: 'InvoiceAmount',
    settledDate: 'SettledDate',
    disputed: 'Disputed',
  },
  dateFormat: 'M/D/YYYY',
  numberLocale: 'en-US',
  currency: 'USD',
  metadataColumns: ['countryCode', 'PaperlessDate', 'PaperlessBill', 'DaysToSettle', 'DaysLate'],
} as const satisfies CsvMappingInput;

/**
 * Every preset by name, tried first by header detection.
 *
 * @example
 * ```ts
 * Object.keys(CSV_PRESETS); // ['ibmAccountsReceivable']
 * ```
 */
export const CSV_PRESETS: Readonly<Record<string, CsvMappingInput>> = { ibmAccountsReceivable };
