/**
 * Twilio callbacks (message status, call status, inbound SMS) as channel events.
 *
 * @module
 */
import { WebhookVerificationError } from '@dueflow/runtime';
import type { ChannelEvent } from '@dueflow/runtime/ports';

/**
 * Keywords Twilio treats as an opt-out on SMS (the whole message, any case).
 *
 * @example
 * ```ts
 * STOP_KEYWORDS.includes(body.trim().toUpperCase());
 * ```
 */
export const STOP_KEYWORDS: readonly string[] = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'];
/**
 * Keywords Twilio treats as an opt-in after an opt-out.
 *
 * @example
 * ```ts
 * START_KEYWORDS.includes('UNSTOP'); // true
 * ```
 */
export const START_KEYWORDS: readonly string[] = ['START', 'YES', 'UNSTOP'];
/**
 * Keywords Twilio answers with help text.
 *
 * @example
 * ```ts
 * HELP_KEYWORDS.includes('INFO'); // true
 * ```
 */
export const HELP_KEYWORDS: readonly string[] = ['HELP', 'INFO'];

/**
 * Error codes after which the number will not work again as it is: unknown or unreachable
 * destination, landline, blocked or unsubscribed recipient, invalid number.
 */
const PERMANENT_CODES = new Set([
  '21211',
  '21214',
  '21217',
  '21407',
  '21408',
  '21421',
  '21610',
  '21612',
  '21614',
  '30004',
  '30005',
  '30006',
  '30007',
  '30034',
]);

/** Context of a callback: when it arrived and the key carried in the callback URL. */
export interface CallbackContext {
  readonly at: number;
  readonly key?: string;
}

/**
 * The delivery id of a Twilio callback, from parameters Twilio signs: the account, the message
 * or call SID and its status (`received` for an inbound SMS), e.g.
 * `twilio:AC…:SM…:delivered`. A captured callback posted again, with whatever headers, has the
 * same id; Twilio's own retries too. `undefined` when the callback names no SID.
 *
 * @example
 * ```ts
 * twilioDeliveryId(new URLSearchParams('AccountSid=AC1&MessageSid=SM1&MessageStatus=delivered')); // 'twilio:AC1:SM1:delivered'
 * ```
 */
export function twilioDeliveryId(params: URLSearchParams): string | undefined {
  const get = (name: string): string | undefined => params.get(name) ?? undefined;
  const messageSid = get('MessageSid') ?? get('SmsSid');
  const callSid = get('CallSid');
  const account = get('AccountSid') ?? '';
  if (messageSid !== undefined && callSid === undefined) {
    const status = get('MessageStatus') ?? (get('Body') === undefined ? get('SmsStatus') : 'received') ?? 'received';
    return `twilio:${account}:${messageSid}:${status}`;
  }
  if (callSid !== undefined) return `twilio:${account}:${callSid}:${get('CallStatus') ?? 'unknown'}`;
  return undefined;
}

/**
 * Whether a Twilio error code means retrying the same number cannot help.
 *
 * @example
 * ```ts
 * isPermanentTwilioError(21211); // true: invalid 'To' number
 * isPermanentTwilioError(30003); // false: unreachable handset, may work later
 * ```
 */
export function isPermanentTwilioError(code: number | string | undefined): boolean {
  return code !== undefined && PERMANENT_CODES.has(String(code));
}

/**
 * Maps the parameters of a verified Twilio callback to channel events: `MessageStatus`
 * (`delivered`; `undelivered`/`failed` as a hard or soft bounce by `ErrorCode`; `read`),
 * `CallStatus` (`completed` reached or voicemail, `busy` and `no-answer`, `failed`/`canceled`),
 * or an inbound SMS (STOP, START and HELP keywords as SMS-only opt-out, opt-in and help; any
 * other text as a reply). Throws a `WebhookVerificationError` (`malformed`) for anything else.
 * Every event carries the callback's {@link twilioDeliveryId}; `at` is `context.at` (the arrival
 * time: Twilio's callbacks carry no timestamp of the event).
 *
 * @example
 * ```ts
 * twilioEvents(new URLSearchParams(body), { at: Date.now(), key });
 * ```
 */
export function twilioEvents(params: URLSearchParams, context: CallbackContext): ChannelEvent[] {
  const delivery = twilioDeliveryId(params);
  return callbackEvents(params, context).map((event) => (delivery === undefined ? event : { ...event, deliveryId: delivery }));
}

function callbackEvents(params: URLSearchParams, context: CallbackContext): ChannelEvent[] {
  const get = (name: string): string | undefined => params.get(name) ?? undefined;
  const at = context.at;
  const key = context.key === undefined ? {} : { key: context.key };

  const messageStatus = get('MessageStatus') ?? (get('Body') === undefined ? get('SmsStatus') : undefined);
  const messageSid = get('MessageSid') ?? get('SmsSid');
  if (messageStatus !== undefined && messageSid !== undefined) {
    const to = get('To');
    const about = { channel: 'sms' as const, at, ...key, providerMessageId: messageSid, ...(to === undefined ? {} : { address: to }) };
    switch (messageStatus) {
      case 'delivered':
        return [{ type: 'delivered', ...about }];
      case 'read':
        return [{ type: 'opened', ...about }];
      case 'undelivered':
      case 'failed': {
        const code = get('ErrorCode');
        return [
          {
            type: 'bounced',
            bounce: isPermanentTwilioError(code) ? 'hard' : 'soft',
            ...about,
            detail: `twilio ${messageStatus}${code === undefined ? '' : ` ${code}`}`,
          },
        ];
      }
      default:
        return [];
    }
  }

  const callStatus = get('CallStatus');
  const callSid = get('CallSid');
  if (callStatus !== undefined && callSid !== undefined) {
    const to = get('To');
    const about = { at, ...key, providerMessageId: callSid, ...(to === undefined ? {} : { address: to }) };
    const duration = Number(get('CallDuration') ?? get('Duration'));
    const seconds = Number.isSafeInteger(duration) && duration >= 0 ? { durationSeconds: duration } : {};
    switch (callStatus) {
      case 'completed': {
        const machine = (get('AnsweredBy') ?? '').startsWith('machine') || get('AnsweredBy') === 'fax';
        return [{ type: 'call-completed', ...about, outcome: machine ? 'voicemail' : 'reached', ...seconds }];
      }
      case 'busy':
      case 'no-answer':
        return [{ type: 'call-completed', ...about, outcome: 'no-answer' }];
      case 'failed':
      case 'canceled': {
        const code = get('ErrorCode');
        return [{ type: 'failed', channel: 'voice', ...about, detail: `twilio call ${callStatus}${code === undefined ? '' : ` ${code}`}` }];
      }
      default:
        return [];
    }
  }

  const body = get('Body');
  const from = get('From');
  if (body !== undefined && from !== undefined && messageSid !== undefined) {
    const word = body.trim().toUpperCase();
    if (STOP_KEYWORDS.includes(word)) return [{ type: 'opt-out', channel: 'sms', at, address: from }];
    if (START_KEYWORDS.includes(word)) return [{ type: 'opt-in', channel: 'sms', at, address: from }];
    if (HELP_KEYWORDS.includes(word)) return [{ type: 'help', channel: 'sms', at, address: from }];
    return [{ type: 'replied', channel: 'sms', at, address: from, text: body, ...key }];
  }
  throw new WebhookVerificationError('malformed', 'twilio: not a message status, call status or inbound message callback');
}
