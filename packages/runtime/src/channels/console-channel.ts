/**
 * A channel that prints each message as a readable summary: for demos, development and dry runs.
 *
 * @module
 */
import { addressOf, ChannelKindSchema, parseWith, type ChannelKind } from '@dueflow/core';
import { z } from 'zod';
import type { Channel, OutboundMessage, SendResult } from '../ports/channel.js';
import { redactAddress } from '../ports/logger.js';

/** Options of {@link createConsoleChannel}. */
export interface ConsoleChannelOptions {
  /**
   * Where each summary goes (one call per message, lines joined by `\n`).
   * @default console.log
   */
  readonly write?: (text: string) => void;
  /**
   * Channel kinds this channel accepts.
   * @default ['email', 'sms', 'voice', 'letter', 'webhook']
   */
  readonly kinds?: readonly ChannelKind[];
  /**
   * Print the text body under the headers.
   * @default true
   */
  readonly body?: boolean;
  /**
   * Adapter name for logs and the timeline.
   * @default 'console'
   */
  readonly name?: string;
}

const OptionsSchema = z.object({
  kinds: z.array(ChannelKindSchema).min(1).default(['email', 'sms', 'voice', 'letter', 'webhook']),
  body: z.boolean().default(true),
  name: z.string().min(1).max(100).default('console'),
});

function redacted(message: OutboundMessage): string {
  if (message.channel === 'letter')
    return message.to.postalAddress !== undefined ? `${message.to.postalAddress.length} address lines` : 'no address';
  const address = addressOf(message.to, message.channel);
  if (address === undefined) return 'no address';
  return message.channel === 'webhook' ? address.replace(/^(https?:\/\/[^/]+).*$/, '$1/...') : redactAddress(address);
}

/**
 * Formats the summary the console channel prints: channel, key, recipient with the address
 * redacted, subject, step and template, then the text body.
 *
 * @example
 * ```ts
 * console.log(formatConsoleSummary(message));
 * // ── email · inv-1042:overdue-notice:1
 * // To:       Ann Smith <a***@globex.example>
 * ```
 */
export function formatConsoleSummary(message: OutboundMessage, options: { body?: boolean } = {}): string {
  const { decision } = message;
  const to = message.to.name !== undefined ? `${message.to.name} <${redacted(message)}>` : `<${redacted(message)}>`;
  const lines = [`── ${message.channel} · ${message.key}`, `To:       ${to}`];
  if (message.cc !== undefined && message.cc.length > 0)
    lines.push(`Cc:       ${message.cc.map((c) => redactAddress(c.email)).join(', ')}`);
  if (message.subject !== undefined) lines.push(`Subject:  ${message.subject}`);
  const template = [decision.action.template, decision.action.tone].filter((x) => x !== undefined).join(', ');
  lines.push(
    `Step:     ${decision.step.name} (${decision.step.id}${template !== '' ? `; ${template}` : ''}) · invoice ${decision.invoiceId}`,
  );
  if (message.attachments !== undefined && message.attachments.length > 0)
    lines.push(`Attached: ${message.attachments.map((a) => a.filename).join(', ')}`);
  if (options.body !== false) lines.push('', ...message.text.split(/\r?\n/).map((l) => `  ${l}`.trimEnd()));
  return lines.join('\n');
}

/**
 * Creates a channel printing each message as a readable summary, with addresses redacted by
 * `redactAddress`. A recipient without an address on the message's channel fails permanently,
 * as with a real provider. It keeps no sent-log (`capabilities.idempotent: 'none'`).
 *
 * @example
 * ```ts
 * const collector = createCollector({ storage, channels: [createConsoleChannel()] });
 * ```
 */
export function createConsoleChannel(options: ConsoleChannelOptions = {}): Channel {
  const { kinds, body, name } = parseWith(OptionsSchema, 'console channel options', {
    kinds: options.kinds,
    body: options.body,
    name: options.name,
  });
  // Read lazily, so a test or app that replaces console.log later is still honoured.
  const write = options.write ?? ((text: string) => console.log(text));
  return {
    name,
    kinds,
    capabilities: { idempotent: 'none' },
    async send(message: OutboundMessage): Promise<SendResult> {
      if (!kinds.includes(message.channel)) {
        return {
          status: 'failed',
          permanent: true,
          error: `channel "${name}" does not deliver ${message.channel} (it delivers ${kinds.join(', ')})`,
        };
      }
      // A missing address fails as a real channel would, so dry runs show what would not go out.
      if (addressOf(message.to, message.channel) === undefined)
        return { status: 'failed', permanent: true, error: `recipient ${message.to.contactId} has no ${message.channel} address` };
      write(formatConsoleSummary(message, { body }));
      return { status: 'sent', providerMessageId: `console:${message.key}` };
    },
  };
}
