export { createMemoryStorage, type MemoryStorage, type MemoryStorageOptions } from './memory-storage.js';
export { createMemoryStore, type MemoryStore, type MemoryTables, type MemoryOutboxRow } from './memory-store.js';
export { createMemoryDeliveryLog, createMemoryReplayStore, type MemoryReplayStoreOptions } from './memory-idempotency.js';
