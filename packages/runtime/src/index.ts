export * from './ports/index.js';
export * from './errors.js';
export * from './memory/index.js';
export * from './collector/index.js';
export * from './channels/index.js';
export * from './timeline/index.js';
export * from './ingest/index.js';
