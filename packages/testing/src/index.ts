export * from './invariants/index.js';
