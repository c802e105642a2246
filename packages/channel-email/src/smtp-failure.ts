/**
 * Mapping SMTP and transport errors to send outcomes.
 *
 * @module
 */
import { redactAddress } from '@dueflow/runtime/ports';
import type { SendResult } from '@dueflow/runtime/ports';

const EMAIL = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[A-Za-z]{2,}/g;

/**
 * Masks every email address inside a text (SMTP replies often quote the recipient).
 *
 * @example
 * ```ts
 * redactEmailsIn('550 5.1.1 <jane@globex.example>: user unknown'); // '550 5.1.1 <j***@globex.example>: user unknown'
 * ```
 */
export function redactEmailsIn(text: string): string {
  return text.replace(EMAIL, (address) => redactAddress(address));
}

/**
 * Classifies an error thrown by a nodemailer transport: an SMTP 5xx reply is a permanent
 * failure, a 4xx reply a transient one, and anything without a reply code (connection refused,
 * timeout, TLS) transient too. Addresses in the server's reply are masked.
 *
 * @example
 * ```ts
 * smtpFailure(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
 * // { status: 'failed', permanent: true, error: 'smtp 550: Mailbox unavailable' }
 * ```
 */
export function smtpFailure(error: unknown): Extract<SendResult, { status: 'failed' }> {
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const code = typeof record['responseCode'] === 'number' ? record['responseCode'] : undefined;
  const reply = typeof record['response'] === 'string' ? record['response'] : error instanceof Error ? error.message : String(error);
  const text = redactEmailsIn(reply).slice(0, 500);
  if (code !== undefined && code >= 500 && code < 600) return { status: 'failed', permanent: true, error: `smtp ${code}: ${text}` };
  if (code !== undefined && code >= 400 && code < 500) return { status: 'failed', permanent: false, error: `smtp ${code}: ${text}` };
  const errno = typeof record['code'] === 'string' ? record['code'] : 'ERROR';
  return { status: 'failed', permanent: false, error: `smtp ${errno}: ${text}` };
}
