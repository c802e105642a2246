/**
 * Adapter wrappers: every failure of an adapter call becomes an `AdapterError` naming the
 * adapter and the operation, with the original error as `cause`.
 *
 * @module
 */
import { AdapterError, type AdapterKind } from '../errors.js';
import type { Storage } from '../ports/storage.js';

const STORAGE_METHODS = [
  'init',
  'close',
  'commit',
  'getCustomer',
  'getInvoice',
  'listCustomers',
  'listInvoices',
  'listPayments',
  'listActivities',
  'getSchedule',
  'loadSnapshot',
  'decideDue',
  'claimOutbox',
  'noteAttempt',
  'completeOutbox',
  'reviewOutbox',
  'listOutbox',
] as const satisfies readonly (keyof Storage)[];

/** Every method of the port: a method missing from the list above fails to compile here. */
type StorageMethod = { [K in keyof Storage]-?: NonNullable<Storage[K]> extends (...args: never[]) => unknown ? K : never }[keyof Storage];
const EVERY_METHOD_GUARDED: Exclude<StorageMethod, (typeof STORAGE_METHODS)[number]> extends never ? true : never = true;
void EVERY_METHOD_GUARDED;

/**
 * Runs `fn`, rethrowing any failure as an {@link AdapterError}. Errors listed in `passthrough`
 * (thrown by the runtime's own callbacks inside the adapter) are rethrown unchanged.
 *
 * @example
 * ```ts
 * await guardCall({ adapter: 'smtp', kind: 'channel', operation: 'send' }, () => channel.send(message));
 * ```
 */
export async function guardCall<T>(
  where: { readonly adapter: string; readonly kind: AdapterKind; readonly operation: string },
  fn: () => Promise<T>,
  passthrough?: WeakSet<object>,
): Promise<T> {
  try {
    return await fn();
  } catch (cause) {
    if (cause instanceof AdapterError) throw cause;
    if (passthrough !== undefined && typeof cause === 'object' && cause !== null && passthrough.has(cause)) throw cause;
    throw new AdapterError({ ...where, cause });
  }
}

/**
 * Wraps a storage adapter so that each method's failure is an {@link AdapterError}.
 *
 * @example
 * ```ts
 * const storage = guardStorage(createPostgresStorage({ pool }), new WeakSet());
 * ```
 */
export function guardStorage(storage: Storage, passthrough: WeakSet<object>): Storage {
  const adapter = storage.name ?? 'storage';
  const methods: Record<string, unknown> = {};
  for (const name of STORAGE_METHODS) {
    const method = storage[name] as (...args: unknown[]) => Promise<unknown>;
    methods[name] = (...args: unknown[]) =>
      guardCall({ adapter, kind: 'storage', operation: name }, () => method.apply(storage, args), passthrough);
  }
  // The method table mirrors Storage exactly (STORAGE_METHODS is checked against its keys).
  return {
    name: adapter,
    tenantId: storage.tenantId,
    ...(storage.capabilities !== undefined ? { capabilities: storage.capabilities } : {}),
    ...methods,
  } as unknown as Storage;
}
