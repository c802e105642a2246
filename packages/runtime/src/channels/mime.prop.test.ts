import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { encodeHeaderValue, encodeQuotedPrintable, writeMime } from './mime.js';

function decodeQuotedPrintable(encoded: string): string {
  const bytes: number[] = [];
  const body = encoded.replace(/=\r\n/g, '');
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '=') {
      bytes.push(Number.parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(body.charCodeAt(i));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom(' ', '\t', '=', '\n', '.', 'a', 'Z'),
    fc.constantFrom('é', '€', '😀', 'ß', '中'),
    fc.integer({ min: 32, max: 126 }).map((c) => String.fromCharCode(c)),
  ),
  maxLength: 400,
});

describe('MIME encodings', () => {
  it('quoted-printable decodes back to the text, with lines of at most 76 characters', () => {
    fc.assert(
      fc.property(text, (t) => {
        const encoded = encodeQuotedPrintable(t);
        expect(decodeQuotedPrintable(encoded)).toBe(t.replace(/\n/g, '\r\n'));
        for (const line of encoded.split('\r\n')) {
          expect(line.length).toBeLessThanOrEqual(76);
          expect(line).not.toMatch(/[ \t]$/);
        }
        expect(encoded).toMatch(/^[\x20-\x7e\r\n\t]*$/);
      }),
      { numRuns: 300 },
    );
  });

  it('subjects survive encoding, read back by mailparser', async () => {
    await fc.assert(
      fc.asyncProperty(
        text.map((t) => t.replace(/[\s]+/g, ' ').trim()).filter((t) => t !== ''),
        async (subject) => {
          const parsed = await simpleParser(writeMime({ headers: [['Subject', subject]], text: 'x', boundary: '=_b' }));
          expect(parsed.subject).toBe(subject);
          for (const word of encodeHeaderValue(subject).split('\r\n ')) expect(word.length).toBeLessThanOrEqual(75);
        },
      ),
      { numRuns: 100 },
    );
  });
});
