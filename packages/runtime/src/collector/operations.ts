/**
 * Operations on one invoice that change its state and its timeline together: pause, resume,
 * disputes, void, write-off, mark paid, ladder assignment, notes and calls.
 *
 * Each validates its input, applies the core's pure transition (`pauseInvoice`, `markPaid`,
 * `recordTouch`...), the one place the rules live, and persists the changed records with their
 * activities in one change (`Storage.commit`), which also schedules the invoice for an
 * immediate decision. Activity ids derive from the operation, the invoice and the instant, so
 * repeating a call with the same `at` does not duplicate the timeline.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import {
  assignLadder,
  CalendarDateSchema,
  ConfigError,
  IdSchema,
  markPaid,
  openDispute,
  outstandingAmount,
  parseWith,
  pauseInvoice,
  PaymentMethodSchema,
  recordTouch,
  resolveDispute,
  resumeInvoice,
  voidInvoice,
  writeOffInvoice,
} from '@dueflow/core';
import type { Activity, Invoice } from '@dueflow/core';
import { z } from 'zod';
import type { Collector } from './collector-types.js';
import type { CollectorContext } from './context.js';
import { BY_AT, loadInvoice, loadInvoiceSnapshot, transitionContext } from './operation-support.js';

const schemas = {
  pause: z.object({ ...BY_AT, reason: z.string().min(1).max(500), until: CalendarDateSchema.optional() }),
  optionalReason: z.object({ ...BY_AT, reason: z.string().min(1).max(2000).optional() }),
  requiredReason: z.object({ ...BY_AT, reason: z.string().min(1).max(2000) }),
  markPaid: z.object({ ...BY_AT, method: z.string().min(1).max(50), reference: z.string().max(200).optional() }),
  assignLadder: z.object({ ...BY_AT, ladderId: z.string().min(1).max(64) }),
  note: z.object({
    ...BY_AT,
    text: z.string().min(1).max(20_000),
    source: z.enum(['agent', 'crm', 'support-ticket', 'import']).default('agent'),
  }),
  call: z.object({
    ...BY_AT,
    outcome: z.enum(['reached', 'no-answer', 'voicemail', 'wrong-number', 'refused']),
    direction: z.enum(['outbound', 'inbound']).default('outbound'),
    contactId: IdSchema.optional(),
    durationSeconds: z.number().int().min(0).optional(),
    notes: z.string().max(10_000).optional(),
    commitments: z.string().max(2000).optional(),
  }),
};

type Operations = Pick<
  Collector,
  | 'pause'
  | 'resume'
  | 'openDispute'
  | 'resolveDispute'
  | 'voidInvoice'
  | 'writeOff'
  | 'markPaid'
  | 'assignLadder'
  | 'addNote'
  | 'recordCall'
>;

/** The status activity's reason as the caller gave it (the core needs one; the caller may not). */
function withReason(activities: readonly Activity[], reason: string | undefined): Activity[] {
  return activities.map((a) => {
    if (a.type !== 'status') return a;
    const { reason: _reason, ...rest } = a;
    return reason === undefined ? rest : { ...rest, reason };
  });
}

/**
 * Creates the invoice operations of a collector.
 *
 * @example
 * ```ts
 * const ops = createOperations(ctx);
 * await ops.pause('inv_1', { reason: 'customer on holiday', until: '2025-05-01', by: 'ana' });
 * ```
 */
export function createOperations(ctx: CollectorContext): Operations {
  const { storage } = ctx;

  async function change(invoice: Invoice, activities: readonly Activity[]): Promise<Invoice> {
    await storage.commit({ invoices: [invoice], activities, touch: [invoice.id] });
    return invoice;
  }

  return {
    async pause(invoiceId, raw) {
      const input = parseWith(schemas.pause, 'pause', raw);
      const { tc } = transitionContext(ctx, input, `status:${invoiceId}:paused`);
      const result = pauseInvoice(
        await loadInvoice(ctx, invoiceId),
        { reason: input.reason, ...(input.until !== undefined ? { until: input.until } : {}) },
        tc,
      );
      return change(result.invoice, result.activities);
    },
    async resume(invoiceId, raw) {
      const input = parseWith(schemas.optionalReason, 'resume', raw);
      const { tc } = transitionContext(ctx, input, `status:${invoiceId}:resumed`);
      const result = resumeInvoice(await loadInvoice(ctx, invoiceId), tc);
      return change(result.invoice, withReason(result.activities, input.reason));
    },
    async openDispute(invoiceId, raw) {
      const input = parseWith(schemas.requiredReason, 'openDispute', raw);
      const { tc } = transitionContext(ctx, input, `status:${invoiceId}:dispute-opened`);
      const result = openDispute(await loadInvoice(ctx, invoiceId), { reason: input.reason }, tc);
      return change(result.invoice, result.activities);
    },
    async resolveDispute(invoiceId, raw) {
      const input = parseWith(schemas.optionalReason, 'resolveDispute', raw);
      const { tc } = transitionContext(ctx, input, `status:${invoiceId}:dispute-resolved`);
      const result = resolveDispute(await loadInvoice(ctx, invoiceId), { resolution: input.reason ?? 'resolved' }, tc);
      return change(result.invoice, withReason(result.activities, input.reason));
    },
    async voidInvoice(invoiceId, raw) {
      const input = parseWith(schemas.optionalReason, 'voidInvoice', raw);
      const { tc } = transitionContext(ctx, input, `status:${invoiceId}:voided`);
      const result = voidInvoice(await loadInvoice(ctx, invoiceId), { reason: input.reason ?? 'voided' }, tc);
      return change(result.invoice, withReason(result.activities, input.reason));
    },
    async writeOff(invoiceId, raw) {
      const input = parseWith(schemas.optionalReason, 'writeOff', raw);
      const { tc } = transitionContext(ctx, input, `status:${invoiceId}:written-off`);
      const result = writeOffInvoice(await loadInvoice(ctx, invoiceId), { reason: input.reason ?? 'written off' }, tc);
      return change(result.invoice, withReason(result.activities, input.reason));
    },
    async markPaid(invoiceId, raw) {
      const input = parseWith(schemas.markPaid, 'markPaid', raw);
      const snapshot = await loadInvoiceSnapshot(ctx, invoiceId);
      const { tc, atMs } = transitionContext(ctx, input, `status:${invoiceId}:marked-paid`);
      const known = PaymentMethodSchema.safeParse(input.method);
      const result = markPaid(
        snapshot.invoice,
        outstandingAmount(snapshot.invoice, snapshot.payments, snapshot.credits),
        {
          paymentId: `paid:${invoiceId}:${atMs}`,
          method: known.success ? known.data : 'other',
          ...(input.reference !== undefined ? { reference: input.reference } : {}),
        },
        tc,
      );
      const reason = `paid by ${input.method}${input.reference !== undefined ? `, reference ${input.reference}` : ''}`;
      const activities = result.activities.map((a) => (a.type === 'status' ? { ...a, reason } : a));
      await storage.commit({
        invoices: [result.invoice],
        payments: result.payment !== undefined ? [result.payment] : [],
        activities,
        touch: [invoiceId],
      });
      return result.invoice;
    },
    async assignLadder(invoiceId, raw) {
      const input = parseWith(schemas.assignLadder, 'assignLadder', raw);
      // A ConfigError, as before: the ladder is part of the policy's configuration.
      if (!ctx.policy.hasLadder(input.ladderId)) throw new ConfigError(`ladderId: the policy has no ladder "${input.ladderId}"`);
      const { tc } = transitionContext(ctx, input, `status:${invoiceId}:ladder-assigned`);
      const known = ctx.policy.source.ladders.map((l) => l.id);
      const result = assignLadder(await loadInvoice(ctx, invoiceId), input.ladderId, known, tc);
      return change(result.invoice, result.activities);
    },
    async addNote(invoiceId, raw) {
      const input = parseWith(schemas.note, 'addNote', raw);
      const invoice = await loadInvoice(ctx, invoiceId);
      const digest = createHash('sha256').update(input.text).digest('hex').slice(0, 16);
      const { tc } = transitionContext(ctx, input, `note:${invoiceId}`, `:${digest}`);
      const [note] = recordTouch(invoice, { kind: 'note', text: input.text, source: input.source }, tc);
      await storage.commit({ activities: [note!] });
      return note!;
    },
    async recordCall(invoiceId, raw) {
      const input = parseWith(schemas.call, 'recordCall', raw);
      const invoice = await loadInvoice(ctx, invoiceId);
      const { tc } = transitionContext(ctx, input, `call:${invoiceId}`, `:${input.by}`);
      const [call] = recordTouch(
        invoice,
        {
          kind: 'call',
          outcome: input.outcome,
          direction: input.direction,
          ...(input.contactId !== undefined ? { contactId: input.contactId } : {}),
          ...(input.durationSeconds !== undefined ? { durationSeconds: input.durationSeconds } : {}),
          ...(input.notes !== undefined ? { notes: input.notes } : {}),
          ...(input.commitments !== undefined ? { commitments: input.commitments } : {}),
        },
        tc,
      );
      // A conversation changes contact caps and may carry commitments: decide again.
      await storage.commit({ activities: [call!], touch: [invoiceId] });
      return call!;
    },
  };
}
