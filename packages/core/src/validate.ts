import type { z } from 'zod';
import { fromZodIssues, ValidationError } from './errors.js';

/**
 * Parses `input` with `schema`, throwing a {@link ValidationError} that names every bad field
 * and value. Never throws anything else for any input.
 *
 * @example
 * ```ts
 * const invoice = parseWith(InvoiceSchema, 'invoice', json);
 * ```
 */
export function parseWith<S extends z.ZodType>(schema: S, subject: string, input: unknown): z.output<S> {
  let result: z.ZodSafeParseResult<z.output<S>>;
  try {
    result = schema.safeParse(input, { reportInput: true });
  } catch (cause) {
    // Refinements call user-visible helpers (Intl, regexes); anything they throw becomes a typed error.
    throw new ValidationError(subject, [{ path: [], field: '(root)', message: 'could not be validated' }], { cause });
  }
  if (!result.success) throw new ValidationError(subject, fromZodIssues(result.error.issues));
  return result.data;
}
