export { createStripeSource, type StripeSource, type StripeSourceOptions } from './stripe-source.js';
export { StripeApiError } from './stripe-client.js';
export { verifyStripeSignature } from './stripe-signature.js';
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
