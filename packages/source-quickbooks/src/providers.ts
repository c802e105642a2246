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
