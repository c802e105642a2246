/**
 * Delivery keys: outbox keys scoped by tenant, for everything that leaves storage.
 *
 * Outbox keys are unique per tenant only (`inv_1042:overdue-14:1:1` exists in every tenant that
 * has an invoice `inv_1042`), but a channel, an outbox folder or a webhook receiver may serve
 * several tenants. The dispatcher therefore hands channels {@link deliveryKey}`(tenantId, key)`
 * as `OutboundMessage.key`, so sent-logs, file and letter names, Message-IDs, `webhook-id`s and
 * provider metadata are scoped without any channel having to remember it; events coming back
 * carry that key, and {@link parseDeliveryKey} maps it back to the tenant's outbox key.
 *
 * @module
 */

/**
 * The key a message goes out under: the tenant id, percent-encoded so that it never contains a
 * `/`, then `/`, then the outbox key as it is.
 *
 * @example
 * ```ts
 * deliveryKey('acme', 'inv_1042:overdue-14:1:1'); // 'acme/inv_1042:overdue-14:1:1'
 * deliveryKey('eu/acme', 'inv_1:n:1:1');           // 'eu%2Facme/inv_1:n:1:1'
 * ```
 */
export function deliveryKey(tenantId: string, key: string): string {
  return `${encodeURIComponent(tenantId)}/${key}`;
}

/**
 * The tenant and outbox key of a delivery key, or `undefined` when `value` is not one (a key
 * of a message sent before keys were scoped, or a provider's own id).
 *
 * @example
 * ```ts
 * parseDeliveryKey('acme/inv_1042:overdue-14:1:1'); // { tenantId: 'acme', key: 'inv_1042:overdue-14:1:1' }
 * parseDeliveryKey('inv_1042:overdue-14:1:1');      // undefined
 * ```
 */
export function parseDeliveryKey(value: string): { readonly tenantId: string; readonly key: string } | undefined {
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) return undefined;
  try {
    return { tenantId: decodeURIComponent(value.slice(0, slash)), key: value.slice(slash + 1) };
  } catch {
    return undefined;
  }
}
