/**
 * TwiML for automated collection calls.
 *
 * @module
 */

// Characters XML 1.0 forbids even when escaped.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Escapes text for an XML element or attribute.
 *
 * @example
 * ```ts
 * escapeXml('Tom & Jerry <"ltd">'); // 'Tom &amp; Jerry &lt;&quot;ltd&quot;&gt;'
 * ```
 */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** What {@link callTwiml} says and where it may transfer the call. */
export interface CallScript {
  /** The rendered script, spoken with `<Say>`. */
  readonly text: string;
  /**
   * Voice of `<Say>`, e.g. `Polly.Joanna`.
   * @default Twilio's default voice
   */
  readonly voiceName?: string;
  /**
   * Language of `<Say>`.
   * @default 'en-US'
   */
  readonly language?: string;
  /**
   * URL Twilio posts the pressed digit to (see `respondToGather`); the transfer offer is only
   * made when it and `transferTo` are set.
   */
  readonly gatherUrl?: string;
  /** E.164 number to connect the callee to when they press 1. */
  readonly transferTo?: string;
  /**
   * The offer read after the script.
   * @default 'To speak to someone now, press 1.'
   */
  readonly transferPrompt?: string;
}

function say(text: string, script: CallScript): string {
  const voice = script.voiceName === undefined ? '' : ` voice="${escapeXml(script.voiceName)}"`;
  return `<Say${voice} language="${escapeXml(script.language ?? 'en-US')}">${escapeXml(text)}</Say>`;
}

/**
 * Builds the TwiML of an automated call: the script in `<Say>`, then, when a transfer number
 * and a gather URL are known, `<Gather numDigits="1">` offering "press 1 to speak to someone"
 * (the digit is answered by `respondToGather`, which `<Dial>`s the number).
 *
 * @example
 * ```ts
 * callTwiml({ text: 'This is Acme about invoice INV-1042...', transferTo: '+14155550199', gatherUrl: 'https://api.example.com/twilio/gather' });
 * ```
 */
export function callTwiml(script: CallScript): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?><Response>';
  if (script.transferTo === undefined || script.gatherUrl === undefined) return `${head}${say(script.text, script)}</Response>`;
  const action = new URL(script.gatherUrl);
  action.searchParams.set('transferTo', script.transferTo);
  const prompt = script.transferPrompt ?? 'To speak to someone now, press 1.';
  return (
    `${head}<Gather numDigits="1" timeout="6" method="POST" action="${escapeXml(action.toString())}">` +
    `${say(script.text, script)}${say(prompt, script)}</Gather>${say('Thank you. Goodbye.', script)}</Response>`
  );
}

/**
 * TwiML that connects the caller to `number` with `<Dial>`.
 *
 * @example
 * ```ts
 * dialTwiml('+14155550199', { language: 'en-GB' });
 * ```
 */
export function dialTwiml(number: string, script: Omit<CallScript, 'text'> = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${say('Connecting you now.', { ...script, text: '' })}<Dial>${escapeXml(number)}</Dial></Response>`;
}

/**
 * TwiML that says goodbye and hangs up.
 *
 * @example
 * ```ts
 * hangupTwiml();
 * ```
 */
export function hangupTwiml(script: Omit<CallScript, 'text'> = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${say('Thank you. Goodbye.', { ...script, text: '' })}<Hangup/></Response>`;
}
