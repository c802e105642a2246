/**
 * # The channel port: how to write a channel adapter
 *
 * A channel delivers a rendered message (email, SMS, voice call, letter, webhook) and turns the
 * provider's callbacks (delivery receipts, bounces, replies, STOP keywords) into
 * {@link ChannelEvent}s the runtime records on the timeline.
 *
 * ## Rules every adapter follows (the conformance kit in `@dueflow/testing` checks them)
 *
 * 1. **Idempotent per key.** `send` receives a delivery key (`message.key`: the decision's
 *    idempotency key scoped by tenant, so one adapter instance can serve many tenants; never
 *    strip or shorten it). Sending the same
 *    key twice must not deliver twice where the provider allows it (pass the key as the
 *    provider's idempotency key, derive a stable Message-ID from it, or keep a sent-log). Say
 *    which in `capabilities.idempotent`.
 * 2. **Outcomes are data.** `send` resolves to `sent` or `failed` (with `permanent` set when
 *    retrying cannot help: an invalid address, a 5xx SMTP reply, an unsubscribed number). It
 *    rejects only for programming errors; the runtime treats a rejection as a transient failure.
 * 3. **Lookup for recovery.** When the provider can tell whether a key was already accepted,
 *    implement `lookup`: after a crash between "accepted" and "recorded", the runtime asks before
 *    sending again, so nothing is sent twice. An adapter that keeps a delivery log records a
 *    consolidated message's `memberKeys` with it (the `DeliveryLog` port does), so `lookup` of a
 *    member's own key answers too; otherwise the runtime asks about the message's key.
 * 4. **Verify before trusting.** `parseWebhook` verifies the provider's signature on the raw body
 *    (constant-time comparison, bounded timestamp tolerance) and throws a
 *    `WebhookVerificationError` (from `@dueflow/runtime`) when it does not match. It never logs secrets or full addresses.
 * 5. **Declare only what is proven.** `capabilities.idempotent` says how duplicates are
 *    prevented, and the conformance kit then checks that a repeated key is not delivered twice;
 *    `maxPerSecond` and `concurrency` pace the adapter's sends. What a message costs is the
 *    business's setting (`policy.channels.costs`), not the adapter's.
 *
 * ```ts
 * import type { Channel } from '@dueflow/runtime/ports';
 *
 * export function createPigeonChannel(api: PigeonApi): Channel {
 *   return {
 *     name: 'pigeon', kinds: ['letter'], capabilities: { idempotent: 'provider', concurrency: 2 },
 *     async send(message) {
 *       const r = await api.post({ idempotencyKey: message.key, to: message.to.postalAddress, body: message.text });
 *       return r.ok ? { status: 'sent', providerMessageId: r.id } : { status: 'failed', permanent: r.status < 500, error: r.error };
 *     },
 *     lookup: async (key) => ((await api.find(key)) ? { status: 'sent' } : undefined),
 *   };
 * }
 * ```
 *
 * `runChannelConformance` in `@dueflow/testing` checks these rules against an adapter.
 *
 * @module
 */
import type { ActDecision, ChannelKind } from '@dueflow/core';

/** Where a message goes. Only the fields of the message's channel are required. */
export interface Recipient {
  readonly customerId: string;
  readonly contactId: string;
  readonly name?: string;
  readonly email?: string;
  /** E.164. */
  readonly phone?: string;
  readonly postalAddress?: readonly string[];
  readonly webhook?: string;
  readonly locale?: string;
  readonly timeZone?: string;
}

/** A file attached to a message (an invoice PDF, a statement). */
export interface Attachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Uint8Array | string;
}

/** A rendered message, ready for a channel. */
export interface OutboundMessage {
  /**
   * The delivery key: the outbox key scoped by tenant (`deliveryKey(tenantId, key)`, e.g.
   * `acme/inv_1:overdue-14:1:1`), unique across every tenant a channel serves. Use it, as it
   * is, for everything that leaves the process: the provider's idempotency key, a sent-log, a
   * file name, a Message-ID, callback metadata. Events carry it back as their `key`.
   */
  readonly key: string;
  /**
   * For a consolidated message (one message for several invoices of a customer): the delivery
   * keys of the outbox entries it carries. An adapter that keeps a delivery log records them
   * with the message (`DeliveryLog.record`'s `memberKeys`), so `lookup` of a member's own key
   * answers after a crash.
   */
  readonly memberKeys?: readonly string[];
  readonly channel: ChannelKind;
  readonly to: Recipient;
  /** Internal recipients copied on the message (an account manager). */
  readonly cc?: readonly { readonly name?: string; readonly email: string }[];
  readonly subject?: string;
  /** Plain-text body: the SMS text, the spoken script of a call, the email's text part. */
  readonly text: string;
  /** HTML body for email and letters. */
  readonly html?: string;
  readonly attachments?: readonly Attachment[];
  /** Extra headers for email (List-Unsubscribe...). */
  readonly headers?: Readonly<Record<string, string>>;
  /** For voice: the number to connect the customer to when they ask for a person. */
  readonly transferTo?: string;
  /** The decision behind the message (webhook channels post it as is). */
  readonly decision: ActDecision;
  readonly tenantId: string;
}

/** What became of a send. */
export type SendResult =
  | { readonly status: 'sent'; readonly providerMessageId?: string }
  | { readonly status: 'failed'; readonly permanent: boolean; readonly error: string; readonly retryAfterMs?: number };

/** What a channel adapter promises, and how fast it may be driven. */
export interface ChannelCapabilities {
  /**
   * How duplicates are prevented: by the provider (`provider`), by the adapter's own sent-log
   * (`adapter`), or not at all (`none`).
   * @default 'none'
   */
  readonly idempotent?: 'provider' | 'adapter' | 'none';
  /**
   * Maximum messages per second the provider accepts.
   * @default Infinity
   */
  readonly maxPerSecond?: number;
  /**
   * Sends in flight at once.
   * @default 4
   */
  readonly concurrency?: number;
}

/** An HTTP request as received, for signature verification on the raw body. */
export interface InboundRequest {
  readonly method: string;
  /** Full URL the provider called (Twilio signs it). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly rawBody: Uint8Array | string;
  /** When the request arrived (epoch ms), for timestamp tolerance. */
  readonly receivedAt: number;
}

/** Where an event came from: the provider's delivery, identified by what the provider signs. */
export interface ChannelEventOrigin {
  /**
   * Identifies the provider's delivery (one callback) the event came from, derived only from
   * content the provider's signature covers, so that a captured callback replayed with other
   * headers still carries the same id: Twilio `twilio:<AccountSid>:<MessageSid or CallSid>:<status>`,
   * SNS `sns:<MessageId>`, Standard Webhooks `standard-webhooks:<webhook-id>`. Every event of
   * one delivery, and of every retry of it, has the same id. The webhook handler drops a repeated
   * delivery by it, and `record()` never applies an opt-out or opt-in of the same delivery twice.
   */
  readonly deliveryId?: string;
}

/**
 * Something a provider reported. The runtime maps it to timeline activities. `at` is the
 * provider's time of the event when the provider signs one (SNS, Standard Webhooks), otherwise
 * the time the callback arrived (Twilio's callbacks carry no timestamp).
 */
export type ChannelEvent = ChannelEventOrigin &
  (
    | {
        readonly type: 'delivered' | 'opened' | 'clicked' | 'complained' | 'failed';
        readonly channel: ChannelKind;
        readonly at: number;
        readonly key?: string;
        readonly providerMessageId?: string;
        readonly address?: string;
        readonly detail?: string;
      }
    | {
        readonly type: 'bounced';
        readonly bounce: 'hard' | 'soft';
        readonly channel: ChannelKind;
        readonly at: number;
        readonly key?: string;
        readonly providerMessageId?: string;
        readonly address?: string;
        readonly detail?: string;
      }
    | {
        readonly type: 'replied';
        readonly channel: ChannelKind;
        readonly at: number;
        readonly address: string;
        readonly text: string;
        readonly key?: string;
      }
    | { readonly type: 'opt-out' | 'opt-in' | 'help'; readonly channel: ChannelKind; readonly at: number; readonly address: string }
    | {
        readonly type: 'call-completed';
        readonly at: number;
        readonly key?: string;
        readonly providerMessageId?: string;
        readonly address?: string;
        readonly outcome: 'reached' | 'no-answer' | 'voicemail' | 'wrong-number' | 'refused';
        readonly durationSeconds?: number;
        /** The callee asked to speak to a person. */
        readonly transferRequested?: boolean;
      }
  );

/** The channel port. See the module comment for the rules every adapter follows. */
export interface Channel {
  /** Adapter name for logs and the timeline, e.g. `smtp` or `twilio`. */
  readonly name: string;
  /** Channel kinds this adapter delivers. */
  readonly kinds: readonly ChannelKind[];
  /** @default `{ idempotent: 'none' }`, no rate limit, 4 sends at once */
  readonly capabilities?: ChannelCapabilities;
  send(message: OutboundMessage): Promise<SendResult>;
  /** Whether a message with this key was already accepted (crash recovery). */
  lookup?(key: string): Promise<SendResult | undefined>;
  /** Verifies and parses a provider callback. Throws a `WebhookVerificationError` when the signature is bad. */
  parseWebhook?(request: InboundRequest): Promise<ChannelEvent[]>;
  /** Releases resources the adapter opened itself. */
  close?(): Promise<void>;
}
