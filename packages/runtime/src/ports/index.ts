export type * from './storage.js';
export type * from './channel.js';
export type * from './source.js';
export type * from './idempotency.js';
export type * from './renderer.js';
export * from './clock.js';
export * from './logger.js';
