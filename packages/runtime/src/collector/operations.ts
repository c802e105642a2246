/**
 * Operations on one invoice that change its state and its timeline together: pause, resume,
 * disputes, void, write-off, mark paid, ladder assignment, notes and calls.
 *
 * Each writes the invoice first (which schedules it for an immediate decision) and then its
 * activity, whose id is derived from the operation and instant, so repeating a call after a
 * failure completes it without duplicating the timeline.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { CalendarDateSchema, ConfigError, DueflowError, IdSchema, parseWith } from '@dueflow/core';
import type { Activity, Invoice } from '@dueflow/core';
import { z } from 'zod';
import type { Collector } from './collector-types.js';
import type { CollectorContext } from './context.js';

type StatusChange = Extract<Activity, { type: 'status' }>['change'];

const ByAt = { by: z.string().min(1).max(200), at: z.union([z.date(), z.number().int()]).optional() };
const schemas = {
  pause: z.object({ ...ByAt, reason: z.string().min(1).max(500), until: CalendarDateSchema.optional() }),
  optionalReason: z.object({ ...ByAt, reason: z.string().min(1).max(2000).optional() }),
  requiredReason: z.object({ ...ByAt, reason: z.string().min(1).max(2000) }),
  markPaid: z.object({ ...ByAt, method: z.string().min(1).max(50), reference: z.string().max(200).optional() }),
  assignLadder: z.object({ ...ByAt, ladderId: z.string().min(1).max(64) }),
  note: z.object({ ...ByAt, text: z.string().min(1).max(20_000), source: z.enum(['agent', 'crm', 'support-ticket', 'import']).default('agent') }),
  call: z.object({
    ...ByAt,
    outcome: z.enum(['reached', 'no-answer', 'voicemail', 'wrong-number', 'refused']),
    direction: z.enum(['outbound', 'inbound']).default('outbound'),
    contactId: IdSchema.optional(),
    durationSeconds: z.number().int().min(0).optional(),
    notes: z.string().max(10_000).optional(),
    commitments: z.string().max(2000).optional(),
  }),
};

type Operations = Pick<Collector, 'pause' | 'resume' | 'openDispute' | 'resolveDispute' | 'voidInvoice' | 'writeOff' | 'markPaid' | 'assignLadder' | 'addNote' | 'recordCall'>;

function invalid(invoice: Invoice, what: string): DueflowError {
  return new DueflowError('INVALID_OPERATION', `invoice "${invoice.id}": cannot ${what} (status ${invoice.status}${invoice.pause !== undefined ? ', paused' : ''}${invoice.dispute !== undefined ? ', disputed' : ''})`);
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

  async function load(invoiceId: string): Promise<Invoice> {
    const invoice = await storage.getInvoice(parseWith(IdSchema, 'invoiceId', invoiceId));
    if (invoice === undefined) throw new DueflowError('NOT_FOUND', `invoice "${invoiceId}" not found`);
    return invoice;
  }

  async function change(invoiceId: string, input: { by: string; at?: Date | number | undefined }, what: StatusChange, reason: string | undefined, mutate: (invoice: Invoice, at: string) => Invoice): Promise<Invoice> {
    const invoice = await load(invoiceId);
    const atMs = ctx.time(input.at);
    const at = new Date(atMs).toISOString();
    const updated = mutate(invoice, at);
    await storage.putInvoices([updated]);
    await storage.appendActivities([
      {
        id: `status:${invoiceId}:${what}:${atMs}`,
        type: 'status',
        at,
        customerId: invoice.customerId,
        invoiceId,
        actor: { type: 'user', id: input.by },
        change: what,
        ...(reason !== undefined ? { reason } : {}),
      },
    ]);
    return updated;
  }

  const without = <K extends 'pause' | 'dispute'>(invoice: Invoice, key: K): Invoice => {
    const copy = { ...invoice };
    delete copy[key];
    return copy;
  };

  return {
    async pause(invoiceId, raw) {
      const input = parseWith(schemas.pause, 'pause', raw);
      return change(invoiceId, input, 'paused', input.reason, (inv, at) => {
        if (inv.status !== 'open' && inv.status !== 'draft') throw invalid(inv, 'pause');
        return { ...inv, pause: { reason: input.reason, since: at, by: input.by, ...(input.until !== undefined ? { until: input.until } : {}) } };
      });
    },
    async resume(invoiceId, raw) {
      const input = parseWith(schemas.optionalReason, 'resume', raw);
      return change(invoiceId, input, 'resumed', input.reason, (inv) => {
        if (inv.pause === undefined) throw invalid(inv, 'resume an invoice that is not paused');
        return without(inv, 'pause');
      });
    },
    async openDispute(invoiceId, raw) {
      const input = parseWith(schemas.requiredReason, 'openDispute', raw);
      return change(invoiceId, input, 'dispute-opened', input.reason, (inv, at) => {
        if (inv.dispute !== undefined || inv.status !== 'open') throw invalid(inv, 'open a dispute');
        return { ...inv, dispute: { reason: input.reason, openedAt: at, by: input.by } };
      });
    },
    async resolveDispute(invoiceId, raw) {
      const input = parseWith(schemas.optionalReason, 'resolveDispute', raw);
      return change(invoiceId, input, 'dispute-resolved', input.reason, (inv) => {
        if (inv.dispute === undefined) throw invalid(inv, 'resolve a dispute that is not open');
        return without(inv, 'dispute');
      });
    },
    async voidInvoice(invoiceId, raw) {
      const input = parseWith(schemas.optionalReason, 'voidInvoice', raw);
      return change(invoiceId, input, 'voided', input.reason, (inv) => {
        if (inv.status !== 'open' && inv.status !== 'draft') throw invalid(inv, 'void');
        return { ...inv, status: 'void' };
      });
    },
    async writeOff(invoiceId, raw) {
      const input = parseWith(schemas.optionalReason, 'writeOff', raw);
      return change(invoiceId, input, 'written-off', input.reason, (inv) => {
        if (inv.status !== 'open') throw invalid(inv, 'write off');
        return { ...inv, status: 'written-off' };
      });
    },
    async markPaid(invoiceId, raw) {
      const input = parseWith(schemas.markPaid, 'markPaid', raw);
      const reason = `paid by ${input.method}${input.reference !== undefined ? `, reference ${input.reference}` : ''}`;
      return change(invoiceId, input, 'marked-paid', reason, (inv) => {
        if (inv.status !== 'open') throw invalid(inv, 'mark paid');
        return { ...inv, status: 'paid' };
      });
    },
    async assignLadder(invoiceId, raw) {
      const input = parseWith(schemas.assignLadder, 'assignLadder', raw);
      if (!ctx.policy.hasLadder(input.ladderId)) throw new ConfigError(`ladderId: the policy has no ladder "${input.ladderId}"`);
      return change(invoiceId, input, 'ladder-assigned', input.ladderId, (inv) => ({ ...inv, ladderId: input.ladderId }));
    },
    async addNote(invoiceId, raw) {
      const input = parseWith(schemas.note, 'addNote', raw);
      const invoice = await load(invoiceId);
      const atMs = ctx.time(input.at);
      const digest = createHash('sha256').update(input.text).digest('hex').slice(0, 16);
      const note: Activity = { id: `note:${invoiceId}:${atMs}:${digest}`, type: 'note', at: new Date(atMs).toISOString(), customerId: invoice.customerId, invoiceId, actor: { type: 'user', id: input.by }, source: input.source, text: input.text };
      await storage.appendActivities([note]);
      return note;
    },
    async recordCall(invoiceId, raw) {
      const input = parseWith(schemas.call, 'recordCall', raw);
      const invoice = await load(invoiceId);
      const atMs = ctx.time(input.at);
      const call: Activity = {
        id: `call:${invoiceId}:${atMs}:${input.by}`,
        type: 'call',
        at: new Date(atMs).toISOString(),
        customerId: invoice.customerId,
        invoiceId,
        actor: { type: 'user', id: input.by },
        direction: input.direction,
        outcome: input.outcome,
        automated: false,
        ...(input.contactId !== undefined ? { contactId: input.contactId } : {}),
        ...(input.durationSeconds !== undefined ? { durationSeconds: input.durationSeconds } : {}),
        ...(input.notes !== undefined ? { notes: input.notes } : {}),
        ...(input.commitments !== undefined ? { commitments: input.commitments } : {}),
      };
      await storage.appendActivities([call]);
      // A conversation changes contact caps and may carry commitments: decide again.
      await storage.touchInvoices([invoiceId]);
      return call;
    },
  };
}
