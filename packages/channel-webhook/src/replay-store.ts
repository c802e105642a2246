/**
 * The replay store is a port of `@dueflow/runtime` (`ReplayStore`, with
 * `createMemoryReplayStore`); this module names them for the files of this package.
 *
 * @module
 */
export { createMemoryReplayStore, type MemoryReplayStoreOptions } from '@dueflow/runtime';
export type { ReplayStore } from '@dueflow/runtime/ports';
