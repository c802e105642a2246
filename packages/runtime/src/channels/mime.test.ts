import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { encodeHeaderValue, encodeQuotedPrintable, formatMailbox, formatMailDate, writeMime } from './mime.js';

describe('quoted-printable', () => {
  it('escapes "=", non-ASCII bytes and trailing spaces, and keeps lines within 76 characters', () => {
    expect(encodeQuotedPrintable('a=b')).toBe('a=3Db');
    expect(encodeQuotedPrintable('4 200,00 €')).toBe('4 200,00 =E2=82=AC');
    expect(encodeQuotedPrintable('end \nnext\t')).toBe('end=20\r\nnext=09');
    const long = encodeQuotedPrintable('é'.repeat(100));
    for (const line of long.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(long).not.toMatch(/=[0-9A-F]?=\r\n/);
  });
});

describe('headers', () => {
  it('leaves ASCII as is and encodes the rest in words that never split a character', () => {
    expect(encodeHeaderValue('Invoice INV-1 is due')).toBe('Invoice INV-1 is due');
    expect(encodeHeaderValue('Facture échue')).toBe('=?UTF-8?B?RmFjdHVyZSDDqWNodWU=?=');
    const words = encodeHeaderValue('€'.repeat(40)).split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) {
      expect(w.length).toBeLessThanOrEqual(75);
      expect(Buffer.from(w.slice(10, -2), 'base64').toString('utf8')).toMatch(/^€+$/);
    }
  });

  it('removes line breaks from header values', () => {
    expect(encodeHeaderValue('Hi\r\nBcc: victim@example.com')).toBe('Hi Bcc: victim@example.com');
    expect(formatMailbox('ann@x.example', 'Ann\r\nBcc: y')).toBe('"Ann Bcc: y" <ann@x.example>');
  });

  it('quotes and escapes display names', () => {
    expect(formatMailbox('ann@x.example', 'Smith, "Ann"')).toBe('"Smith, \\"Ann\\"" <ann@x.example>');
    expect(formatMailbox('ann@x.example')).toBe('<ann@x.example>');
  });

  it('writes RFC 5322 dates in UTC', () => {
    expect(formatMailDate(Date.parse('2025-03-10T14:05:09Z'))).toBe('Mon, 10 Mar 2025 14:05:09 +0000');
  });
});

describe('writeMime, read back by an independent parser', () => {
  it('round-trips subject, addresses, text, HTML and attachments', async () => {
    const text = `Bonjour Zoë,\n\nMontant dû : 4 200,00 € = total.\n${'Ligne très longue '.repeat(20)}\nfin  `;
    const raw = writeMime({
      headers: [
        ['From', formatMailbox('ar@initech.example', 'Initech Comptabilité')],
        ['To', formatMailbox('zoe@globex.example', 'Zoë Dupont')],
        ['Subject', 'Facture INV-1042 échue depuis 7 jours — merci de régler'],
        ['Message-ID', '<abc@initech.example>'],
      ],
      text,
      html: '<p>Bonjour Zoë,</p><p>Montant dû : 4&nbsp;200,00&nbsp;€</p>',
      attachments: [
        { filename: 'facture-INV-1042.pdf', contentType: 'application/pdf', content: new Uint8Array([37, 80, 68, 70, 0, 255]) },
      ],
      boundary: '=_test',
    });
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    expect(raw).not.toMatch(/[^\r]\n/);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Facture INV-1042 échue depuis 7 jours — merci de régler');
    expect(parsed.from?.value[0]).toMatchObject({ name: 'Initech Comptabilité', address: 'ar@initech.example' });
    expect(parsed.messageId).toBe('<abc@initech.example>');
    expect(parsed.text).toBe(text.replace(/\n/g, '\n'));
    expect(parsed.html).toBe('<p>Bonjour Zoë,</p><p>Montant dû : 4&nbsp;200,00&nbsp;€</p>');
    expect(parsed.attachments).toHaveLength(1);
    expect([...parsed.attachments[0]!.content]).toEqual([37, 80, 68, 70, 0, 255]);
    expect(parsed.attachments[0]!.filename).toBe('facture-INV-1042.pdf');
  });

  it('writes a single text part when there is no HTML', async () => {
    const raw = writeMime({ headers: [['Subject', 'SMS']], text: 'short', boundary: '=_b' });
    expect(raw).toContain('Content-Type: text/plain; charset=utf-8');
    expect(raw).not.toContain('multipart');
    expect((await simpleParser(raw)).text).toBe('short');
  });
});
