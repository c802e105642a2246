/**
 * What the collector's operations share: loading what they change, the transition context they
 * hand the core, and the input fields every operation takes.
 *
 * @module
 */
import { DueflowError, IdSchema, parseWith } from '@dueflow/core';
import type { Invoice, Snapshot, TransitionContext } from '@dueflow/core';
import { z } from 'zod';
import type { CollectorContext } from './context.js';

/** `by` and `at`, as every operation's input schema spells them. */
export const BY_AT = { by: z.string().min(1).max(200), at: z.union([z.date(), z.number().int()]).optional() };

/**
 * The invoice with this id, or a `NOT_FOUND` error.
 *
 * @example
 * ```ts
 * const invoice = await loadInvoice(ctx, 'inv_1');
 * ```
 */
export async function loadInvoice(ctx: CollectorContext, invoiceId: string): Promise<Invoice> {
  const invoice = await ctx.storage.getInvoice(parseWith(IdSchema, 'invoiceId', invoiceId));
  if (invoice === undefined) throw new DueflowError('NOT_FOUND', `invoice "${invoiceId}" not found`);
  return invoice;
}

/**
 * The snapshot of the invoice with this id, or a `NOT_FOUND` error.
 *
 * @example
 * ```ts
 * const { invoice, payments, credits } = await loadInvoiceSnapshot(ctx, 'inv_1');
 * ```
 */
export async function loadInvoiceSnapshot(ctx: CollectorContext, invoiceId: string): Promise<Snapshot> {
  const snapshot = await ctx.storage.loadSnapshot(parseWith(IdSchema, 'invoiceId', invoiceId));
  if (snapshot === undefined) throw new DueflowError('NOT_FOUND', `invoice "${invoiceId}" not found (or its customer is missing)`);
  return snapshot;
}

/**
 * The transition context of an operation by a person at `at` (the clock's now by default). The
 * id prefix is derived from what the operation is about and the instant, so repeating the same
 * call writes the same activities once.
 *
 * @example
 * ```ts
 * const { tc, atMs } = transitionContext(ctx, { by: 'ana' }, `status:inv_1:paused`);
 * pauseInvoice(invoice, { reason: 'holiday' }, tc);
 * ```
 */
export function transitionContext(
  ctx: CollectorContext,
  input: { readonly by: string; readonly at?: Date | number | undefined },
  prefix: string,
  suffix = '',
): { tc: TransitionContext; atMs: number } {
  const atMs = ctx.time(input.at);
  return { tc: { at: atMs, by: { type: 'user', id: input.by }, idPrefix: `${prefix}:${atMs}${suffix}` }, atMs };
}
