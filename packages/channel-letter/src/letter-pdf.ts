/**
 * Demand letters and final notices rendered to PDF with pdfkit.
 *
 * @module
 */
import PDFDocument from 'pdfkit';
import { formatMoney } from '@dueflow/core';
import type { OutboundMessage } from '@dueflow/runtime/ports';

/** Who the letter is from. */
export interface LetterSender {
  /** Business name, printed as the letterhead. */
  readonly name: string;
  readonly addressLines: readonly string[];
  /**
   * Name under the signature.
   * @default the sender's name
   */
  readonly signatory?: string;
  /**
   * Line under the signatory (a title or department).
   * @default 'Accounts Receivable'
   */
  readonly signatoryTitle?: string;
}

/** Options of {@link renderLetterPdf}. */
export interface LetterPdfOptions {
  readonly sender: LetterSender;
  /**
   * Compress page content. Turn it off to read the text in the file (tests, archives).
   * @default true
   */
  readonly compress?: boolean;
  /**
   * Paper size.
   * @default 'A4'
   */
  readonly size?: 'A4' | 'LETTER';
}

/**
 * The letter's date: the start of the decision's send window, so the same message renders the
 * same file.
 *
 * @example
 * ```ts
 * letterDate(message).toISOString(); // '2025-03-12T09:00:00.000Z'
 * ```
 */
export function letterDate(message: OutboundMessage): Date {
  return new Date(message.decision.window.start);
}

function longDate(date: Date, locale: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

/**
 * Renders a letter: letterhead, date, the recipient's postal address block, the subject, the
 * body paragraphs of the rendered text, an amount summary and a signature block. The same
 * message gives the same bytes: the creation date (and so the file id) comes from the
 * decision's send window, never the clock, and only the built-in Helvetica fonts are used.
 *
 * @example
 * ```ts
 * const pdf = await renderLetterPdf(message, { sender: { name: 'Acme Ltd', addressLines: ['1 Main St', 'Springfield'] } });
 * await writeFile('letter.pdf', pdf);
 * ```
 */
export function renderLetterPdf(message: OutboundMessage, options: LetterPdfOptions): Promise<Buffer> {
  const date = letterDate(message);
  const locale = message.to.locale ?? 'en-US';
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    compress: options.compress ?? true,
    info: {
      Title: message.subject ?? 'Letter',
      Author: options.sender.name,
      Producer: 'Dueflow',
      Creator: 'Dueflow',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const { sender } = options;
  doc.font('Helvetica-Bold').fontSize(16).text(sender.name);
  doc.font('Helvetica').fontSize(9).fillColor('#444444').text(sender.addressLines.join('  ·  '));
  doc
    .moveDown(0.5)
    .strokeColor('#999999')
    .moveTo(doc.page.margins.left, doc.y)
    .lineTo(doc.page.width - doc.page.margins.right, doc.y)
    .stroke();
  doc.fillColor('#000000').fontSize(11).moveDown(1.5);

  doc.text(longDate(date, locale, message.to.timeZone ?? 'UTC'), { align: 'right' });
  doc.moveDown(1);
  for (const line of [message.to.name, ...(message.to.postalAddress ?? [])]) if (line !== undefined && line !== '') doc.text(line);
  doc.moveDown(1.5);

  if (message.subject !== undefined) doc.font('Helvetica-Bold').text(message.subject).font('Helvetica').moveDown(1);
  for (const paragraph of message.text.split(/\r?\n\s*\r?\n/)) {
    const text = paragraph.replace(/\s*\r?\n\s*/g, ' ').trim();
    if (text !== '') doc.text(text, { align: 'left' }).moveDown(0.8);
  }

  doc.moveDown(0.5).font('Helvetica-Bold').text('Summary').font('Helvetica');
  doc.text(`Amount outstanding: ${formatMoney(message.decision.outstanding, locale)}`);
  doc.text(`Our reference: ${message.decision.invoiceId}`);
  doc.moveDown(2);
  doc.text('Yours faithfully,').moveDown(2.5);
  doc
    .font('Helvetica-Bold')
    .text(sender.signatory ?? sender.name)
    .font('Helvetica');
  doc.text(sender.signatoryTitle ?? 'Accounts Receivable');
  doc.end();
  return done;
}
