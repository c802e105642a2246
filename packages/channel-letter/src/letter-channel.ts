/**
 * The letter channel: demand letters and final notices as PDF files, written to a folder or
 * handed to a print-and-mail service.
 *
 * @module
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseWith } from '@dueflow/core';
import { silentLogger } from '@dueflow/runtime/ports';
import type { Channel, Logger, OutboundMessage, SendResult } from '@dueflow/runtime/ports';
import { renderLetterPdf, type LetterSender } from './letter-pdf.js';
import type { PrintAndMailApi } from './print-api.js';

/** Options of {@link createLetterChannel}. */
export interface LetterChannelOptions {
  /** A folder to write `<safe-key>.pdf` files into, or a print-and-mail service. */
  readonly output: { readonly directory: string } | { readonly printApi: PrintAndMailApi };
  readonly sender: LetterSender;
  /**
   * Compress page content (turn off to find the text in the file).
   * @default true
   */
  readonly compress?: boolean;
  /**
   * Paper size.
   * @default 'A4'
   */
  readonly size?: 'A4' | 'LETTER';
  /**
   * Structured logger; postal addresses are never logged.
   * @default silentLogger
   */
  readonly logger?: Logger;
  /**
   * Adapter name in logs and on the timeline.
   * @default 'letter'
   */
  readonly name?: string;
}

const obj = <T>(what: string) => z.custom<T>((v) => typeof v === 'object' && v !== null, { message: `expected ${what}` });
const OptionsSchema = z.object({
  output: z.union([
    z.object({ directory: z.string().min(1) }),
    z.object({
      printApi: z.custom<PrintAndMailApi>((v) => typeof (v as { submit?: unknown } | null)?.submit === 'function', {
        message: 'expected an object with submit()',
      }),
    }),
  ]),
  sender: z.object({
    name: z.string().min(1).max(200),
    addressLines: z.array(z.string().max(200)).min(1).max(8),
    signatory: z.string().max(200).optional(),
    signatoryTitle: z.string().max(200).optional(),
  }),
  compress: z.boolean().default(true),
  size: z.enum(['A4', 'LETTER']).default('A4'),
  logger: obj<Logger>('a Logger').optional(),
  name: z.string().min(1).max(64).default('letter'),
});

/**
 * The file name a letter is written under: the key with unsafe characters replaced, plus a
 * short hash of the exact key so that distinct keys never share a file.
 *
 * @example
 * ```ts
 * letterFileName('inv_1:final-notice:1:1'); // 'inv_1_final-notice_1_1-<16 hex digits>.pdf'
 * ```
 */
export function letterFileName(key: string): string {
  const safe = key
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 100);
  return `${safe}-${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 16)}.pdf`;
}

const isCode = (error: unknown, code: string): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;

/**
 * Creates the letter channel. Each `letter` message is rendered to PDF ({@link renderLetterPdf})
 * and either written to `output.directory` as {@link letterFileName}`(key)` (created atomically
 * and never overwritten, so a key is written once and `lookup` finds it by file) or submitted to
 * `output.printApi` (once per key in this process).
 *
 * @example
 * ```ts
 * const letters = createLetterChannel({
 *   output: { directory: '/var/dueflow/letters' },
 *   sender: { name: 'Acme Ltd', addressLines: ['1 Main Street', 'Springfield, IL 62701'] },
 * });
 * ```
 */
export function createLetterChannel(options: LetterChannelOptions): Channel {
  const o = parseWith(OptionsSchema, 'letter channel options', options);
  const logger = o.logger ?? silentLogger;
  const submitted = new Map<string, Promise<SendResult>>();
  const pdfOptions = { sender: o.sender, compress: o.compress, size: o.size };

  async function toDirectory(directory: string, message: OutboundMessage, pdf: Buffer): Promise<SendResult> {
    const file = letterFileName(message.key);
    const target = join(directory, file);
    const temporary = join(directory, `.${file}.${randomUUID()}.tmp`);
    await mkdir(directory, { recursive: true });
    await writeFile(temporary, pdf);
    try {
      // link() fails if the target exists: the first writer wins, and no reader sees a partial file.
      await link(temporary, target);
      logger.info('letter written', { key: message.key, file });
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw error;
      logger.info('letter already written under this key', { key: message.key, file });
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
    return { status: 'sent', providerMessageId: file };
  }

  async function toPrintApi(
    api: PrintAndMailApi,
    message: OutboundMessage,
    pdf: Buffer,
    addressLines: readonly string[],
  ): Promise<SendResult> {
    try {
      const { id } = await api.submit({
        key: message.key,
        pdf: new Uint8Array(pdf),
        to: message.to.name === undefined ? { addressLines } : { name: message.to.name, addressLines },
        from: o.sender,
      });
      logger.info('letter submitted for printing', { key: message.key, id });
      return { status: 'sent', providerMessageId: id };
    } catch (error) {
      const permanent = typeof error === 'object' && error !== null && (error as { permanent?: unknown }).permanent === true;
      const text = error instanceof Error ? error.message : String(error);
      logger.warn('letter not submitted', { key: message.key, permanent });
      return { status: 'failed', permanent, error: `letter: print service refused: ${text.slice(0, 300)}` };
    }
  }

  async function deliver(message: OutboundMessage): Promise<SendResult> {
    if (message.channel !== 'letter')
      return { status: 'failed', permanent: true, error: `letter: channel ${message.channel} is not supported` };
    const addressLines = message.to.postalAddress ?? [];
    if (addressLines.length === 0) return { status: 'failed', permanent: true, error: 'letter: the recipient has no postal address' };
    if ('directory' in o.output) {
      const existing = await lookupFile(o.output.directory, message.key);
      if (existing !== undefined) {
        logger.info('letter already written under this key', {
          key: message.key,
          file: existing.status === 'sent' ? existing.providerMessageId : undefined,
        });
        return existing;
      }
    }
    const pdf = await renderLetterPdf(message, pdfOptions);
    return 'directory' in o.output
      ? toDirectory(o.output.directory, message, pdf)
      : toPrintApi(o.output.printApi, message, pdf, addressLines);
  }

  async function lookupFile(directory: string, key: string): Promise<SendResult | undefined> {
    const file = letterFileName(key);
    try {
      await stat(join(directory, file));
      return { status: 'sent', providerMessageId: file };
    } catch (error) {
      if (isCode(error, 'ENOENT')) return undefined;
      throw error;
    }
  }

  return {
    name: o.name,
    kinds: ['letter'],
    capabilities: { idempotent: 'adapter' },

    send(message) {
      const previous = submitted.get(message.key);
      if (previous !== undefined) return previous;
      const attempt = deliver(message).then((result) => {
        // Only successes stay remembered: a failed letter may be sent again later.
        if (result.status === 'failed') submitted.delete(message.key);
        return result;
      });
      submitted.set(message.key, attempt);
      attempt.catch(() => submitted.delete(message.key));
      return attempt;
    },

    async lookup(key) {
      if ('directory' in o.output) return lookupFile(o.output.directory, key);
      const previous = submitted.get(key);
      if (previous === undefined) return undefined;
      const result = await previous;
      return result.status === 'sent' ? result : undefined;
    },
  };
}
