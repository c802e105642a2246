/**
 * # The logger port
 *
 * Structured logging with fields. Adapters and the runtime never log secrets, tokens or full
 * addresses: use {@link redactAddress} for emails and phone numbers.
 *
 * @module
 */

/** Structured fields attached to a log line. */
export type LogFields = Readonly<Record<string, unknown>>;

/** A structured logger (pino, winston and console all fit). */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger that discards everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * A logger writing one JSON object per line to `console`.
 *
 * @example
 * ```ts
 * const logger = consoleLogger('info');
 * logger.info('tick finished', { decided: 120 });
 * ```
 */
export function consoleLogger(level: 'debug' | 'info' | 'warn' | 'error' = 'info'): Logger {
  const order = { debug: 0, info: 1, warn: 2, error: 3 } as const;
  const write = (at: keyof typeof order) => (message: string, fields?: LogFields) => {
    if (order[at] < order[level]) return;
    console[at === 'debug' ? 'log' : at](JSON.stringify({ level: at, message, ...fields }));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/**
 * Masks an email or phone number for logs: `ap@acme.example` → `a***@acme.example`,
 * `+14155550100` → `+1415*****00`.
 *
 * @example
 * ```ts
 * redactAddress('jane.doe@example.com'); // 'j***@example.com'
 * ```
 */
export function redactAddress(address: string): string {
  const at = address.indexOf('@');
  if (at > 0) return `${address[0]}***${address.slice(at)}`;
  if (address.length > 7) return `${address.slice(0, 5)}${'*'.repeat(address.length - 7)}${address.slice(-2)}`;
  return '***';
}
