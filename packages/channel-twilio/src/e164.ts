/**
 * Phone numbers in E.164.
 *
 * @module
 */

const E164 = /^\+[1-9]\d{6,14}$/;
const PHONE_IN_TEXT = /\+?\d[\d\s().-]{6,}\d/g;

/**
 * Whether `value` is an E.164 number: `+`, a country code, at most 15 digits in all.
 *
 * @example
 * ```ts
 * isE164('+14155550100'); // true
 * isE164('(415) 555-0100'); // false: normalise first
 * ```
 */
export function isE164(value: unknown): value is string {
  return typeof value === 'string' && E164.test(value);
}

/**
 * Masks every phone-number-like run of digits in a text (Twilio error messages quote the number).
 *
 * @example
 * ```ts
 * redactPhonesIn("The 'To' number +15005550001 is not valid"); // "The 'To' number +1500*****01 is not valid"
 * ```
 */
export function redactPhonesIn(text: string): string {
  return text.replace(PHONE_IN_TEXT, (run) => {
    const digits = run.replace(/[^\d+]/g, '');
    return digits.length > 7 ? `${digits.slice(0, 5)}${'*'.repeat(digits.length - 7)}${digits.slice(-2)}` : '***';
  });
}
