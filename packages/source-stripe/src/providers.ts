export { fromStripeAmount, type StripeAmountResult } from './stripe-amount.js';
export {
  mapStripeCustomer,
  mapStripeInvoice,
  mapStripeInvoicePayment,
  mapStripeCreditNote,
  stripeInvoiceRecords,
  type StripeMapping,
  type StripeMappingOptions,
} from './stripe-mapping.js';
export type { StripeCustomer, StripeInvoice, StripeCreditNote } from './stripe-objects.js';
