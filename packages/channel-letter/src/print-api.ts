/**
 * The print-and-mail service port of the letter channel.
 *
 * @module
 */
import type { LetterSender } from './letter-pdf.js';

/** A letter handed to a print-and-mail service. */
export interface PrintJob {
  /** The decision's idempotency key: pass it as the service's idempotency key when it has one. */
  readonly key: string;
  readonly pdf: Uint8Array;
  readonly to: { readonly name?: string; readonly addressLines: readonly string[] };
  readonly from: LetterSender;
}

/**
 * A print-and-mail service (Lob, PostGrid, Stannp, a local print room). Implement `submit` with
 * the service's API. Throw an error with `permanent: true` when the letter can never be accepted
 * (an undeliverable address); any other error is treated as transient.
 */
export interface PrintAndMailApi {
  submit(job: PrintJob): Promise<{ readonly id: string }>;
}
