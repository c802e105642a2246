/**
 * SMS and automated voice calls through Twilio's REST API (no SDK: `fetch` and form bodies).
 *
 * @module
 */
import { z } from 'zod';
import { createMemoryDeliveryLog, WebhookVerificationError } from '@dueflow/runtime';
import { parseAdapterOptions, redactSecrets, requestHeader, singleFlight } from '@dueflow/runtime/adapters';
import { redactAddress, silentLogger, systemClock } from '@dueflow/runtime/ports';
import type {
  Channel,
  ChannelEvent,
  Clock,
  DeliveryLog,
  InboundRequest,
  Logger,
  OutboundMessage,
  SendResult,
} from '@dueflow/runtime/ports';
import { twilioEvents, isPermanentTwilioError } from './callbacks.js';
import { isE164, redactPhonesIn } from './e164.js';
import { isValidTwilioSignature } from './signature.js';
import { callTwiml, dialTwiml, hangupTwiml } from './twiml.js';

/** Voice call settings. */
export interface TwilioVoiceOptions {
  /**
   * Number the callee is connected to when they press 1 (a message's `transferTo` wins).
   * @default undefined (no transfer offer)
   */
  readonly transferTo?: string;
  /**
   * `<Say>` voice, e.g. `Polly.Joanna`.
   * @default Twilio's default voice
   */
  readonly voiceName?: string;
  /**
   * `<Say>` language.
   * @default 'en-US'
   */
  readonly language?: string;
  /**
   * Public URL Twilio posts the pressed digit to; answer it with `respondToGather`. Required
   * for the "press 1" transfer offer.
   * @default undefined
   */
  readonly gatherUrl?: string;
  /**
   * Caller id of calls.
   * @default the channel's `from`
   */
  readonly from?: string;
}

/** Options of {@link createTwilioChannel}. */
export interface TwilioChannelOptions {
  /** `AC` followed by 32 hex digits. */
  readonly accountSid: string;
  readonly authToken: string;
  /** E.164 sender of SMS (and caller id of calls); or set `messagingServiceSid`. */
  readonly from?: string;
  /** `MG...` Messaging Service that picks the sender. */
  readonly messagingServiceSid?: string;
  /**
   * API origin (tests point it at a local server).
   * @default 'https://api.twilio.com'
   */
  readonly baseUrl?: string;
  /**
   * Public URL of your webhook handler for this channel (e.g. `https://api.example.com/hooks/twilio`).
   * Status callbacks go there with the idempotency key in the query string.
   * @default undefined (no status callbacks)
   */
  readonly statusCallbackUrl?: string;
  /**
   * Voice call settings.
   * @default {}
   */
  readonly voice?: TwilioVoiceOptions;
  /**
   * What Twilio accepted, by delivery key (Twilio has no idempotency key of its own): a key in
   * the log is not sent again, and `lookup` answers from it. Share a durable log
   * (`createPostgresDeliveryLog`) between the processes that send through this channel.
   * @default createMemoryDeliveryLog() (this process only)
   */
  readonly deliveryLog?: DeliveryLog;
  /**
   * @default globalThis.fetch
   */
  readonly fetch?: typeof fetch;
  /**
   * Time allowed for one API request.
   * @default 15_000
   */
  readonly timeoutMs?: number;
  /**
   * Stamps delivery-log records.
   * @default systemClock
   */
  readonly clock?: Clock;
  /**
   * Structured logger; numbers are redacted, the auth token never logged.
   * @default silentLogger
   */
  readonly logger?: Logger;
  /**
   * Adapter name in logs and on the timeline.
   * @default 'twilio'
   */
  readonly name?: string;
}

/** The Twilio channel, plus the answer to the "press 1" digit of a call. */
export interface TwilioChannel extends Channel {
  /**
   * Verifies Twilio's `<Gather>` request and answers with TwiML: `<Dial>` the transfer number
   * when the callee pressed 1, otherwise goodbye. Throws a `WebhookVerificationError`.
   */
  respondToGather(request: InboundRequest): Promise<string>;
}

const E164 = z.string().refine(isE164, { message: 'expected an E.164 phone number such as +14155550100' });
const fn = <T>() => z.custom<T>((v) => typeof v === 'function', { message: 'expected a function' });
const obj = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null, { message: 'expected an object' });
const OptionsSchema = z
  .object({
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'expected AC followed by 32 hex digits'),
    authToken: z.string().min(8, 'expected the account auth token'),
    from: E164.optional(),
    messagingServiceSid: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'expected MG followed by 32 hex digits')
      .optional(),
    baseUrl: z.url({ protocol: /^https?$/ }).default('https://api.twilio.com'),
    statusCallbackUrl: z.url({ protocol: /^https?$/ }).optional(),
    voice: z
      .object({
        transferTo: E164.optional(),
        voiceName: z.string().max(64).optional(),
        language: z.string().max(16).optional(),
        gatherUrl: z.url({ protocol: /^https?$/ }).optional(),
        from: E164.optional(),
      })
      .default({}),
    deliveryLog: obj<DeliveryLog>().optional(),
    fetch: fn<typeof fetch>().optional(),
    timeoutMs: z.number().int().positive().default(15_000),
    clock: obj<Clock>().optional(),
    logger: obj<Logger>().optional(),
    name: z.string().min(1).max(64).default('twilio'),
  })
  .refine((o) => o.from !== undefined || o.messagingServiceSid !== undefined, {
    message: 'needs from or messagingServiceSid',
    path: ['from'],
  });

const TwilioErrorSchema = z.object({ code: z.number().optional(), message: z.string().optional(), status: z.number().optional() }).loose();
const TwilioResourceSchema = z.object({ sid: z.string().min(1), status: z.string().optional() }).loose();

/** Twilio accepts at most 4,000 characters of inline TwiML. */
const MAX_TWIML = 4000;

function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
}

/**
 * Creates the Twilio channel: `sms` through the Messages API and `voice` through the Calls API
 * with inline TwiML (the script in `<Say>`, an optional "press 1 to speak to someone" transfer).
 * Numbers must be E.164. Status callbacks and inbound SMS are verified with
 * `X-Twilio-Signature` in `parseWebhook`; STOP, START and HELP become SMS-only events.
 *
 * @example
 * ```ts
 * const twilio = createTwilioChannel({
 *   accountSid: process.env.TWILIO_ACCOUNT_SID!,
 *   authToken: process.env.TWILIO_AUTH_TOKEN!,
 *   from: '+14155550123',
 *   statusCallbackUrl: 'https://api.example.com/hooks/twilio',
 *   voice: { transferTo: '+14155550199', gatherUrl: 'https://api.example.com/twilio/gather' },
 * });
 * ```
 */
export function createTwilioChannel(options: TwilioChannelOptions): TwilioChannel {
  const o = parseAdapterOptions(OptionsSchema, 'twilio channel options', options, ['accountSid', 'authToken']);
  const doFetch = o.fetch ?? globalThis.fetch;
  const deliveryLog = o.deliveryLog ?? createMemoryDeliveryLog();
  const clock = o.clock ?? systemClock;
  const logger = o.logger ?? silentLogger;
  const authorization = `Basic ${Buffer.from(`${o.accountSid}:${o.authToken}`).toString('base64')}`;
  const api = (resource: 'Messages' | 'Calls') => `${o.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${o.accountSid}/${resource}.json`;

  function callbackUrl(key: string): string | undefined {
    if (o.statusCallbackUrl === undefined) return undefined;
    const url = new URL(o.statusCallbackUrl);
    url.searchParams.set('key', key);
    return url.toString();
  }

  function form(message: OutboundMessage, to: string): URLSearchParams | string {
    const params = new URLSearchParams({ To: to });
    const callback = callbackUrl(message.key);
    if (message.channel === 'voice') {
      const from = o.voice.from ?? o.from;
      if (from === undefined) return 'twilio: voice calls need `from` or `voice.from`';
      const transferTo = message.transferTo ?? o.voice.transferTo;
      if (transferTo !== undefined && !isE164(transferTo)) return 'twilio: transferTo is not an E.164 number';
      const twiml = callTwiml({
        text: message.text,
        ...(o.voice.voiceName === undefined ? {} : { voiceName: o.voice.voiceName }),
        ...(o.voice.language === undefined ? {} : { language: o.voice.language }),
        ...(o.voice.gatherUrl === undefined ? {} : { gatherUrl: o.voice.gatherUrl }),
        ...(transferTo === undefined ? {} : { transferTo }),
      });
      if (twiml.length > MAX_TWIML) return `twilio: the call script makes ${twiml.length} characters of TwiML, over Twilio's ${MAX_TWIML}`;
      params.set('From', from);
      params.set('Twiml', twiml);
      if (callback !== undefined) params.set('StatusCallback', callback);
      return params;
    }
    if (o.messagingServiceSid !== undefined) params.set('MessagingServiceSid', o.messagingServiceSid);
    else if (o.from !== undefined) params.set('From', o.from);
    params.set('Body', message.text);
    if (callback !== undefined) params.set('StatusCallback', callback);
    return params;
  }

  async function deliver(message: OutboundMessage): Promise<SendResult> {
    const previous = await deliveryLog.find(message.key);
    if (previous !== undefined) {
      logger.info('twilio already accepted this key, not sent again', { key: message.key, sid: previous.providerId });
      return { status: 'sent', providerMessageId: previous.providerId };
    }
    if (message.channel !== 'sms' && message.channel !== 'voice') {
      return { status: 'failed', permanent: true, error: `twilio: channel ${message.channel} is not supported (sms, voice)` };
    }
    const to = message.to.phone;
    if (!isE164(to)) return { status: 'failed', permanent: true, error: 'twilio: the recipient has no E.164 phone number' };
    const body = form(message, to);
    if (typeof body === 'string') return { status: 'failed', permanent: true, error: body };

    let response: Response;
    try {
      response = await doFetch(api(message.channel === 'voice' ? 'Calls' : 'Messages'), {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: body.toString(),
        signal: AbortSignal.timeout(o.timeoutMs),
      });
    } catch (cause) {
      // The request may have reached Twilio; the delivery log cannot know, so the runtime's outbox decides.
      const why = cause instanceof Error && cause.name === 'TimeoutError' ? `timed out after ${o.timeoutMs} ms` : 'network error';
      logger.warn('twilio request failed', { key: message.key, to: redactAddress(to), error: why });
      return { status: 'failed', permanent: false, error: `twilio: ${why}` };
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (response.ok) {
      const resource = TwilioResourceSchema.safeParse(json);
      if (!resource.success) return { status: 'failed', permanent: false, error: `twilio: HTTP ${response.status} without a sid` };
      try {
        await deliveryLog.record({
          key: message.key,
          ...(message.memberKeys === undefined ? {} : { memberKeys: message.memberKeys }),
          providerId: resource.data.sid,
          at: clock.now(),
        });
      } catch (error) {
        // Twilio accepted it: reporting a failure would send it again. The outbox records the
        // send; only a crash before that record leaves the key unknown to `lookup`.
        logger.error('twilio accepted, but the delivery log could not record it', {
          key: message.key,
          sid: resource.data.sid,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      logger.info('twilio accepted', { key: message.key, channel: message.channel, to: redactAddress(to), sid: resource.data.sid });
      return { status: 'sent', providerMessageId: resource.data.sid };
    }
    const error = TwilioErrorSchema.safeParse(json);
    const code = error.success ? error.data.code : undefined;
    const text = redactPhonesIn(
      redactSecrets(error.success && error.data.message !== undefined ? error.data.message : `HTTP ${response.status}`, [o.authToken], {
        maxLength: 300,
      }),
    );
    // Auth and rate-limit refusals are about the account, not the recipient: retrying can help.
    const transient =
      response.status === 429 || response.status === 401 || response.status === 403 || response.status >= 500 || code === 20429;
    const permanent = isPermanentTwilioError(code) || !transient;
    const wait = retryAfterMs(response.headers.get('retry-after'));
    const failure = {
      status: 'failed' as const,
      permanent,
      error: `twilio ${code ?? response.status}: ${text}`,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    };
    logger.warn('twilio refused', {
      key: message.key,
      channel: message.channel,
      to: redactAddress(to),
      status: response.status,
      code,
      permanent,
    });
    return failure;
  }

  function verified(request: InboundRequest): { params: URLSearchParams; url: URL } {
    const body = typeof request.rawBody === 'string' ? request.rawBody : Buffer.from(request.rawBody).toString('utf8');
    const params = new URLSearchParams(body);
    if (!isValidTwilioSignature(o.authToken, request.url, [...params], requestHeader(request, 'x-twilio-signature'))) {
      throw new WebhookVerificationError('signature', 'twilio: X-Twilio-Signature does not match');
    }
    return { params, url: new URL(request.url) };
  }

  return {
    name: o.name,
    kinds: ['sms', 'voice'],
    capabilities: { idempotent: 'adapter' },

    // Two sends of one key at once share the first one's outcome.
    send: singleFlight(deliver),

    async lookup(key) {
      const sent = await deliveryLog.find(key);
      return sent === undefined ? undefined : { status: 'sent', providerMessageId: sent.providerId };
    },

    async parseWebhook(request): Promise<ChannelEvent[]> {
      // Twilio callbacks carry no timestamp: repeated deliveries are left to the handler's dedupe.
      const { params, url } = verified(request);
      const key = url.searchParams.get('key') ?? undefined;
      const events = twilioEvents(params, { at: request.receivedAt, ...(key === undefined ? {} : { key }) });
      logger.debug('twilio callback', { events: events.map((e) => e.type).join(','), ...(key === undefined ? {} : { key }) });
      return events;
    },

    async respondToGather(request) {
      const { params, url } = verified(request);
      const transferTo = url.searchParams.get('transferTo');
      const script = {
        ...(o.voice.voiceName === undefined ? {} : { voiceName: o.voice.voiceName }),
        ...(o.voice.language === undefined ? {} : { language: o.voice.language }),
      };
      if (params.get('Digits') === '1' && isE164(transferTo)) {
        logger.info('twilio call transfer requested', { to: redactAddress(transferTo) });
        return dialTwiml(transferTo, script);
      }
      return hangupTwiml(script);
    },
  };
}
