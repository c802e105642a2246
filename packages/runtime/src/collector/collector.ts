/**
 * # The collector: the collection cycle
 *
 * `createCollector` wires a storage, channels, a renderer and a policy into the cycle that
 * runs Dueflow. Each `tick(now)`:
 *
 * 1. **Decides.** Repeatedly asks storage for the invoices whose next check is due
 *    (`decideDue`), and for each settles its promise, plan and approved discounts
 *    (`settleSnapshot`) and runs the pure engine (`nextAction`) inside storage's transaction;
 *    settled records are written after the round and their invoices decided again. An `act` becomes an outbox entry keyed by the decision's idempotency key
 *    (`awaiting-approval` when the step needs a person, else `pending`) plus a `queued` action
 *    activity; the engine is then asked again with that activity on the timeline, so the next
 *    check is the following wait and a key is never decided twice. A `wait` schedules the next
 *    check at its end (`null`: only an event wakes the invoice); `done` never again.
 * 2. **Dispatches.** Claims ready entries under a lease with a fencing token, asks the engine
 *    again (the entry goes out only if the engine still acts on its key now: the invoice is
 *    still collectible and inside a send window; outside a window it is deferred, otherwise
 *    cancelled), groups entries of one customer at the same step into one message when the
 *    policy consolidates, renders it, addresses it from the snapshot's contact, and sends it through the
 *    channel adapter of its kind, paced per adapter (p-queue: concurrency and rate limits).
 *    Transient failures come back later with exponential backoff; permanent ones are recorded as
 *    failed and the invoice is re-decided at once, so the engine falls back to the next channel.
 *    Internal actions (call task, alert, credit hold, referral) go through a `webhook` channel
 *    when one is registered, and otherwise complete as tasks (`task.created`).
 * 3. **Recovers.** A worker that dies mid-dispatch leaves its lease to expire; the next tick
 *    claims the entry with a new token, asks the channel's `lookup` whether the earlier attempt
 *    was accepted, and only then sends. The dead worker's late `completeOutbox` is refused.
 *
 * Inbound events (`record`), approvals (`pending`, `approve`, `reject`), operations on
 * invoices (pause, dispute, void...) and negotiations (promises, plans, discount offers, credit
 * notes, contact edits) apply the core's transitions, write the model and the timeline together
 * and schedule the invoices for an immediate decision. Everything observable is also emitted as a typed event.
 *
 * @module
 */
import { compilePolicy, ConfigError, DueflowError, explain } from '@dueflow/core';
import type { CompiledPolicy, CreditNote, InstallmentPlan, InstantLike, PolicyInput, PromiseToPay } from '@dueflow/core';
import mitt from 'mitt';
import { ConcurrentWorkersError } from '../errors.js';
import { systemClock } from '../ports/clock.js';
import type { Storage } from '../ports/storage.js';
import { silentLogger } from '../ports/logger.js';
import { actionActivity } from '@dueflow/core/engine';
import type { Collector, CollectorEvents, CollectorOptions, OperationInput, PendingItem, TickSummary } from './collector-types.js';
import type { CollectorContext } from './context.js';
import { decideInvoice } from './decide-invoice.js';
import { createDispatcher } from './dispatcher.js';
import { guardCall, guardStorage } from './guarded-adapters.js';
import { createRecorder } from './inbound.js';
import { toEpochMs } from './instants.js';
import { createNegotiations } from './negotiations.js';
import { createOperations } from './operations.js';
import { plainRenderer } from './plain-renderer.js';
import { settleSnapshot, type Settlement, type SettlementEvent } from '@dueflow/core';

const DAY_MS = 86_400_000;

/** A person's answer to an item of `pending()`. */
type Review = OperationInput & { readonly decision: 'approved' | 'rejected'; readonly reason?: string | undefined };

function isCompiled(policy: CompiledPolicy | PolicyInput): policy is CompiledPolicy {
  return typeof (policy as { ladderFor?: unknown }).ladderFor === 'function';
}

/**
 * Storages without `capabilities.concurrentWorkers` that a collector in this process has open:
 * a second collector on one of them is refused until the first is closed.
 */
const exclusiveStorages = new WeakSet<Storage>();

function positiveInt(value: number | undefined, field: string): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 1))
    throw new ConfigError(`${field}: expected a positive integer (got ${String(value)})`);
}

/**
 * Creates a collector. Nothing runs until `tick` is called (by a scheduler, a cron job or a
 * loop); storage is initialised once, on first use. Messages are rendered by
 * `options.renderer`: `createTemplateRenderer` from `@dueflow/templates` for the default
 * templates, or your own; without one, `plainRenderer`'s short plain-text summary.
 *
 * @example
 * ```ts
 * const collector = createCollector({
 *   storage: createMemoryStorage(),
 *   channels: [smtpChannel],
 *   policy: compilePolicy(),
 *   renderer: createTemplateRenderer({ company: { name: 'Acme Billing' } }), // from @dueflow/templates
 * });
 * collector.on('action.sent', ({ key }) => console.log('sent', key));
 * const summary = await collector.tick();
 * await collector.close();
 * ```
 */
export function createCollector(options: CollectorOptions): Collector {
  const policy = isCompiled(options.policy) ? options.policy : compilePolicy(options.policy);
  const raw = options.storage;
  if (options.tenantId !== undefined && options.tenantId !== raw.tenantId) {
    throw new ConfigError(`tenantId: "${options.tenantId}" differs from the storage's tenant "${raw.tenantId}"`);
  }
  const dispatch = options.dispatch ?? {};
  positiveInt(dispatch.batchSize, 'dispatch.batchSize');
  positiveInt(dispatch.leaseMs, 'dispatch.leaseMs');
  positiveInt(dispatch.maxAttempts, 'dispatch.maxAttempts');
  const names = new Set<string>();
  for (const channel of options.channels) {
    if (names.has(channel.name)) throw new ConfigError(`channels: two adapters are named "${channel.name}"`);
    names.add(channel.name);
  }
  const recentDays = options.recentContactsDays ?? 30;
  if (!Number.isFinite(recentDays) || recentDays < 0)
    throw new ConfigError(`recentContactsDays: expected a non-negative number (got ${String(recentDays)})`);

  const passthrough = new WeakSet<object>();
  const inner = guardStorage(raw, passthrough);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const bus = mitt<CollectorEvents>();
  let ready: Promise<void> | undefined;
  let closing: Promise<void> | undefined;

  const exclusive = raw.capabilities?.concurrentWorkers !== true;
  let holding = false;
  const open = async (): Promise<void> => {
    if (closing !== undefined) throw new DueflowError('INVALID_OPERATION', 'the collector is closed');
    if (exclusive && !holding) {
      if (exclusiveStorages.has(raw)) throw new ConcurrentWorkersError(raw.name ?? 'storage');
      exclusiveStorages.add(raw);
      holding = true;
    }
    // A failed init (a lost connection) is not remembered: the next call tries again.
    ready ??= inner.init().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    await ready;
  };

  const ctx: CollectorContext = {
    storage: inner,
    policy,
    clock,
    logger,
    tenantId: raw.tenantId,
    recentContactsMs: recentDays * DAY_MS,
    emit(type, event) {
      try {
        bus.emit(type, event);
      } catch (error) {
        logger.error('event handler threw', { event: type, error: String(error) });
      }
    },
    time: (at?: InstantLike) => (at === undefined ? clock.now() : toEpochMs(at)),
  };
  const dispatcher = createDispatcher(ctx, { channels: options.channels, renderer: options.renderer ?? plainRenderer, options: dispatch });
  const record = createRecorder(ctx);
  const operations = createOperations(ctx);
  const negotiations = createNegotiations(ctx);
  const batchSize = dispatch.batchSize ?? 100;

  const guarded =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await open();
      return fn(...args);
    };

  /** Offers and proposed plans are reviewed by their `pending()` key; `false` when not awaiting a person. */
  const reviewNegotiation = async (key: string, input: Review): Promise<boolean> => {
    const item = (await negotiations.pendingNegotiations()).find((p) => p.key === key);
    if (item === undefined) return false;
    const { by, decision } = input;
    const reason = input.reason ?? 'rejected';
    const when = input.at !== undefined ? { at: input.at } : {};
    if (item.kind === 'offer') {
      if (decision === 'approved') await negotiations.approveOffer(item.offer.id, { by, ...when });
      else await negotiations.rejectOffer(item.offer.id, { by, reason, ...when });
    } else if (decision === 'approved') await negotiations.approvePlan(item.plan.id, { by, ...when });
    else await negotiations.cancelPlan(item.plan.id, { by, reason, ...when });
    return true;
  };

  const review = async (key: string, input: Review): Promise<boolean> => {
    const { by, decision, reason } = input;
    if (typeof by !== 'string' || by.trim() === '')
      throw new DueflowError('VALIDATION', `by: must name who reviews (got ${JSON.stringify(by)})`);
    const [entry] = await inner.listOutbox({ key });
    if (entry === undefined && (key.startsWith('offer:') || key.startsWith('plan:'))) return reviewNegotiation(key, input);
    if (entry === undefined || entry.status !== 'awaiting-approval') return false;
    const now = ctx.time(input.at);
    const actor = { type: 'user' as const, id: by };
    const activities = [
      {
        id: `${key}:review`,
        type: 'approval' as const,
        at: new Date(now).toISOString(),
        customerId: entry.customerId,
        invoiceId: entry.invoiceId,
        actor,
        actionKey: key,
        decision,
        ...(reason !== undefined ? { reason } : {}),
      },
      actionActivity(entry.decision, {
        customerId: entry.customerId,
        at: now,
        outcome: decision,
        actor,
        ...(reason !== undefined ? { detail: reason } : {}),
      }),
    ];
    const ok = await inner.reviewOutbox({ key, decision, by, now, activities, ...(reason !== undefined ? { reason } : {}) });
    if (ok) {
      if (decision === 'approved') ctx.emit('action.approved', { key, by });
      else ctx.emit('action.rejected', { key, by, reason: reason ?? '' });
    }
    return ok;
  };

  /**
   * Writes the records settled during a round, then announces the changes. Settling again (after
   * a failure here) derives the same activity ids and records, so the writes are idempotent.
   */
  const persistSettlements = async (settlements: readonly Settlement[]): Promise<boolean> => {
    const promises = new Map<string, PromiseToPay>();
    const plans = new Map<string, InstallmentPlan>();
    const credits = new Map<string, CreditNote>();
    const events = new Map<string, SettlementEvent>();
    for (const s of settlements) {
      for (const p of s.promises) promises.set(p.id, p);
      for (const p of s.plans) plans.set(p.id, p);
      for (const c of s.credits) credits.set(c.id, c);
      for (const e of s.events) events.set(`${e.type}:${'promise' in e ? e.promise.id : 'plan' in e ? e.plan.id : e.offer.id}`, e);
    }
    if (promises.size + plans.size + credits.size === 0) return false;
    await inner.commit({ promises: [...promises.values()], plans: [...plans.values()], credits: [...credits.values()] });
    for (const e of events.values()) {
      if (e.type === 'promise.kept' || e.type === 'promise.broken') ctx.emit(e.type, { promise: e.promise });
      else if (e.type === 'plan.completed' || e.type === 'plan.defaulted') ctx.emit(e.type, { plan: e.plan });
      else ctx.emit('offer.expired', { offer: e.offer });
    }
    return true;
  };

  const collector: Collector = {
    policy,
    storage: inner,

    tick: guarded(async (input: { readonly now?: InstantLike } = {}): Promise<TickSummary> => {
      const explicit = input.now !== undefined;
      const now = ctx.time(input.now);
      let decided = 0;
      let enqueued = 0;
      let awaitingApproval = 0;
      for (let round = 0; round < 10_000; round++) {
        const queued: CollectorEvents['action.queued'][] = [];
        const held: CollectorEvents['action.awaiting-approval'][] = [];
        const settlements: Settlement[] = [];
        let failure: unknown;
        const decide = (snapshot: Parameters<typeof decideInvoice>[0]) => {
          try {
            // Promises, plans and discounts are settled first, so the engine decides on what is true now.
            const settled = settleSnapshot(snapshot, now, policy);
            const decided = decideInvoice(settled.snapshot, now, policy);
            const wake = settled.wakeAt;
            const out =
              wake === null || (decided.nextCheckAt !== null && decided.nextCheckAt <= wake)
                ? decided
                : { ...decided, nextCheckAt: Math.max(wake, now + 1) };
            for (const e of out.outbox) (e.status === 'pending' ? queued : held).push({ key: e.key, decision: e.decision });
            if (settled.activities.length === 0) return out;
            settlements.push(settled);
            return { ...out, activities: [...settled.activities, ...out.activities] };
          } catch (error) {
            failure = error;
            if (typeof error === 'object' && error !== null) passthrough.add(error);
            throw error;
          }
        };
        const result = await inner
          .decideDue({ now, limit: batchSize, recentContactsSince: now - recentDays * DAY_MS }, decide)
          .catch((error: unknown) => {
            throw failure ?? error;
          });
        decided += result.decided;
        enqueued += result.enqueued;
        // Announced only once storage has committed the round.
        for (const e of queued) ctx.emit('action.queued', e);
        for (const e of held) ctx.emit('action.awaiting-approval', e);
        awaitingApproval += held.length;
        // The settled records follow their activities (committed with the decision); writing them
        // schedules their invoices again, so another round decides those on the settled records.
        const settledRecords = settlements.length > 0 && (await persistSettlements(settlements));
        if (!result.more && !settledRecords) break;
      }
      const counts = await dispatcher.run(now, explicit);
      const summary: TickSummary = { now, decided, enqueued, awaitingApproval, ...counts };
      logger.info('tick finished', { ...summary });
      ctx.emit('tick.finished', summary);
      return summary;
    }),

    record: guarded(record),
    recordChannelEvents: guarded(async (events) => {
      const results = [];
      for (const event of events) results.push(await record(event));
      return results;
    }),

    pending: guarded(async (input = {}) => {
      const limit = input.limit ?? 1000;
      const entries = await inner.listOutbox({ status: ['awaiting-approval'], limit });
      const actions: PendingItem[] = entries.map((e) => ({
        kind: 'action' as const,
        key: e.key,
        invoiceId: e.invoiceId,
        customerId: e.customerId,
        decision: e.decision,
        reasons: e.decision.reasons,
        explanation: explain(e.decision),
        createdAt: e.createdAt,
      }));
      const all = [...actions, ...(await negotiations.pendingNegotiations())];
      return all.sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).slice(0, limit);
    }),
    approve: guarded((key: string, input: OperationInput) => review(key, { ...input, decision: 'approved' })),
    reject: guarded((key: string, input: OperationInput & { readonly reason: string }) => review(key, { ...input, decision: 'rejected' })),

    pause: guarded(operations.pause),
    resume: guarded(operations.resume),
    openDispute: guarded(operations.openDispute),
    resolveDispute: guarded(operations.resolveDispute),
    voidInvoice: guarded(operations.voidInvoice),
    writeOff: guarded(operations.writeOff),
    markPaid: guarded(operations.markPaid),
    assignLadder: guarded(operations.assignLadder),
    addNote: guarded(operations.addNote),
    recordCall: guarded(operations.recordCall),
    makePromise: guarded(negotiations.makePromise),
    cancelPromise: guarded(negotiations.cancelPromise),
    createPlan: guarded(negotiations.createPlan),
    approvePlan: guarded(negotiations.approvePlan),
    cancelPlan: guarded(negotiations.cancelPlan),
    proposeDiscount: guarded(negotiations.proposeDiscount),
    approveOffer: guarded(negotiations.approveOffer),
    rejectOffer: guarded(negotiations.rejectOffer),
    offers: guarded(negotiations.offers),
    addCreditNote: guarded(negotiations.addCreditNote),
    editContact: guarded(negotiations.editContact),

    on(type, handler) {
      bus.on(type, handler);
    },
    off(type, handler) {
      bus.off(type, handler);
    },
    close() {
      closing ??= (async () => {
        const errors: unknown[] = [];
        if (ready !== undefined) await ready.catch(() => undefined);
        await inner.close().catch((e: unknown) => errors.push(e));
        if (holding) exclusiveStorages.delete(raw);
        for (const channel of options.channels) {
          const close = channel.close?.bind(channel);
          if (close !== undefined)
            await guardCall({ adapter: channel.name, kind: 'channel', operation: 'close' }, close).catch((e: unknown) => errors.push(e));
        }
        if (errors.length > 0) throw errors[0];
      })();
      return closing;
    },
  };
  return collector;
}
