/**
 * HTML helpers for templates: escaping, and the HTML part derived from a plain-text body when a
 * template has no HTML of its own.
 *
 * @module
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @example
 * ```ts
 * escapeHtml('<script>alert("x")</script>'); // '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const URL_RE = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

function linkify(escapedLine: string): string {
  // URLs are matched on the escaped line, so an attribute value can never break out of its quotes.
  return escapedLine.replace(URL_RE, (url) => `<a href="${url}">${url}</a>`);
}

/** Options of {@link textToHtml}. */
export interface TextToHtmlOptions {
  /**
   * Language of the document, for the `lang` attribute.
   * @default 'en'
   */
  readonly lang?: string;
  /**
   * Document title (the subject), escaped.
   * @default ''
   */
  readonly title?: string;
}

/**
 * Turns a rendered plain-text body into a small, email-safe HTML document: every character is
 * escaped, blank lines separate paragraphs, single line breaks become `<br>`, and `http(s)` URLs
 * become links. Deterministic: the same text always gives the same HTML.
 *
 * @example
 * ```ts
 * textToHtml('Hello <b>Ann</b>,\n\nPay at https://pay.example/1.');
 * // ...<p>Hello &lt;b&gt;Ann&lt;/b&gt;,</p>\n<p>Pay at <a href="https://pay.example/1">https://pay.example/1</a>.</p>...
 * ```
 */
export function textToHtml(text: string, options: TextToHtmlOptions = {}): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map(
      (p) =>
        `<p>${p
          .split('\n')
          .map((line) => linkify(escapeHtml(line)))
          .join('<br>\n')}</p>`,
    );
  const lang = escapeHtml(options.lang ?? 'en');
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.title ?? '')}</title>`,
    '</head>',
    '<body style="font-family: -apple-system, Segoe UI, Helvetica, Arial, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2328;">',
    ...paragraphs,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
