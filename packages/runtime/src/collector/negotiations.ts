/**
 * What people agree with customers: promises to pay, installment plans, discount offers, credit
 * notes and contact changes. Each validates its input, applies the core's pure transition, and
 * persists the records with their activities in one change (`Storage.commit`), scheduling
 * the invoices touched for an immediate decision; then it emits a typed event.
 *
 * Offers and proposed plans need a person: they are listed by `pending()` and decided with
 * `approveOffer` / `rejectOffer` and `approvePlan` / `cancelPlan`, each recorded on the
 * timeline with an `approval` activity.
 *
 * @module
 */
import {
  addCreditNote,
  approveDiscount,
  approvePlan,
  cancelPlan,
  cancelPromise,
  CalendarDateSchema,
  ChannelKindSchema,
  createInstallmentPlan,
  DueflowError,
  editContact,
  formatMoney,
  IdSchema,
  makePromise,
  outstandingAmount,
  parseWith,
  proposeDiscount,
  rejectDiscount,
} from '@dueflow/core';
import type { Activity, DiscountOffer, EditContactInput, InstallmentPlan, Snapshot } from '@dueflow/core';
import { z } from 'zod';
import type { Collector, PendingOffer, PendingPlan } from './collector-types.js';
import type { CollectorContext } from './context.js';
import { offersFromTimeline } from '@dueflow/core';
import { BY_AT, loadInvoice, loadInvoiceSnapshot, transitionContext } from './operation-support.js';

const MinorUnits = z.number().int().positive().refine(Number.isSafeInteger, { message: 'outside the safe integer range' });

const schemas = {
  promise: z.object({
    ...BY_AT,
    date: CalendarDateSchema,
    amount: MinorUnits.optional(),
    channel: z.union([ChannelKindSchema, z.enum(['call', 'portal', 'in-person'])]).optional(),
    condition: z.string().min(1).max(2000).optional(),
    id: IdSchema.optional(),
  }),
  byAt: z.object(BY_AT),
  plan: z
    .object({
      ...BY_AT,
      invoiceIds: z.array(IdSchema).min(1).max(100),
      frequency: z.enum(['weekly', 'fortnightly', 'monthly']),
      count: z.number().int().min(1).max(520).optional(),
      schedule: z
        .array(z.object({ dueDate: CalendarDateSchema, amount: MinorUnits }))
        .min(1)
        .max(520)
        .optional(),
      firstDueDate: CalendarDateSchema,
      total: MinorUnits.optional(),
      minimumWeekly: z.number().int().min(0).optional(),
      maxMissed: z.number().int().min(1).max(52).optional(),
      graceDays: z.number().int().min(0).max(60).optional(),
      status: z.enum(['active', 'proposed']).default('active'),
      id: IdSchema.optional(),
    })
    .refine((p) => (p.count === undefined) !== (p.schedule === undefined), { message: 'give either count or schedule', path: ['count'] })
    .refine((p) => new Set(p.invoiceIds).size === p.invoiceIds.length, { message: 'must not repeat an invoice', path: ['invoiceIds'] }),
  cancelPlan: z.object({ ...BY_AT, reason: z.string().min(1).max(2000) }),
  discount: z
    .object({
      ...BY_AT,
      deadline: CalendarDateSchema,
      basisPoints: z.number().int().min(1).max(9999).optional(),
      amount: MinorUnits.optional(),
      id: IdSchema.optional(),
    })
    .refine((d) => (d.basisPoints === undefined) !== (d.amount === undefined), {
      message: 'give either basisPoints or amount',
      path: ['basisPoints'],
    }),
  reject: z.object({ ...BY_AT, reason: z.string().min(1).max(2000) }),
  credit: z.object({ ...BY_AT, amount: MinorUnits, reason: z.string().min(1).max(500).optional(), id: IdSchema.optional() }),
  contact: z.object({
    ...BY_AT,
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'expected an ISO 3166 country code such as US')
      .optional(),
  }),
};

type Negotiations = Pick<
  Collector,
  | 'makePromise'
  | 'cancelPromise'
  | 'createPlan'
  | 'approvePlan'
  | 'cancelPlan'
  | 'proposeDiscount'
  | 'approveOffer'
  | 'rejectOffer'
  | 'offers'
  | 'addCreditNote'
  | 'editContact'
> & {
  /** Discount offers and proposed plans awaiting a person, oldest first. */
  pendingNegotiations(): Promise<(PendingOffer | PendingPlan)[]>;
};

function approval(input: {
  id: string;
  at: number;
  customerId: string;
  invoiceId: string;
  by: string;
  actionKey: string;
  decision: 'approved' | 'rejected';
  reason?: string | undefined;
}): Activity {
  return {
    id: input.id,
    type: 'approval',
    at: new Date(input.at).toISOString(),
    customerId: input.customerId,
    invoiceId: input.invoiceId,
    actor: { type: 'user', id: input.by },
    actionKey: input.actionKey,
    decision: input.decision,
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
  };
}

function describePlan(plan: InstallmentPlan): string {
  const first = plan.installments[0]!;
  return `${plan.installments.length} ${plan.frequency} installments totalling ${formatMoney(plan.total)} from ${first.dueDate}, over invoices ${plan.invoiceIds.join(', ')}`;
}

/**
 * Creates the negotiation operations of a collector.
 *
 * @example
 * ```ts
 * const ops = createNegotiations(ctx);
 * await ops.makePromise('inv_1', { date: '2025-03-13', by: 'sam' });
 * ```
 */
export function createNegotiations(ctx: CollectorContext): Negotiations {
  const { storage } = ctx;

  const owed = (s: Snapshot): number => outstandingAmount(s.invoice, s.payments, s.credits);

  async function findOffer(offerId: string): Promise<{ offer: DiscountOffer; snapshot: Snapshot }> {
    const id = parseWith(IdSchema, 'offerId', offerId);
    const actions = await storage.listActivities({ types: ['action'], limit: 1_000_000 });
    const proposal = actions.find((a) => a.type === 'action' && a.action === 'offer' && a.stepId === `offer:${id}`);
    if (proposal?.invoiceId === undefined) throw new DueflowError('NOT_FOUND', `offer "${offerId}" not found`);
    const snapshot = await loadInvoiceSnapshot(ctx, proposal.invoiceId);
    const offer = offersFromTimeline(snapshot.activities, snapshot.credits, owed(snapshot)).find((o) => o.id === id);
    if (offer === undefined) throw new DueflowError('NOT_FOUND', `offer "${offerId}" not found`);
    return { offer, snapshot };
  }

  async function findPlan(planId: string): Promise<InstallmentPlan> {
    const id = parseWith(IdSchema, 'planId', planId);
    const events = await storage.listActivities({ types: ['plan'], limit: 1_000_000 });
    const first = events.find((a) => a.type === 'plan' && a.planId === id);
    if (first?.invoiceId === undefined) throw new DueflowError('NOT_FOUND', `plan "${planId}" not found`);
    const plan = (await loadInvoiceSnapshot(ctx, first.invoiceId)).plan;
    if (plan === undefined || plan.id !== id)
      throw new DueflowError('NOT_FOUND', `plan "${planId}" is no longer the plan of invoice "${first.invoiceId}"`);
    return plan;
  }

  return {
    async makePromise(invoiceId, raw) {
      const input = parseWith(schemas.promise, 'makePromise', raw);
      const snapshot = await loadInvoiceSnapshot(ctx, invoiceId);
      const { invoice } = snapshot;
      const { tc, atMs } = transitionContext(ctx, input, `promise:${invoiceId}`);
      const activities: Activity[] = [];
      const promises = [];
      // One promise at a time: the engine honours the latest, so an earlier pending one is closed.
      if (snapshot.promise !== undefined && snapshot.promise.status === 'pending') {
        const cancelled = cancelPromise(snapshot.promise, invoice.customerId, { ...tc, idPrefix: `${tc.idPrefix}:replaces` });
        promises.push(cancelled.promise);
        activities.push(...cancelled.activities);
      }
      const made = makePromise(
        {
          id: input.id ?? `promise-${invoiceId}-${atMs}`,
          invoice,
          amount: { amount: input.amount ?? owed(snapshot), currency: invoice.total.currency },
          date: input.date,
          takenBy: input.by,
          ...(input.channel !== undefined ? { channel: input.channel } : {}),
          ...(input.condition !== undefined ? { condition: input.condition } : {}),
        },
        tc,
      );
      promises.push(made.promise);
      activities.push(...made.activities);
      await storage.commit({ promises, activities, touch: [invoiceId] });
      ctx.emit('promise.made', { promise: made.promise, by: input.by });
      return made.promise;
    },

    async cancelPromise(invoiceId, raw) {
      const input = parseWith(schemas.byAt, 'cancelPromise', raw);
      const snapshot = await loadInvoiceSnapshot(ctx, invoiceId);
      if (snapshot.promise === undefined)
        throw new DueflowError('INVALID_OPERATION', `cancelPromise: invoice "${invoiceId}" has no promise`);
      const { tc } = transitionContext(ctx, input, `promise:${snapshot.promise.id}:cancelled`);
      const { promise, activities } = cancelPromise(snapshot.promise, snapshot.invoice.customerId, tc);
      await storage.commit({ promises: [promise], activities, touch: [invoiceId] });
      ctx.emit('promise.cancelled', { promise, by: input.by });
      return promise;
    },

    async createPlan(raw) {
      const input = parseWith(schemas.plan, 'createPlan', raw);
      const snapshots = [];
      for (const id of input.invoiceIds) snapshots.push(await loadInvoiceSnapshot(ctx, id));
      for (const s of snapshots) {
        const live = s.plan;
        if (live !== undefined && (live.status === 'active' || live.status === 'proposed')) {
          throw new DueflowError(
            'INVALID_OPERATION',
            `createPlan: invoice "${s.invoice.id}" is already on plan "${live.id}" (${live.status}); cancel it first`,
          );
        }
      }
      const { tc, atMs } = transitionContext(ctx, input, `plan:${input.invoiceIds[0]!}`);
      const currency = snapshots[0]!.invoice.total.currency;
      const { plan, activities } = createInstallmentPlan(
        {
          id: input.id ?? `plan-${input.invoiceIds[0]!}-${atMs}`,
          invoices: snapshots.map((s) => ({ invoice: s.invoice, outstanding: owed(s) })),
          frequency: input.frequency,
          firstDueDate: input.firstDueDate,
          status: input.status,
          ...(input.total !== undefined ? { total: { amount: input.total, currency } } : {}),
          ...(input.count !== undefined ? { count: input.count } : {}),
          ...(input.schedule !== undefined ? { schedule: input.schedule } : {}),
          ...(input.minimumWeekly !== undefined ? { minimumWeekly: input.minimumWeekly } : {}),
          ...(input.maxMissed !== undefined ? { maxMissed: input.maxMissed } : {}),
          ...(input.graceDays !== undefined ? { graceDays: input.graceDays } : {}),
        },
        tc,
      );
      await storage.commit({ plans: [plan], activities, touch: plan.invoiceIds });
      ctx.emit(plan.status === 'proposed' ? 'plan.proposed' : 'plan.created', { plan, by: input.by });
      return plan;
    },

    async approvePlan(planId, raw) {
      const input = parseWith(schemas.byAt, 'approvePlan', raw);
      const current = await findPlan(planId);
      const { tc, atMs } = transitionContext(ctx, input, `plan:${current.id}:approved`);
      const { plan, activities } = approvePlan(current, tc);
      const reviews = plan.invoiceIds.map((invoiceId, n) =>
        approval({
          id: `${tc.idPrefix}:review:${n + 1}`,
          at: atMs,
          customerId: plan.customerId,
          invoiceId,
          by: input.by,
          actionKey: `plan:${plan.id}`,
          decision: 'approved',
        }),
      );
      await storage.commit({ plans: [plan], activities: [...reviews, ...activities], touch: plan.invoiceIds });
      ctx.emit('plan.created', { plan, by: input.by });
      return plan;
    },

    async cancelPlan(planId, raw) {
      const input = parseWith(schemas.cancelPlan, 'cancelPlan', raw);
      const current = await findPlan(planId);
      const { tc, atMs } = transitionContext(ctx, input, `plan:${current.id}:cancelled`);
      const { plan, activities } = cancelPlan(current, input.reason, tc);
      // Cancelling a proposal is its rejection: the approval trail says so.
      const reviews =
        current.status === 'proposed'
          ? plan.invoiceIds.map((invoiceId, n) =>
              approval({
                id: `${tc.idPrefix}:review:${n + 1}`,
                at: atMs,
                customerId: plan.customerId,
                invoiceId,
                by: input.by,
                actionKey: `plan:${plan.id}`,
                decision: 'rejected',
                reason: input.reason,
              }),
            )
          : [];
      await storage.commit({ plans: [plan], activities: [...reviews, ...activities], touch: plan.invoiceIds });
      ctx.emit('plan.cancelled', { plan, by: input.by, reason: input.reason });
      return plan;
    },

    async proposeDiscount(invoiceId, raw) {
      const input = parseWith(schemas.discount, 'proposeDiscount', raw);
      const snapshot = await loadInvoiceSnapshot(ctx, invoiceId);
      const balance = owed(snapshot);
      const open = offersFromTimeline(snapshot.activities, snapshot.credits, balance).find(
        (o) => o.status === 'proposed' || o.status === 'approved',
      );
      if (open !== undefined)
        throw new DueflowError(
          'INVALID_OPERATION',
          `proposeDiscount: invoice "${invoiceId}" already has offer "${open.id}" (${open.status})`,
        );
      const { tc, atMs } = transitionContext(ctx, input, `offer:${invoiceId}`);
      const common = {
        id: input.id ?? `offer-${invoiceId}-${atMs}`,
        invoice: snapshot.invoice,
        outstanding: balance,
        deadline: input.deadline,
      };
      const { offer, activities } =
        input.basisPoints !== undefined
          ? proposeDiscount({ ...common, basisPoints: input.basisPoints }, tc)
          : proposeDiscount({ ...common, amount: input.amount! }, tc);
      await storage.commit({ activities, touch: [invoiceId] });
      ctx.emit('offer.proposed', { offer, by: input.by });
      return offer;
    },

    async approveOffer(offerId, raw) {
      const input = parseWith(schemas.byAt, 'approveOffer', raw);
      const { offer: current, snapshot } = await findOffer(offerId);
      const { tc, atMs } = transitionContext(ctx, input, `offer:${current.id}:approved`);
      const { offer, credit, activities } = approveDiscount(current, snapshot.invoice, tc);
      const key = `${current.invoiceId}:offer:${current.id}:1`;
      const review = approval({
        id: `${key}:review`,
        at: atMs,
        customerId: current.customerId,
        invoiceId: current.invoiceId,
        by: input.by,
        actionKey: key,
        decision: 'approved',
      });
      await storage.commit({ credits: [credit], activities: [review, ...activities], touch: [current.invoiceId] });
      ctx.emit('offer.approved', { offer, credit, by: input.by });
      return offer;
    },

    async rejectOffer(offerId, raw) {
      const input = parseWith(schemas.reject, 'rejectOffer', raw);
      const { reason } = input;
      const { offer: current } = await findOffer(offerId);
      const { tc, atMs } = transitionContext(ctx, input, `offer:${current.id}:rejected`);
      const { offer, activities } = rejectDiscount(current, reason, tc);
      const key = `${current.invoiceId}:offer:${current.id}:1`;
      const review = approval({
        id: `${key}:review`,
        at: atMs,
        customerId: current.customerId,
        invoiceId: current.invoiceId,
        by: input.by,
        actionKey: key,
        decision: 'rejected',
        reason,
      });
      await storage.commit({ activities: [review, ...activities], touch: [current.invoiceId] });
      ctx.emit('offer.rejected', { offer, by: input.by, reason });
      return offer;
    },

    async offers(invoiceId) {
      const snapshot = await loadInvoiceSnapshot(ctx, invoiceId);
      return offersFromTimeline(snapshot.activities, snapshot.credits, owed(snapshot));
    },

    async addCreditNote(invoiceId, raw) {
      const input = parseWith(schemas.credit, 'addCreditNote', raw);
      const invoice = await loadInvoice(ctx, invoiceId);
      const { tc, atMs } = transitionContext(ctx, input, `credit:${invoiceId}`);
      const { credit, activities } = addCreditNote(
        invoice,
        {
          id: input.id ?? `credit-${invoiceId}-${atMs}`,
          amount: { amount: input.amount, currency: invoice.total.currency },
          ...(input.reason !== undefined ? { reason: input.reason } : {}),
        },
        tc,
      );
      await storage.commit({ credits: [credit], activities, touch: [invoiceId] });
      return credit;
    },

    async editContact(customerId, contactId, patch, raw) {
      const input = parseWith(schemas.contact, 'editContact', raw);
      const customer = await storage.getCustomer(parseWith(IdSchema, 'customerId', customerId));
      if (customer === undefined) throw new DueflowError('NOT_FOUND', `customer "${customerId}" not found`);
      const { tc } = transitionContext(ctx, input, `contact:${customerId}:${contactId}`);
      const country =
        input.defaultCountry !== undefined
          ? { defaultCountry: input.defaultCountry as NonNullable<EditContactInput['defaultCountry']> }
          : {};
      const edited = editContact(customer, { contactId, patch, ...country }, tc);
      // A new address may reach a contact the engine could not reach: decide the open invoices again.
      const open = await storage.listInvoices({ customerId, status: ['open'], limit: 100_000 });
      await storage.commit({ customers: [edited.customer], activities: edited.activities, touch: open.map((i) => i.id) });
      return edited.customer;
    },

    async pendingNegotiations() {
      const out: (PendingOffer | PendingPlan)[] = [];
      const actions = await storage.listActivities({ types: ['action'], limit: 1_000_000 });
      const proposedOn = new Set<string>();
      for (const a of actions)
        if (a.type === 'action' && a.action === 'offer' && a.outcome === 'awaiting-approval' && a.invoiceId !== undefined)
          proposedOn.add(a.invoiceId);
      for (const invoiceId of [...proposedOn].sort()) {
        const snapshot = await storage.loadSnapshot(invoiceId);
        if (snapshot === undefined) continue;
        for (const offer of offersFromTimeline(snapshot.activities, snapshot.credits, owed(snapshot))) {
          if (offer.status !== 'proposed') continue;
          out.push({
            kind: 'offer',
            key: `offer:${offer.id}`,
            invoiceId: offer.invoiceId,
            customerId: offer.customerId,
            offer,
            reasons: [],
            explanation: `Early-payment discount of ${formatMoney(offer.discount)} on invoice ${snapshot.invoice.number}: the customer pays ${formatMoney(offer.newTotal)} by ${offer.deadline}.`,
            createdAt: Date.parse(offer.proposedAt),
          });
        }
      }
      const plans = await storage.listActivities({ types: ['plan'], limit: 1_000_000 });
      const seen = new Set<string>();
      for (const a of plans) {
        if (a.type !== 'plan' || a.event !== 'proposed' || a.invoiceId === undefined || seen.has(a.planId)) continue;
        seen.add(a.planId);
        const plan = (await storage.loadSnapshot(a.invoiceId))?.plan;
        if (plan === undefined || plan.id !== a.planId || plan.status !== 'proposed') continue;
        out.push({
          kind: 'plan',
          key: `plan:${plan.id}`,
          invoiceId: plan.invoiceIds[0]!,
          customerId: plan.customerId,
          plan,
          reasons: [],
          explanation: `Proposed payment plan: ${describePlan(plan)}.`,
          createdAt: Date.parse(plan.createdAt),
        });
      }
      return out;
    },
  };
}
