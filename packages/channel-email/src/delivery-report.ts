/**
 * Bounce and complaint messages arriving by mail: RFC 3464 delivery status notifications
 * (`multipart/report; report-type=delivery-status`) and RFC 5965 abuse reports
 * (`report-type=feedback-report`).
 *
 * @module
 */
import { simpleParser } from 'mailparser';
import type { ChannelEvent } from '@dueflow/runtime/ports';
import { normalizeMessageId } from './message-id.js';

/** Options of {@link parseDeliveryReport}. */
export interface DeliveryReportOptions {
  /** Epoch ms the report arrived, stamped on the events. */
  readonly receivedAt: number;
  /**
   * Maps the original message's Message-ID back to its idempotency key.
   * @default undefined (events carry `providerMessageId` only)
   */
  readonly resolveKey?: (messageId: string) => Promise<string | undefined> | string | undefined;
}

interface Fields {
  readonly [name: string]: string | undefined;
}

/** Splits a `message/delivery-status` body into its per-message and per-recipient field groups. */
function fieldGroups(text: string): Fields[] {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+/g, ' ') // unfold continuation lines
    .split(/\n\s*\n/)
    .map((block) => {
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) fields[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      return fields;
    })
    .filter((fields) => Object.keys(fields).length > 0);
}

/** The address in a DSN recipient field (`rfc822; <ap@acme.example>` gives `ap@acme.example`). */
function dsnAddress(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const semi = value.indexOf(';');
  return (semi >= 0 ? value.slice(semi + 1) : value).trim().replace(/^<|>$/g, '') || undefined;
}

function originalMessageId(parts: readonly { contentType: string; text: string }[]): string | undefined {
  for (const part of parts) {
    if (part.contentType !== 'text/rfc822-headers' && part.contentType !== 'message/rfc822') continue;
    const match = /^message-id:\s*(.+)$/im.exec(part.text);
    const id = normalizeMessageId(match?.[1]);
    if (id !== undefined) return id;
  }
  return undefined;
}

/**
 * Parses a bounce (DSN) or complaint (ARF) email into channel events. Per recipient:
 * `Action: failed` with a `5.x.x` status is a hard bounce, with `4.x.x` a soft bounce;
 * `Action: delayed` is a soft bounce; `delivered` and `relayed` are deliveries. An abuse
 * report is a complaint. The original Message-ID (from the `text/rfc822-headers` or
 * `message/rfc822` part) is the event's `providerMessageId`, and `resolveKey` maps it to the
 * key. Resolves to `[]` for any other email.
 *
 * @example
 * ```ts
 * const events = await parseDeliveryReport(rawEmail, {
 *   receivedAt: Date.now(),
 *   resolveKey: (messageId) => deliveryLog.findKey(messageId),
 * });
 * ```
 */
export async function parseDeliveryReport(raw: Uint8Array | string, options: DeliveryReportOptions): Promise<ChannelEvent[]> {
  const mail = await simpleParser(typeof raw === 'string' ? raw : Buffer.from(raw), { keepDeliveryStatus: true });
  const contentType = mail.headers.get('content-type');
  const reportType =
    typeof contentType === 'object' && contentType !== null && 'params' in contentType
      ? String((contentType as { params: Record<string, unknown> }).params['report-type'] ?? '').toLowerCase()
      : '';
  const parts = mail.attachments.map((a) => ({ contentType: a.contentType.toLowerCase(), text: a.content.toString('utf8') }));
  const providerMessageId = originalMessageId(parts);
  const key = providerMessageId === undefined ? undefined : await options.resolveKey?.(providerMessageId);
  const at = options.receivedAt;
  const about = {
    ...(key === undefined ? {} : { key }),
    ...(providerMessageId === undefined ? {} : { providerMessageId }),
  };

  if (reportType === 'feedback-report') {
    const report = parts.find((p) => p.contentType === 'message/feedback-report');
    const fields = report === undefined ? {} : (fieldGroups(report.text)[0] ?? {});
    const address = dsnAddress(fields['original-rcpt-to']);
    return [
      {
        type: 'complained',
        channel: 'email',
        at,
        ...about,
        ...(address === undefined ? {} : { address }),
        detail: `feedback-type ${fields['feedback-type'] ?? 'abuse'}`,
      },
    ];
  }

  const status = parts.find((p) => p.contentType === 'message/delivery-status');
  if (reportType !== 'delivery-status' || status === undefined) return [];
  const events: ChannelEvent[] = [];
  // The first group describes the reporting MTA; the rest describe one recipient each.
  for (const fields of fieldGroups(status.text).slice(1)) {
    const action = (fields['action'] ?? '').toLowerCase();
    const code = /\b([245])\.\d{1,3}\.\d{1,3}\b/.exec(fields['status'] ?? '');
    const address = dsnAddress(fields['final-recipient'] ?? fields['original-recipient']);
    const detail = [fields['status'], fields['diagnostic-code']]
      .filter((d) => d !== undefined)
      .join(' ')
      .slice(0, 500);
    const common = {
      channel: 'email' as const,
      at,
      ...about,
      ...(address === undefined ? {} : { address }),
      ...(detail === '' ? {} : { detail }),
    };
    if (action === 'failed') events.push({ type: 'bounced', bounce: code?.[1] === '4' ? 'soft' : 'hard', ...common });
    else if (action === 'delayed') events.push({ type: 'bounced', bounce: 'soft', ...common });
    else if (action === 'delivered' || action === 'relayed' || action === 'expanded') events.push({ type: 'delivered', ...common });
  }
  return events;
}
