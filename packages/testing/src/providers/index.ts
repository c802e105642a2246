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
