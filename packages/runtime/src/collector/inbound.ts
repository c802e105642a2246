/**
 * `record()`: turns inbound events into timeline activities and model changes.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { parseWith } from '@dueflow/core';
import type { Activity, ChannelKind, Contact } from '@dueflow/core';
import { contactHasAddress } from '../ports/contact-address.js';
import type { OutboxEntry } from '../ports/storage.js';
import { actionActivity } from '@dueflow/core/engine';
import type { RecordResult } from './collector-types.js';
import type { CollectorContext } from './context.js';
import { InboundEventSchema, type InboundEvent, type ParsedInboundEvent } from './inbound-event.js';
import { toEpochMs } from './instants.js';
import { parseDeliveryKey } from './delivery-key.js';

interface Target {
  readonly customerId: string;
  readonly contactId?: string;
  readonly invoiceId?: string;
  readonly entry?: OutboxEntry;
}

function fromEntry(entry: OutboxEntry): Target {
  const contactId = entry.decision.action.contactId;
  return { customerId: entry.customerId, invoiceId: entry.invoiceId, entry, ...(contactId !== undefined ? { contactId } : {}) };
}

/**
 * Stable id: the same event delivered twice (webhook retries) writes the same activities, once.
 * With a delivery id the arrival time is left out, since a replay arrives later but is the same
 * delivery.
 */
function eventId(event: ParsedInboundEvent, target: Target, suffix: string): string {
  const at = 'at' in event ? toEpochMs(event.at) : 0;
  const identity =
    event.type === 'payment' || event.deliveryId === undefined
      ? [event.type, at, event]
      : [event.type, event.deliveryId, event.address ?? '', 'channel' in event ? event.channel : 'voice'];
  const digest = createHash('sha256')
    .update(JSON.stringify([...identity, target.customerId, target.contactId ?? '', target.invoiceId ?? '']))
    .digest('hex')
    .slice(0, 24);
  return `ev:${digest}:${suffix}`;
}

/**
 * Creates the `record` operation of a collector. Events are routed by outbox key (a delivery
 * key of this tenant is mapped back to it; one of another tenant matches nothing), then provider
 * message id, then an explicit contact, then address. Effects:
 * payments are stored (their invoices re-decided) with a payment activity per allocation;
 * delivery reports become delivery activities; a hard bounce also suppresses the contact's
 * channel and, when the bounced action had been sent, records it as failed for good so the engine
 * falls back to another channel; a complaint and an opt-out (`STOP`) opt the contact out of that
 * channel only, an opt-in (`START`) reverses it; a reply becomes a delivery activity and a note;
 * a completed call becomes a call activity.
 *
 * @example
 * ```ts
 * const record = createRecorder(ctx);
 * await record({ type: 'opt-out', channel: 'sms', at: Date.now(), address: '+14155550100' });
 * ```
 */
export function createRecorder(ctx: CollectorContext): (event: InboundEvent) => Promise<RecordResult> {
  const { storage } = ctx;

  async function targets(event: ParsedInboundEvent): Promise<Target[]> {
    if (event.type === 'payment') return [];
    if (event.key !== undefined) {
      // Channels carry delivery keys (`deliveryKey(tenantId, key)`); one of another tenant is
      // never this tenant's business, not even through the address it names.
      const scoped = parseDeliveryKey(event.key);
      if (scoped !== undefined && scoped.tenantId !== ctx.tenantId) {
        ctx.logger.warn('inbound event of another tenant ignored', { type: event.type, tenantId: scoped.tenantId });
        return [];
      }
      const [entry] = await storage.listOutbox({ key: scoped?.key ?? event.key });
      if (entry !== undefined) return [fromEntry(entry)];
    }
    if (event.providerMessageId !== undefined) {
      const id = event.providerMessageId;
      const found = (await storage.listOutbox({ providerMessageId: id, limit: 10 })).filter((e) => e.providerMessageId === id);
      if (found.length > 0) return found.map(fromEntry);
    }
    if (event.contact !== undefined) return [event.contact];
    if (event.address !== undefined) {
      const address = event.address;
      return (await storage.listCustomers({ address })).flatMap((customer) =>
        customer.contacts.filter((c) => contactHasAddress(c, address)).map((c) => ({ customerId: customer.id, contactId: c.id })),
      );
    }
    return [];
  }

  /** Applies `change` to a contact; `false` when nothing changed (already opted out...). */
  async function updateContact(target: Target, change: (c: Contact) => Contact | undefined): Promise<boolean> {
    if (target.contactId === undefined) return false;
    const customer = await storage.getCustomer(target.customerId);
    const index = customer?.contacts.findIndex((c) => c.id === target.contactId) ?? -1;
    if (customer === undefined || index < 0) return false;
    const next = change(customer.contacts[index]!);
    if (next === undefined) return false;
    await storage.commit({ customers: [{ ...customer, contacts: customer.contacts.map((c, i) => (i === index ? next : c)) }] });
    return true;
  }

  const add = (list: readonly ChannelKind[], channel: ChannelKind) => (list.includes(channel) ? undefined : [...list, channel]);

  /**
   * Why a consent event (opt-out, opt-in, a complaint's opt-out) must not change the contact:
   * `repeat` when this delivery was already recorded for the contact, `superseded` when a
   * consent change of the same contact and channel is recorded at a later instant.
   */
  async function consentBlock(target: Target, id: string, at: string, channel: ChannelKind): Promise<'repeat' | 'superseded' | undefined> {
    const history = (await storage.listActivities({ customerId: target.customerId, types: ['contact'] })).filter(
      (a) =>
        a.type === 'contact' &&
        a.contactId === target.contactId &&
        a.channel === channel &&
        (a.event === 'opted-out' || a.event === 'opted-in'),
    );
    if (history.some((a) => a.id === id)) return 'repeat';
    const time = Date.parse(at);
    return history.some((a) => Date.parse(a.at) > time) ? 'superseded' : undefined;
  }

  async function contactChange(
    target: Target,
    at: string,
    event: ParsedInboundEvent,
    channel: ChannelKind,
    what: 'opted-out' | 'opted-in' | 'suppressed',
  ): Promise<Activity[]> {
    const id = eventId(event, target, what);
    const deliveryId = event.type === 'payment' ? undefined : event.deliveryId;
    let detail: string | undefined;
    if (what !== 'suppressed' && target.contactId !== undefined) {
      const block = await consentBlock(target, id, at, channel);
      if (block === 'repeat') return [];
      if (block === 'superseded') {
        ctx.logger.info('older consent event not applied', { type: event.type, channel });
        // Recorded (not applied) only when a delivery id lets a replay of it be recognised.
        if (deliveryId === undefined) return [];
        detail = `not applied: a later consent change of ${channel} is recorded`;
      }
    }
    const changed =
      detail !== undefined
        ? false
        : await updateContact(target, (c) => {
            if (what === 'opted-in')
              return c.optOuts.includes(channel) ? { ...c, optOuts: c.optOuts.filter((k) => k !== channel) } : undefined;
            const field = what === 'opted-out' ? 'optOuts' : 'suppressed';
            const next = add(c[field], channel);
            return next === undefined ? undefined : { ...c, [field]: next };
          });
    if (target.contactId === undefined) return [];
    if (!changed) {
      // A consent event from a provider delivery is recorded even when it changes nothing, so that
      // its replay and any older event arriving later are recognised.
      if (what === 'suppressed' || deliveryId === undefined) return [];
      detail ??= `no change: already ${what.replace('-', ' ')}`;
    }
    return [
      {
        id,
        type: 'contact',
        at,
        customerId: target.customerId,
        ...(target.invoiceId !== undefined ? { invoiceId: target.invoiceId } : {}),
        actor: { type: what === 'suppressed' ? 'provider' : 'customer' },
        contactId: target.contactId,
        event: what,
        channel,
        ...(detail !== undefined ? { detail } : {}),
      },
    ];
  }

  async function forTarget(event: Exclude<ParsedInboundEvent, { type: 'payment' }>, target: Target): Promise<Activity[]> {
    const at = new Date(toEpochMs(event.at)).toISOString();
    const common = {
      at,
      customerId: target.customerId,
      ...(target.invoiceId !== undefined ? { invoiceId: target.invoiceId } : {}),
    };
    const refs = {
      ...(target.contactId !== undefined ? { contactId: target.contactId } : {}),
      ...(target.entry !== undefined ? { actionKey: target.entry.key } : {}),
    };
    switch (event.type) {
      case 'delivered':
      case 'opened':
      case 'clicked':
      case 'failed':
      case 'complained': {
        const delivery: Activity = {
          id: eventId(event, target, 'delivery'),
          type: 'delivery',
          ...common,
          actor: { type: 'provider' },
          channel: event.channel,
          event: event.type,
          ...refs,
          ...(event.detail !== undefined ? { text: event.detail } : {}),
        };
        // A spam complaint is treated as an opt-out of that channel: writing again would be worse.
        const extra = event.type === 'complained' ? await contactChange(target, at, event, event.channel, 'opted-out') : [];
        return [delivery, ...extra];
      }
      case 'bounced': {
        const delivery: Activity = {
          id: eventId(event, target, 'delivery'),
          type: 'delivery',
          ...common,
          actor: { type: 'provider' },
          channel: event.channel,
          event: 'bounced',
          bounce: event.bounce,
          ...refs,
          ...(event.detail !== undefined ? { text: event.detail } : {}),
        };
        if (event.bounce === 'soft') return [delivery];
        const out: Activity[] = [delivery, ...(await contactChange(target, at, event, event.channel, 'suppressed'))];
        if (target.entry !== undefined && target.entry.status === 'sent') {
          out.push(
            actionActivity(target.entry.decision, {
              customerId: target.customerId,
              at: toEpochMs(event.at),
              outcome: 'failed',
              permanent: true,
              detail: `hard bounce${event.detail !== undefined ? `: ${event.detail}` : ''}`,
              actor: { type: 'provider' },
              idSuffix: ':bounce',
            }),
          );
        }
        return out;
      }
      case 'replied':
        return [
          {
            id: eventId(event, target, 'delivery'),
            type: 'delivery',
            ...common,
            actor: { type: 'customer' },
            channel: event.channel,
            event: 'replied',
            ...refs,
            text: event.text,
          },
          {
            id: eventId(event, target, 'note'),
            type: 'note',
            ...common,
            actor: { type: 'customer' },
            source: 'customer-reply',
            text: event.text,
          },
        ];
      case 'opt-out':
        return contactChange(target, at, event, event.channel, 'opted-out');
      case 'opt-in':
        return contactChange(target, at, event, event.channel, 'opted-in');
      case 'help':
        return [];
      case 'call-completed': {
        const notes = [event.notes, event.transferRequested === true ? 'The callee asked to speak to a person.' : undefined]
          .filter((n) => n !== undefined)
          .join('\n');
        return [
          {
            id: eventId(event, target, 'call'),
            type: 'call',
            ...common,
            actor: { type: 'provider' },
            direction: 'outbound',
            outcome: event.outcome,
            automated: true,
            ...(event.durationSeconds !== undefined ? { durationSeconds: event.durationSeconds } : {}),
            ...(target.contactId !== undefined ? { contactId: target.contactId } : {}),
            ...(notes !== '' ? { notes } : {}),
          },
        ];
      }
    }
  }

  return async (input: InboundEvent): Promise<RecordResult> => {
    const event = parseWith(InboundEventSchema, 'event', input);
    let activities: Activity[] = [];
    let matched = false;
    const touched = new Set<string>();
    let persisted = false;
    if (event.type === 'payment') {
      const p = event.payment;
      matched = true;
      const base = {
        type: 'payment' as const,
        at: p.at,
        customerId: p.customerId,
        actor: { type: 'customer' as const },
        paymentId: p.id,
        status: p.status,
        method: p.method,
        ...(p.reference !== undefined ? { reference: p.reference } : {}),
      };
      activities =
        p.allocations.length === 0
          ? [{ ...base, id: `payment:${p.id}:${p.status}`, amount: p.amount }]
          : p.allocations.map((a) => ({
              ...base,
              id: `payment:${p.id}:${p.status}:${a.invoiceId}`,
              invoiceId: a.invoiceId,
              amount: { amount: a.amount, currency: p.amount.currency },
            }));
      // The payment and its activities together: promises and plans are settled from both.
      await storage.commit({ payments: [p], activities });
      persisted = true;
    } else {
      for (const target of await targets(event)) {
        matched = true;
        const written = await forTarget(event, target);
        activities.push(...written);
        if (target.invoiceId !== undefined && written.some((a) => a.type === 'action' || a.type === 'call' || a.type === 'contact'))
          touched.add(target.invoiceId);
      }
    }
    if (!persisted && activities.length + touched.size > 0) await storage.commit({ activities, touch: [...touched] });
    if (!matched) ctx.logger.warn('inbound event matched nothing', { type: event.type });
    const result: RecordResult = { matched, activities };
    ctx.emit('event.recorded', { event: input, result });
    return result;
  };
}
