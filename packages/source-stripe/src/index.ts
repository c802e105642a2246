export { createStripeSource, type StripeSource, type StripeSourceOptions } from './stripe-source.js';
export { StripeApiError } from './stripe-client.js';
export { verifyStripeSignature } from './stripe-signature.js';
