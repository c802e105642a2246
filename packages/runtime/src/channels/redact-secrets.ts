/**
 * Removing credentials from text that leaves an adapter (a provider's error message, a driver's
 * error) before it reaches an error, a log line or a terminal.
 *
 * @module
 */

/** Shorter known secrets are not searched for: replacing every `a` would mangle the text. */
const MIN_SECRET_LENGTH = 4;

/** Credential shapes replaced even when the exact value is not known. */
const PATTERNS: readonly (readonly [RegExp, string])[] = [
  // Stripe secret and restricted keys.
  [/\b(sk|rk)_(live|test)_[0-9A-Za-z*]+/g, '$1_$2_[redacted]'],
  // HTTP authorization values.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  // JSON Web Tokens (OAuth access tokens).
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted]'],
  // Standard Webhooks secrets.
  [/\bwhsec_[A-Za-z0-9+/=]+/g, 'whsec_[redacted]'],
];

/**
 * Hides the password of every `scheme://user:password@host` URL in a text, keeping the rest of
 * the URL readable. The password ends at the last `@` of the URL, so one containing an
 * unencoded `@` is hidden whole.
 *
 * @example
 * ```ts
 * redactUrlCredentials('cannot reach postgres://app:s3cret@db:5432/ar');
 * // 'cannot reach postgres://app:***@db:5432/ar'
 * ```
 */
export function redactUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/?#@]*):[^\s]*@(?=[^\s@]*(?:\s|$))/gi, '$1$2:***@');
}

/**
 * One URL as given (parsable or not) with its password hidden: everything between the first
 * `:` of the user information and the last `@` becomes `***`. Without a scheme, everything before
 * the last `@` is hidden. A URL without `@` is returned as it is.
 *
 * @example
 * ```ts
 * redactUrl('postgres://app:s3cr@t@db:99999/ar'); // 'postgres://app:***@db:99999/ar'
 * ```
 */
export function redactUrl(url: string): string {
  const at = url.lastIndexOf('@');
  if (at < 0) return url;
  const slashes = url.indexOf('://');
  if (slashes < 0 || slashes > at) return `***${url.slice(at)}`;
  const start = slashes + 3;
  const colon = url.indexOf(':', start);
  if (colon < 0 || colon > at) return url;
  return `${url.slice(0, colon)}:***${url.slice(at)}`;
}

/** Options of {@link redactSecrets}. */
export interface RedactSecretsOptions {
  /**
   * Longest text returned; longer text is cut (a provider's error page is not a message).
   * @default 500
   */
  readonly maxLength?: number;
}

/**
 * Removes credentials from a text: each of the given `secrets` wherever it appears, and
 * anything shaped like one (Stripe keys, `Bearer`/`Basic` authorization values, JSON Web
 * Tokens, `whsec_` secrets, the password of a URL), then cuts the text to `maxLength`. Used on
 * every provider or driver message that reaches an error or a log.
 *
 * @example
 * ```ts
 * redactSecrets('Invalid token abc123xyz for AC0f...', [authToken]); // 'Invalid token [redacted] for AC0f...'
 * ```
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = [], options: RedactSecretsOptions = {}): string {
  let out = text;
  // Longest first, so a secret containing another is removed whole.
  const known = secrets.filter((s): s is string => s !== undefined && s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  for (const secret of known) {
    out = out.split(secret).join('[redacted]');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join('[redacted]');
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  out = redactUrlCredentials(out);
  const max = options.maxLength ?? 500;
  return out.length > max ? out.slice(0, max) : out;
}
