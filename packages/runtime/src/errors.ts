/**
 * Errors raised by the runtime and by adapters. Both extend the core's `DueflowError`, so
 * callers branch on `code` or on the class.
 *
 * @module
 */
import { DueflowError } from '@dueflow/core';

/** Which kind of adapter an {@link AdapterError} comes from. */
export type AdapterKind = 'storage' | 'channel' | 'renderer' | 'source';

/**
 * An adapter (storage, channel, renderer, source) threw. The runtime wraps the original error
 * as `cause` and names the adapter and the operation, so a log line says what failed where.
 * `retryable` tells a transient failure (retry the call or the next tick) from a lasting one.
 *
 * @example
 * ```ts
 * try { await collector.tick(); }
 * catch (e) {
 *   if (e instanceof AdapterError) console.error(e.adapter, e.operation, e.retryable ? 'will retry' : 'needs a fix', e.cause);
 * }
 * ```
 */
export class AdapterError extends DueflowError {
  /** Adapter name, e.g. `memory`, `postgres` or `smtp`. */
  readonly adapter: string;
  /** Kind of adapter. */
  readonly kind: AdapterKind;
  /** Operation that failed, e.g. `claimOutbox` or `send`. */
  readonly operation: string;
  /**
   * Whether making the same call again may succeed: the failure was transient (a lost
   * connection, a server restarting, a serialization conflict), not a fault of the input or the
   * setup. Set by the adapter; an `AdapterError` wrapping a retryable one is retryable too.
   * @default false
   */
  readonly retryable: boolean;

  constructor(input: { adapter: string; kind: AdapterKind; operation: string; cause: unknown; message?: string; retryable?: boolean }) {
    const why = input.cause instanceof Error ? input.cause.message : String(input.cause);
    super('ADAPTER', input.message ?? `${input.kind} adapter "${input.adapter}" failed in ${input.operation}: ${why}`, {
      cause: input.cause,
    });
    this.adapter = input.adapter;
    this.kind = input.kind;
    this.operation = input.operation;
    this.retryable = input.retryable ?? (input.cause instanceof AdapterError && input.cause.retryable);
  }
}

/** Why a webhook was refused. */
export type WebhookVerificationReason = 'signature' | 'timestamp' | 'replay' | 'malformed';

/**
 * A provider callback failed verification: a bad signature, a timestamp outside the tolerance,
 * a replayed delivery, or a body that cannot be parsed. Channel and source adapters throw it
 * from `parseWebhook`; an HTTP handler answers it with 401 (or 400 for `malformed`).
 *
 * @example
 * ```ts
 * if (!timingSafeEqual(expected, given)) {
 *   throw new WebhookVerificationError('signature', 'twilio: X-Twilio-Signature does not match');
 * }
 * ```
 */
export class WebhookVerificationError extends DueflowError {
  /** What did not verify. */
  readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason, message: string, options?: { cause?: unknown }) {
    super('WEBHOOK_VERIFICATION', message, options);
    this.reason = reason;
  }
}

/**
 * Storage refused an import's batch. The batch is written in one transaction, so nothing of it
 * was written; the storage's error is the `cause`.
 *
 * @example
 * ```ts
 * try { await importSource({ source, storage }); }
 * catch (e) { if (e instanceof ImportWriteError) console.error(e.message, e.cause); }
 * ```
 */
export class ImportWriteError extends DueflowError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ADAPTER', message, options);
  }
}

/**
 * A second collector was opened on a storage that does not declare
 * `capabilities.concurrentWorkers`: its cycle is not safe to run twice at once. Close the first
 * collector, or use a storage that supports several workers (PostgreSQL).
 *
 * @example
 * ```ts
 * try { await second.tick(); }
 * catch (e) { if (e instanceof ConcurrentWorkersError) console.error(e.message); }
 * ```
 */
export class ConcurrentWorkersError extends DueflowError {
  /** The storage adapter's name. */
  readonly storage: string;

  constructor(storage: string) {
    super(
      'CONFLICT',
      `storage: "${storage}" does not support concurrent workers (capabilities.concurrentWorkers), and another collector is already open on it; close that one first`,
    );
    this.storage = storage;
  }
}
