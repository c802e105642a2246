export { createQuickBooksSource, type QuickBooksSource, type QuickBooksSourceOptions } from './quickbooks-source.js';
export { QuickBooksApiError } from './quickbooks-client.js';
export { verifyQuickBooksSignature } from './quickbooks-signature.js';
