/**
 * Dispatch: claims ready outbox entries under a lease, re-checks each against the engine,
 * renders, addresses and sends it through its channel (paced per channel), and records how it
 * ended, fenced by the claim's token.
 *
 * @module
 */
import { nextAction } from '@dueflow/core';
import type { ActDecision, Activity, Decision, RecentContact } from '@dueflow/core';
import { actionActivity, checkGuardrails, consolidate } from '@dueflow/core/engine';
import PQueueExport from 'p-queue';
import type { Channel, OutboundMessage, SendResult } from '../ports/channel.js';
import type { DispatchResult, OutboxClaim } from '../ports/storage.js';
import type { GroupRenderInput, Renderer } from '../ports/renderer.js';
import { recentContactsFrom } from '@dueflow/core';
import { recipientFor } from './addressing.js';
import { backoffDelay } from './backoff.js';
import { deliveryKey } from './delivery-key.js';
import type { DispatchOptions } from './collector-types.js';
import type { CollectorContext } from './context.js';
import { guardCall } from './guarded-adapters.js';

// p-queue is an ES module only. The CommonJS build require()s it, and the bundler's interop then
// hands over the whole module as its default export: take the class from inside it there.
const PQueue: typeof PQueueExport = (PQueueExport as unknown as { readonly default?: typeof PQueueExport }).default ?? PQueueExport;
type PQueue = PQueueExport;

/** Counts of one dispatch pass. */
export interface DispatchCounts {
  sent: number;
  failed: number;
  retried: number;
  cancelled: number;
}

/** The dispatcher of one collector. */
export interface Dispatcher {
  /** Dispatches every entry ready at `now` (claims until none is left). */
  run(now: number, explicitNow: boolean): Promise<DispatchCounts>;
}

/** A claimed entry to send, with the decision the engine confirmed at dispatch. */
interface Member {
  readonly claim: OutboxClaim;
  readonly decision: ActDecision;
}

function byInvoiceId(a: Member, b: Member): number {
  return a.decision.invoiceId < b.decision.invoiceId ? -1 : a.decision.invoiceId > b.decision.invoiceId ? 1 : 0;
}

/** The decision to carry out for a claim, or why not. */
type Recheck =
  | { readonly kind: 'send'; readonly decision: ActDecision }
  | { readonly kind: 'defer'; readonly until: number; readonly why: string }
  | { readonly kind: 'cancel'; readonly why: string };

/**
 * Asks the engine again at dispatch time, without this entry's own records on the timeline: the
 * entry goes out only if the engine would still act on its key now (so the invoice is still
 * collectible and `now` is inside a send window). If the engine waits on the same step (outside
 * the window), the entry is deferred to the wait's end; otherwise it is cancelled.
 */
function recheck(claim: OutboxClaim, now: number, ctx: CollectorContext): Recheck {
  const key = claim.entry.key;
  const own = (a: Activity) => a.type === 'action' && a.idempotencyKey === key;
  const snapshot = { ...claim.snapshot, activities: claim.snapshot.activities.filter((a) => !own(a)), summary: undefined };
  const fresh: Decision = nextAction(snapshot, now, ctx.policy);
  if (fresh.kind === 'act' && fresh.idempotencyKey === key) return { kind: 'send', decision: fresh };
  const step = claim.entry.decision.step;
  if (fresh.kind === 'wait' && fresh.until !== null && (fresh.reason === 'outside-send-window' || fresh.reason === 'contact-cap')) {
    const same = fresh.reasons.some((r) => r.code === 'step-due' && r.stepId === step.id && r.occurrence === step.occurrence);
    if (same) return { kind: 'defer', until: Date.parse(fresh.until), why: `waiting: ${fresh.reason}` };
  }
  if (fresh.kind === 'act') return { kind: 'cancel', why: `superseded by ${fresh.idempotencyKey}` };
  return { kind: 'cancel', why: fresh.kind === 'done' ? `no longer collectible: ${fresh.reason}` : `engine waits: ${fresh.reason}` };
}

/**
 * Creates the dispatcher.
 *
 * Internal actions (call task, account-manager alert, credit hold, agency referral, webhook
 * steps) have no customer channel: when a channel adapter for the `webhook` kind is registered
 * they are posted through it, otherwise they complete as tasks (a `task.created` event and a
 * `sent` action activity) without any channel.
 *
 * With the policy's `consolidate` (the default), entries of one customer claimed together that
 * the engine confirms for the same step, action, channel, contact and window go out as one
 * message (core's `consolidate`): rendered with every member (`GroupRenderInput.members`), sent
 * under the group's stable key (`group:<member keys>`), and completed member by member, each
 * with its own fencing token and its own action activity. When a member's completion is refused
 * (its lease expired and another worker took it over), only that member is affected: the other
 * worker asks the channel's `lookup` about the member's own key, which the channel does not
 * know, so that invoice may be mentioned again in a later message. Choose `leaseMs` longer than
 * a send can take. A consolidated message retried after a crash asks `lookup` about the group key
 * first.
 *
 * @example
 * ```ts
 * const dispatcher = createDispatcher(ctx, { channels, renderer: plainRenderer, options: {} });
 * await dispatcher.run(Date.now(), false);
 * ```
 */
export function createDispatcher(
  ctx: CollectorContext,
  input: { readonly channels: readonly Channel[]; readonly renderer: Renderer; readonly options: DispatchOptions },
): Dispatcher {
  const options = input.options;
  const batchSize = options.batchSize ?? 100;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const workerId = options.workerId ?? `collector-${globalThis.crypto.randomUUID()}`;
  const byKind = new Map<string, Channel>();
  const queues = new Map<Channel, PQueue>();
  for (const channel of input.channels) {
    for (const kind of channel.kinds) if (!byKind.has(kind)) byKind.set(kind, channel);
    const rate = options.rateLimits?.[channel.name];
    const perSecond = channel.capabilities?.maxPerSecond;
    const pacing =
      rate !== undefined
        ? { intervalCap: rate.intervalCap, interval: rate.intervalMs }
        : perSecond !== undefined && Number.isFinite(perSecond)
          ? { intervalCap: Math.max(1, Math.floor(perSecond)), interval: 1000 }
          : {};
    queues.set(
      channel,
      new PQueue({ concurrency: options.concurrency?.[channel.name] ?? channel.capabilities?.concurrency ?? 4, ...pacing }),
    );
  }

  const complete = async (claim: OutboxClaim, now: number, result: DispatchResult, activities: readonly Activity[]): Promise<boolean> => {
    const ok = await ctx.storage.completeOutbox({ key: claim.entry.key, token: claim.token, now, result, activities });
    if (!ok) ctx.logger.warn('outbox entry was taken over; result discarded', { key: claim.entry.key, token: claim.token });
    return ok;
  };

  /** Whether an earlier attempt of this entry was accepted by its channel (asked only after a possible crash). */
  async function acceptedBefore(claim: OutboxClaim): Promise<SendResult | 'unknown' | undefined> {
    const entry = claim.entry;
    if (entry.attempts <= 1) return undefined;
    const channel = byKind.get(entry.decision.action.channel ?? 'webhook');
    const lookup = channel?.lookup?.bind(channel);
    if (channel === undefined || lookup === undefined) return undefined;
    try {
      const earlier = await guardCall({ adapter: channel.name, kind: 'channel', operation: 'lookup' }, () =>
        lookup(deliveryKey(ctx.tenantId, entry.key)),
      );
      return earlier?.status === 'sent' ? earlier : undefined;
    } catch (error) {
      ctx.logger.error('channel lookup failed; will retry', { key: entry.key, error: String(error) });
      return 'unknown';
    }
  }

  /**
   * Settles what can be settled before sending: an earlier accepted attempt, a failed lookup, a
   * cancellation or a deferral. Returns the decision to send when the entry must go out now.
   */
  async function prepare(claim: OutboxClaim, now: number, counts: DispatchCounts): Promise<ActDecision | undefined> {
    const entry = claim.entry;
    const customerId = entry.customerId;
    // Asked before the re-check: a message a crashed worker got accepted is recorded as sent,
    // even if the engine would no longer send it now.
    const earlier = await acceptedBefore(claim);
    if (earlier === 'unknown') {
      const notBefore = now + backoffDelay(entry.attempts, options.backoff);
      if (await complete(claim, now, { status: 'retry', error: 'lookup failed', notBefore }, [])) counts.retried++;
      return undefined;
    }
    if (earlier !== undefined && earlier.status === 'sent') {
      const activity = actionActivity(entry.decision, { customerId, at: now, outcome: 'sent', detail: 'accepted by an earlier attempt' });
      const id = earlier.providerMessageId;
      if (await complete(claim, now, id !== undefined ? { status: 'sent', providerMessageId: id } : { status: 'sent' }, [activity])) {
        counts.sent++;
        ctx.emit('action.sent', {
          key: entry.key,
          decision: entry.decision,
          channel: entry.decision.action.channel ?? 'webhook',
          ...(id !== undefined ? { providerMessageId: id } : {}),
        });
      }
      return undefined;
    }
    // Contact caps count the customer's touches on all its invoices: a claim carries only this
    // invoice's timeline, so a customer-facing message is re-checked with the recent touches too.
    let current = claim;
    if (entry.decision.action.channel !== undefined && claim.snapshot.recentContacts.length === 0) {
      const since = now - ctx.recentContactsMs;
      const touches = recentContactsFrom(await ctx.storage.listActivities({ customerId, since, types: ['action', 'call'] }), since);
      if (touches.length > 0) current = { ...claim, snapshot: { ...claim.snapshot, recentContacts: touches } };
    }
    const check = recheck(current, now, ctx);
    if (check.kind === 'cancel') {
      const activity = actionActivity(entry.decision, { customerId, at: now, outcome: 'cancelled', detail: check.why });
      if (await complete(claim, now, { status: 'cancelled', reason: check.why }, [activity])) {
        counts.cancelled++;
        ctx.emit('action.cancelled', { key: entry.key, reason: check.why });
      }
      return undefined;
    }
    if (check.kind === 'defer') {
      if (await complete(claim, now, { status: 'retry', error: check.why, notBefore: check.until }, [])) counts.retried++;
      return undefined;
    }
    return check.decision;
  }

  /**
   * Sends one message for `members` (one entry, or the entries of a consolidated message, lead
   * first) under `messageKey`, and completes every member entry with its own token.
   */
  async function deliver(members: readonly Member[], messageKey: string, now: number, counts: DispatchCounts): Promise<void> {
    const lead = members[0]!;
    const grouped = members.length > 1;
    const kind = lead.decision.action.channel ?? (byKind.has('webhook') ? 'webhook' : undefined);

    const failOne = async ({ claim, decision }: Member, error: string, permanent: boolean, retryAfterMs: number): Promise<void> => {
      const entry = claim.entry;
      const willRetry = !permanent && entry.attempts < maxAttempts;
      if (willRetry) {
        // The entry keeps the key of this attempt: a transient failure may be a lost answer (a
        // timeout after the provider accepted), so the retry must go out under the same key.
        const notBefore = now + backoffDelay(entry.attempts, options.backoff, retryAfterMs);
        if (await complete(claim, now, { status: 'retry', error, notBefore }, [])) {
          counts.retried++;
          ctx.emit('action.failed', { key: entry.key, decision, error, permanent, willRetry });
        }
        return;
      }
      const activity = actionActivity(decision, { customerId: entry.customerId, at: now, outcome: 'failed', detail: error, permanent });
      if (await complete(claim, now, { status: 'failed', error, permanent }, [activity])) {
        counts.failed++;
        // The engine re-decides at once: a permanent failure falls back to the next channel.
        await ctx.storage.commit({ touch: [entry.invoiceId] });
        ctx.emit('action.failed', { key: entry.key, decision, error, permanent, willRetry: false });
      }
    };
    const fail = async (error: string, permanent: boolean, retryAfterMs = 0): Promise<void> => {
      for (const m of members) await failOne(m, error, permanent, retryAfterMs);
    };
    const succeed = async (providerMessageId: string | undefined, detail?: string): Promise<void> => {
      for (const { claim, decision } of members) {
        const entry = claim.entry;
        const note = detail ?? (grouped ? `sent in one message with ${members.length - 1} other invoice(s) (${messageKey})` : undefined);
        const activity = actionActivity(decision, {
          customerId: entry.customerId,
          at: now,
          outcome: 'sent',
          ...(note !== undefined ? { detail: note } : {}),
        });
        const result: DispatchResult = providerMessageId !== undefined ? { status: 'sent', providerMessageId } : { status: 'sent' };
        if (await complete(claim, now, result, [activity])) {
          counts.sent++;
          if (kind === undefined) ctx.emit('task.created', { key: entry.key, decision, snapshot: claim.snapshot });
          ctx.emit('action.sent', {
            key: entry.key,
            decision,
            channel: kind,
            ...(providerMessageId !== undefined ? { providerMessageId } : {}),
          });
        }
      }
    };

    if (kind === undefined) return succeed(undefined, `task created: ${lead.decision.action.type}`);
    const channel = byKind.get(kind);
    if (channel === undefined) return fail(`no channel adapter delivers ${kind}`, true);
    const to = recipientFor(lead.claim.snapshot, lead.decision);
    if (to === undefined) return fail(`contact ${lead.decision.action.contactId ?? '?'} has no ${kind} address`, true);
    const where = { adapter: channel.name, kind: 'channel' as const };

    const entry = lead.claim.entry;
    const retried = members.some((m) => m.claim.entry.attempts > 1);
    const moved = !grouped && kind !== (entry.decision.action.channel ?? 'webhook');
    if (retried && (grouped || moved || messageKey !== entry.key) && channel.lookup !== undefined) {
      // The engine moved the key to another channel since the earlier attempt, or an earlier
      // attempt of this consolidated message may have gone out: ask the channel first.
      const lookup = channel.lookup.bind(channel);
      let accepted: SendResult | undefined;
      try {
        accepted = await guardCall({ ...where, operation: 'lookup' }, () => lookup(deliveryKey(ctx.tenantId, messageKey)));
      } catch (error) {
        ctx.logger.error('channel lookup failed; will retry', { key: messageKey, error: String(error) });
        return fail(`lookup failed: ${String(error)}`, false);
      }
      if (accepted?.status === 'sent') return succeed(accepted.providerMessageId, 'accepted by an earlier attempt');
    }

    let message: OutboundMessage;
    try {
      const renderInput: GroupRenderInput = {
        decision: lead.decision,
        snapshot: lead.claim.snapshot,
        tenantId: ctx.tenantId,
        now,
        ...(grouped ? { members: [...members].sort(byInvoiceId).map((m) => ({ decision: m.decision, snapshot: m.claim.snapshot })) } : {}),
      };
      const rendered = await guardCall({ adapter: 'renderer', kind: 'renderer', operation: 'render' }, () =>
        input.renderer.render(renderInput),
      );
      const manager = lead.claim.snapshot.customer.accountManager;
      const copy = members.some((m) => m.decision.action.copyAccountManager === true);
      const cc = copy && manager?.email !== undefined ? [{ name: manager.name, email: manager.email }] : undefined;
      // A consolidated message names its members, so a channel can answer `lookup` for each.
      const memberKeys =
        grouped || messageKey !== entry.key ? { memberKeys: members.map((m) => deliveryKey(ctx.tenantId, m.claim.entry.key)) } : {};
      message = {
        key: deliveryKey(ctx.tenantId, messageKey),
        channel: kind,
        to,
        ...rendered,
        ...(cc !== undefined ? { cc } : {}),
        ...memberKeys,
        decision: lead.decision,
        tenantId: ctx.tenantId,
      };
    } catch (error) {
      ctx.logger.error('rendering failed', { key: messageKey, error: String(error) });
      return fail(`rendering failed: ${error instanceof Error ? error.message : String(error)}`, false);
    }

    const queue = queues.get(channel)!;
    let result: SendResult;
    try {
      result = await queue.add(() => guardCall({ ...where, operation: 'send' }, () => channel.send(message)));
    } catch (error) {
      // The port says a rejection is a programming error; retrying is still the safe reading.
      ctx.logger.error('channel send threw', { key: messageKey, channel: channel.name, error: String(error) });
      return fail(error instanceof Error ? error.message : String(error), false);
    }
    if (result.status === 'sent') return succeed(result.providerMessageId);
    return fail(result.error, result.permanent, result.retryAfterMs ?? 0);
  }

  /**
   * Dispatches one batch of claims: each is prepared on its own; those to send are grouped with
   * `consolidate` (when the policy says so), and each group goes out as one message.
   */
  /**
   * Each entry was re-checked against the touches already sent, but several messages to one
   * customer can be claimed together: check each customer's messages against each other too, in
   * key order (a consolidated message is one touch), and defer those a cap holds back.
   */
  async function withinCaps<G extends { readonly key: string; readonly members: readonly Member[] }>(
    groups: readonly G[],
    now: number,
    counts: DispatchCounts,
  ): Promise<G[]> {
    const byCustomer = new Map<string, G[]>();
    for (const g of groups) {
      const customerId = g.members[0]!.claim.entry.customerId;
      const list = byCustomer.get(customerId);
      if (list === undefined) byCustomer.set(customerId, [g]);
      else list.push(g);
    }
    const allowed: G[] = [];
    for (const list of byCustomer.values()) {
      if (list.length === 1) {
        allowed.push(list[0]!);
        continue;
      }
      const touches: RecentContact[] = [];
      for (const g of [...list].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
        const lead = g.members[0]!;
        const channel = lead.decision.action.channel;
        if (channel === undefined) {
          allowed.push(g);
          continue;
        }
        // As in the re-check: the entry's own queued record is not a touch yet.
        const ownKeys = new Set(g.members.map((m) => m.claim.entry.key));
        const activities = lead.claim.snapshot.activities.filter(
          (a) => !(a.type === 'action' && a.idempotencyKey !== undefined && ownKeys.has(a.idempotencyKey)),
        );
        const snapshot = { ...lead.claim.snapshot, activities, recentContacts: [...lead.claim.snapshot.recentContacts, ...touches] };
        const agreed = lead.decision.action.type === 'promise-reminder' || lead.decision.action.type === 'installment-reminder';
        const block = checkGuardrails(snapshot, now, { rules: ctx.policy.source.guardrails, channel, agreed, zones: ctx.policy.zones });
        if (block === undefined) {
          allowed.push(g);
          touches.push({
            at: new Date(now).toISOString(),
            invoiceId: `batch:${g.key}`,
            kind: channel === 'voice' ? 'call-attempt' : 'message',
            channel,
          });
          continue;
        }
        for (const m of g.members) {
          if (await complete(m.claim, now, { status: 'retry', error: `waiting: contact cap (${block.rule})`, notBefore: block.until }, []))
            counts.retried++;
        }
      }
    }
    return allowed;
  }

  /**
   * With consolidation on, notes on each member's entry (fenced by its token) the key of the
   * message it is about to go out in, so a retry after a crash sends it under that key again.
   * Returns the members still held; one whose lease was taken over is left out of the message.
   */
  async function noteAttempts(members: readonly Member[], messageKey: string, now: number): Promise<readonly Member[]> {
    const lead = members[0]!;
    const kind = lead.decision.action.channel ?? (byKind.has('webhook') ? 'webhook' : undefined);
    if (!ctx.policy.source.consolidate || kind === undefined || !byKind.has(kind)) return members;
    const held: Member[] = [];
    for (const m of members) {
      const { entry } = m.claim;
      if (entry.messageKey === messageKey || (await ctx.storage.noteAttempt({ key: entry.key, token: m.claim.token, messageKey, now })))
        held.push(m);
      else ctx.logger.warn('outbox entry was taken over before its send; left out of the message', { key: entry.key, messageKey });
    }
    return held;
  }

  async function dispatchBatch(claims: readonly OutboxClaim[], now: number, counts: DispatchCounts): Promise<void> {
    const ready: Member[] = [];
    await Promise.all(
      claims.map(async (claim) => {
        try {
          const decision = await prepare(claim, now, counts);
          if (decision !== undefined) ready.push({ claim, decision });
        } catch (error) {
          // A storage failure on one entry leaves it leased; the lease expires and it is retried.
          ctx.logger.error('dispatch failed; the entry will be retried after its lease', { key: claim.entry.key, error: String(error) });
        }
      }),
    );
    // An entry attempted before goes out again only under the key of that attempt, alone or with
    // the members of that same message in hand: regrouped, it would reach the provider under a
    // second key that no sent-log, Message-ID or webhook-id recognises.
    const fresh = ready.filter((m) => m.claim.entry.messageKey === undefined);
    const earlier = new Map<string, Member[]>();
    for (const m of ready) {
      const key = m.claim.entry.messageKey;
      if (key !== undefined) earlier.set(key, [...(earlier.get(key) ?? []), m]);
    }
    const byKey = new Map(fresh.map((m) => [m.decision.idempotencyKey, m]));
    const groups = [
      ...(ctx.policy.source.consolidate
        ? consolidate(
            fresh.map((m) => m.decision),
            (d) => byKey.get(d.idempotencyKey)!.claim.entry.customerId,
          ).map((g) => ({
            key: g.key,
            members: [g.lead, ...g.members.filter((d) => d !== g.lead)].map((d) => byKey.get(d.idempotencyKey)!),
          }))
        : fresh.map((m) => ({ key: m.claim.entry.key, members: [m] }))),
      ...[...earlier].map(([key, members]) => ({ key, members: [...members].sort(byInvoiceId) })),
    ];
    const allowed = await withinCaps(groups, now, counts);
    await Promise.all(
      allowed.map(async (group) => {
        try {
          const members = await noteAttempts(group.members, group.key, now);
          if (members.length > 0) await deliver(members, group.key, now, counts);
        } catch (error) {
          ctx.logger.error('dispatch failed; the entry will be retried after its lease', { key: group.key, error: String(error) });
        }
      }),
    );
  }

  return {
    async run(start: number, explicitNow: boolean): Promise<DispatchCounts> {
      const counts: DispatchCounts = { sent: 0, failed: 0, retried: 0, cancelled: 0 };
      const seen = new Set<string>();
      // Each round claims what is ready; entries put back for later are not ready again at `now`.
      for (let round = 0; round < 1000; round++) {
        const now = explicitNow ? start : ctx.clock.now();
        const claims = (await ctx.storage.claimOutbox({ now, limit: batchSize, workerId, leaseMs })).filter((c) => {
          const fresh = !seen.has(`${c.entry.key}#${c.entry.attempts}`);
          seen.add(`${c.entry.key}#${c.entry.attempts}`);
          return fresh;
        });
        if (claims.length === 0) break;
        await dispatchBatch(claims, explicitNow ? start : ctx.clock.now(), counts);
      }
      return counts;
    },
  };
}
