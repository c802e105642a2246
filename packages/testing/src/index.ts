export * from './arbitraries/index.js';
export * from './invariants/index.js';
export * from './conformance/index.js';
export * from './providers/index.js';
