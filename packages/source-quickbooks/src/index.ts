export { createQuickBooksSource, type QuickBooksSource, type QuickBooksSourceOptions } from './quickbooks-source.js';
export { QuickBooksApiError } from './quickbooks-client.js';
export { verifyQuickBooksSignature } from './quickbooks-signature.js';
export { fromQuickBooksAmount, type QuickBooksAmountResult } from './quickbooks-amount.js';
export {
  mapQuickBooksCustomer,
  mapQuickBooksInvoice,
  mapQuickBooksPayment,
  quickBooksInvoiceStatus,
  type QuickBooksMapping,
  type QuickBooksMappingOptions,
} from './quickbooks-mapping.js';
export type { QuickBooksCustomer, QuickBooksInvoice, QuickBooksPayment } from './quickbooks-objects.js';
