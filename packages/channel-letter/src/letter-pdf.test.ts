import { describe, expect, it } from 'vitest';
import { message } from '../test/fixtures.js';
import { renderLetterPdf } from './letter-pdf.js';

const sender = { name: 'Acme Ltd', addressLines: ['1 Main Street', 'Springfield, IL 62701'], signatory: 'Sam Carter' };

/** Text shown by pdfkit's uncompressed content streams: hex-encoded strings inside TJ arrays. */
function visibleText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let out = '';
  for (const match of raw.matchAll(/<([0-9a-f]+)>/gi)) out += Buffer.from(match[1] ?? '', 'hex').toString('latin1');
  return out;
}

describe('renderLetterPdf', () => {
  it('renders a PDF with the letterhead, address block, subject, body and amount summary', async () => {
    const pdf = await renderLetterPdf(message(), { sender, compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = visibleText(pdf);
    for (const expected of [
      'Acme Ltd',
      'March 12, 2025',
      'Jane Doe',
      '742 Evergreen Terrace',
      'Final notice: invoice INV-1042',
      'INV-1042',
      'Amount outstanding: $4,200.00',
      'Our reference: inv_1',
      'Sam Carter',
    ]) {
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    }
  });

  it('gives the same bytes for the same message, and different bytes for another one', async () => {
    const a = await renderLetterPdf(message(), { sender });
    const b = await renderLetterPdf(message(), { sender });
    expect(Buffer.compare(a, b)).toBe(0);
    const later = message({
      decision: { ...message().decision, window: { start: '2025-03-13T09:00:00.000Z', end: '2025-03-13T17:00:00.000Z' } },
    });
    expect(Buffer.compare(a, await renderLetterPdf(later, { sender }))).not.toBe(0);
  });
});
