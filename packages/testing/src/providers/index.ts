export {
  startFakeStripe,
  signStripeWebhook,
  FAKE_STRIPE_API_KEY,
  FAKE_STRIPE_WEBHOOK_SECRET,
  type FakeStripe,
  type FakeStripeFailure,
  type FakeStripeRequest,
  type StripeJson,
} from './fake-stripe.js';
export { stripeAccount, stripeCreditNote, stripeCustomer, stripeInvoice, stripeTime } from './stripe-objects.js';
export {
  startFakeQuickBooks,
  signQuickBooksWebhook,
  FAKE_QUICKBOOKS_REALM_ID,
  FAKE_QUICKBOOKS_ACCESS_TOKEN,
  FAKE_QUICKBOOKS_VERIFIER_TOKEN,
  type FakeQuickBooks,
  type FakeQuickBooksData,
  type FakeQuickBooksFailure,
  type FakeQuickBooksRequest,
  type QuickBooksJson,
} from './fake-quickbooks.js';
export {
  quickBooksCompany,
  quickBooksCustomer,
  quickBooksInvoice,
  quickBooksNotification,
  quickBooksPayment,
} from './quickbooks-objects.js';
