/**
 * The pieces of an RFC 5322 / MIME message writer: quoted-printable and base64 bodies,
 * RFC 2047 encoded words for non-ASCII headers, addresses and dates. Small on purpose: it writes
 * what a collection message needs (text, HTML, attachments), correctly.
 *
 * @module
 */

const CRLF = '\r\n';
const HEX = '0123456789ABCDEF';
const encoder = new TextEncoder();

/**
 * Encodes text as quoted-printable (RFC 2045 section 6.7) in UTF-8: line breaks become CRLF,
 * lines are at most 76 characters (soft breaks end in `=`), trailing spaces and `=` are escaped.
 *
 * @example
 * ```ts
 * encodeQuotedPrintable('Prix : 4 200,00 €'); // 'Prix : 4 200,00 =E2=82=AC'
 * ```
 */
export function encodeQuotedPrintable(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return lines.map(encodeQpLine).join(CRLF);
}

function encodeQpLine(line: string): string {
  const bytes = encoder.encode(line);
  let out = '';
  let current = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const last = i === bytes.length - 1;
    const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
    const token = literal ? String.fromCharCode(b) : `=${HEX[b >> 4]}${HEX[b & 15]}`;
    // 75 leaves room for the soft-break "=" within the 76-character limit.
    const limit = last ? 76 : 75;
    if (current.length + token.length > limit) {
      out += `${current}=${CRLF}`;
      current = '';
    }
    current += token;
  }
  return out + current;
}

/**
 * Base64 in lines of 76 characters, as MIME bodies require.
 *
 * @example
 * ```ts
 * encodeBase64Lines(new Uint8Array([1, 2, 3])); // 'AQID'
 * ```
 */
export function encodeBase64Lines(content: Uint8Array | string): string {
  const base64 = Buffer.from(typeof content === 'string' ? encoder.encode(content) : content).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 76) lines.push(base64.slice(i, i + 76));
  return lines.join(CRLF);
}

function isPlainAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

function singleLine(text: string): string {
  // Header values never carry line breaks of their own: that is how header injection happens.
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '');
}

/**
 * RFC 2047 encoded words (`=?UTF-8?B?...?=`) for a header value with non-ASCII characters,
 * each word at most 75 characters and never splitting a character; plain ASCII is returned as
 * is. Words are separated by a folding CRLF and space.
 *
 * @example
 * ```ts
 * encodeHeaderValue('Facture échue'); // '=?UTF-8?B?RmFjdHVyZSDDqWNodWU=?='
 * ```
 */
export function encodeHeaderValue(value: string): string {
  const text = singleLine(value);
  if (isPlainAscii(text)) return text;
  const words: number[][] = [];
  let chunk: number[] = [];
  for (const char of text) {
    const bytes = encoder.encode(char);
    // 39 bytes → 52 base64 characters → words of 64, so "Subject: " plus a word fits in 78.
    if (chunk.length + bytes.length > 39) {
      words.push(chunk);
      chunk = [];
    }
    chunk.push(...bytes);
  }
  if (chunk.length > 0) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join(`${CRLF} `);
}

/**
 * A mailbox for an address header: `"Ann Smith" <ann@example.com>`, the name encoded when it
 * is not ASCII.
 *
 * @example
 * ```ts
 * formatMailbox('ann@globex.example', 'Ann "A" Smith'); // '"Ann \"A\" Smith" <ann@globex.example>'
 * ```
 */
export function formatMailbox(email: string, name?: string): string {
  const address = singleLine(email).replace(/[<>\s]/g, '');
  if (name === undefined || singleLine(name).trim() === '') return `<${address}>`;
  const display = singleLine(name).trim();
  const phrase = isPlainAscii(display) ? `"${display.replace(/(["\\])/g, '\\$1')}"` : encodeHeaderValue(display);
  return `${phrase} <${address}>`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An RFC 5322 `Date` header value in UTC.
 *
 * @example
 * ```ts
 * formatMailDate(Date.parse('2025-03-10T14:05:09Z')); // 'Mon, 10 Mar 2025 14:05:09 +0000'
 * ```
 */
export function formatMailDate(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/**
 * One header line, folded at spaces so lines stay within 78 characters where possible.
 *
 * @example
 * ```ts
 * formatHeader('Subject', 'Invoice INV-1 is due'); // 'Subject: Invoice INV-1 is due'
 * ```
 */
export function formatHeader(name: string, value: string): string {
  const line = `${name}: ${value}`;
  if (line.length <= 78 || value.includes(CRLF)) return line;
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > 78) {
      out.push(current);
      current = ` ${word}`;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  out.push(current);
  return out.join(CRLF);
}

/** A file attached to a message. */
export interface MimeAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Uint8Array | string;
}

/** What {@link writeMime} writes. */
export interface MimeMessage {
  /** Header name and value pairs, in order; values are encoded and folded here. */
  readonly headers: readonly (readonly [string, string])[];
  readonly text: string;
  readonly html?: string;
  readonly attachments?: readonly MimeAttachment[];
  /** Boundary prefix; must not appear in any body (a prefix starting with `=_` never does in QP or base64). */
  readonly boundary: string;
}

function textPart(contentType: string, body: string): string {
  return [
    `Content-Type: ${contentType}; charset=utf-8`,
    'Content-Transfer-Encoding: quoted-printable',
    '',
    encodeQuotedPrintable(body),
  ].join(CRLF);
}

function attachmentPart(a: MimeAttachment): string {
  const type = singleLine(a.contentType).replace(/[^\w.+\-/]/g, '') || 'application/octet-stream';
  const filename = singleLine(a.filename);
  const disposition = isPlainAscii(filename)
    ? `attachment; filename="${filename.replace(/(["\\])/g, '\\$1')}"`
    : `attachment; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
  return [
    `Content-Type: ${type}`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: ${disposition}`,
    '',
    encodeBase64Lines(a.content),
  ].join(CRLF);
}

function multipart(subtype: string, boundary: string, parts: readonly string[]): string {
  return [
    `Content-Type: multipart/${subtype}; boundary="${boundary}"`,
    '',
    ...parts.map((p) => `--${boundary}${CRLF}${p}`),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

/**
 * Writes a complete MIME message: headers, then a text part, a `multipart/alternative` of text
 * and HTML, and a `multipart/mixed` around it when there are attachments. CRLF line endings.
 *
 * @example
 * ```ts
 * writeMime({ headers: [['Subject', 'Hi']], text: 'Hello', html: '<p>Hello</p>', boundary: '=_b' });
 * ```
 */
export function writeMime(message: MimeMessage): string {
  const head = [...message.headers.map(([name, value]) => formatHeader(name, encodeHeaderValue(value))), 'MIME-Version: 1.0'].join(CRLF);
  let body =
    message.html === undefined
      ? textPart('text/plain', message.text)
      : multipart('alternative', `${message.boundary}_alt`, [textPart('text/plain', message.text), textPart('text/html', message.html)]);
  if (message.attachments !== undefined && message.attachments.length > 0) {
    body = multipart('mixed', `${message.boundary}_mix`, [body, ...message.attachments.map(attachmentPart)]);
  }
  // A single part ends without a line break: one would become part of the body.
  return `${head}${CRLF}${body}`;
}
