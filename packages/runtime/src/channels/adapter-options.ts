/**
 * Validating an adapter's options without echoing its credentials in the error.
 *
 * @module
 */
import type { z } from 'zod';
import { ValidationError, parseWith, type ValidationIssue } from '@dueflow/core';

/** What is said about a rejected credential instead of its value: its kind and length only. */
function describeSecret(value: unknown): string {
  if (typeof value === 'string') return `got ${value.length} character${value.length === 1 ? '' : 's'}`;
  if (value === undefined) return 'got nothing';
  return `got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`}`;
}

function isUnder(field: string, secret: string): boolean {
  return field === secret || field.startsWith(`${secret}.`) || field.startsWith(`${secret}[`);
}

/**
 * Validates an adapter's options like `parseWith`, except that the values of the `secrets`
 * fields (and of anything under them) never reach the error: their issues say what is wrong and
 * how long the value was (`secret: expected to start with whsec_ (got 32 characters)`), and no
 * issue keeps an object value, since the options object itself holds the credentials.
 *
 * @example
 * ```ts
 * const o = parseAdapterOptions(OptionsSchema, 'twilio channel options', options, ['accountSid', 'authToken']);
 * ```
 */
export function parseAdapterOptions<S extends z.ZodType>(
  schema: S,
  subject: string,
  input: unknown,
  secrets: readonly string[],
): z.output<S> {
  try {
    return parseWith(schema, subject, input);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const issues = error.issues.map((issue): ValidationIssue => {
      const { value, ...rest } = issue;
      if (!('value' in issue)) return issue;
      if (secrets.some((s) => isUnder(issue.field, s))) return { ...rest, message: `${issue.message} (${describeSecret(value)})` };
      return typeof value === 'object' && value !== null ? rest : issue;
    });
    throw new ValidationError(subject, issues);
  }
}
