/**
 * Amazon SES bounce, complaint and delivery notifications delivered by Amazon SNS over HTTPS,
 * with SNS signature verification (SignatureVersion 1, RSA-SHA1, and 2, RSA-SHA256).
 *
 * @module
 */
import { createVerify, X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { WebhookVerificationError } from '@dueflow/runtime';
import type { ChannelEvent, InboundRequest } from '@dueflow/runtime/ports';
import { normalizeMessageId } from './message-id.js';

/** Options of {@link parseSesNotification}. */
export interface SesNotificationOptions {
  /**
   * Topic ARNs accepted; a message from any other topic is refused. Set it: a valid SNS
   * signature only proves the message came from some SNS topic.
   * @default undefined (any topic)
   */
  readonly topicArns?: readonly string[];
  /**
   * Fetches the PEM certificate at a `SigningCertURL` already checked to be
   * `https://sns.<region>.amazonaws.com/...pem`. Certificates are cached per URL.
   * @default an HTTPS GET with `fetch`
   */
  readonly fetchCertificate?: (url: string) => Promise<string>;
  /**
   * Names the signing certificate may be issued to (its subject or a subject alternative name).
   * Amazon's documentation names the regional host; the certificates SNS serves have named
   * `sns.amazonaws.com`. Override only if Amazon changes this.
   * @default the `SigningCertURL` host, `sns.amazonaws.com` and `sns.amazonaws.com.cn`
   */
  readonly certificateHosts?: readonly string[];
  /**
   * How far the SNS `Timestamp` may be from the arrival time.
   * @default 300
   */
  readonly toleranceSeconds?: number;
  /**
   * Maps the original Message-ID back to the idempotency key.
   * @default undefined
   */
  readonly resolveKey?: (messageId: string) => Promise<string | undefined> | string | undefined;
  /**
   * Called with the `SubscribeURL` of a verified subscription confirmation; visit it (GET) to
   * confirm the subscription. Without it, confirmations are acknowledged and ignored.
   * @default undefined
   */
  readonly onSubscriptionConfirmation?: (subscribeUrl: string, topicArn: string) => Promise<void>;
}

const SnsSchema = z.object({
  Type: z.enum(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']),
  MessageId: z.string().min(1),
  TopicArn: z.string().min(1),
  Subject: z.string().optional(),
  Message: z.string(),
  Timestamp: z.string().min(1),
  SignatureVersion: z.enum(['1', '2']),
  Signature: z.string().min(1),
  SigningCertURL: z.string().min(1),
  SubscribeURL: z.string().optional(),
  Token: z.string().optional(),
});
/** An SNS HTTP(S) delivery. */
export type SnsMessage = z.infer<typeof SnsSchema>;

const Recipient = z.object({ emailAddress: z.string(), status: z.string().optional(), diagnosticCode: z.string().optional() });
const SesSchema = z
  .object({
    notificationType: z.string().optional(),
    eventType: z.string().optional(),
    mail: z
      .object({
        messageId: z.string(),
        headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
        commonHeaders: z.object({ messageId: z.string().optional() }).loose().optional(),
      })
      .loose(),
    bounce: z
      .object({
        bounceType: z.string(),
        bounceSubType: z.string().optional(),
        bouncedRecipients: z.array(Recipient),
        timestamp: z.string().optional(),
      })
      .loose()
      .optional(),
    complaint: z
      .object({ complainedRecipients: z.array(Recipient), timestamp: z.string().optional(), complaintFeedbackType: z.string().optional() })
      .loose()
      .optional(),
    delivery: z
      .object({ recipients: z.array(z.string()), timestamp: z.string().optional() })
      .loose()
      .optional(),
  })
  .loose();

const CERT_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/**
 * The string SNS signs: `Name\nValue\n` for the documented fields in order.
 *
 * @example
 * ```ts
 * createVerify('RSA-SHA256').update(snsStringToSign(message)).verify(pem, message.Signature, 'base64');
 * ```
 */
export function snsStringToSign(message: SnsMessage): string {
  const names =
    message.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  let out = '';
  for (const name of names) {
    const value = (message as Readonly<Record<string, string | undefined>>)[name];
    if (value !== undefined) out += `${name}\n${value}\n`;
  }
  return out;
}

/** Downloaded certificates by URL, per fetch function (a user's own fetcher gets its own cache). */
const certificateCaches = new WeakMap<(url: string) => Promise<string>, Map<string, Promise<string>>>();

async function defaultFetchCertificate(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`certificate download answered HTTP ${response.status}`);
  return response.text();
}

/**
 * The signing certificate, checked: an X.509 certificate, valid at `now`, issued to one of
 * `hosts`. Its chain is not built: SNS serves the leaf alone, and the download over HTTPS from an
 * SNS host (TLS checks that server's chain) is what ties it to Amazon, as in the AWS SDKs.
 */
function signingCertificate(pem: string, hosts: readonly string[], now: number): X509Certificate {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch (cause) {
    throw new WebhookVerificationError('signature', 'ses: the signing certificate is not an X.509 certificate', { cause });
  }
  const from = Date.parse(certificate.validFrom);
  const to = Date.parse(certificate.validTo);
  if (!(from <= now && now <= to)) {
    throw new WebhookVerificationError(
      'signature',
      `ses: the signing certificate is valid from ${certificate.validFrom} to ${certificate.validTo}, not at ${new Date(now).toISOString()}`,
    );
  }
  if (!hosts.some((host) => certificate.checkHost(host) !== undefined)) {
    throw new WebhookVerificationError(
      'signature',
      `ses: the signing certificate (${certificate.subject.replace(/\n/g, ', ')}) is not issued to ${hosts.join(' or ')}`,
    );
  }
  return certificate;
}

/**
 * Verifies an SNS message: the certificate URL is an Amazon SNS HTTPS URL, the topic is
 * allowed, the timestamp is within tolerance, the signing certificate is valid now and issued
 * to SNS, and the RSA signature matches. Throws a `WebhookVerificationError`.
 *
 * @example
 * ```ts
 * await verifySnsMessage(JSON.parse(body), { topicArns: ['arn:aws:sns:eu-west-1:123456789012:ses-events'] }, Date.now());
 * ```
 */
export async function verifySnsMessage(message: SnsMessage, options: SesNotificationOptions, now: number): Promise<void> {
  let certUrl: URL;
  try {
    certUrl = new URL(message.SigningCertURL);
  } catch (cause) {
    throw new WebhookVerificationError('signature', 'ses: SigningCertURL is not a URL', { cause });
  }
  if (certUrl.protocol !== 'https:' || !CERT_HOST.test(certUrl.hostname) || !certUrl.pathname.endsWith('.pem')) {
    throw new WebhookVerificationError(
      'signature',
      `ses: SigningCertURL host ${JSON.stringify(certUrl.hostname)} is not an Amazon SNS host`,
    );
  }
  if (options.topicArns !== undefined && !options.topicArns.includes(message.TopicArn)) {
    throw new WebhookVerificationError('signature', `ses: topic ${JSON.stringify(message.TopicArn)} is not allowed`);
  }
  const sent = Date.parse(message.Timestamp);
  const tolerance = options.toleranceSeconds ?? 300;
  if (Number.isNaN(sent) || Math.abs(now - sent) > tolerance * 1000) {
    throw new WebhookVerificationError(
      'timestamp',
      `ses: SNS Timestamp ${JSON.stringify(message.Timestamp)} is outside the ${tolerance}s tolerance`,
    );
  }
  const fetchCertificate = options.fetchCertificate ?? defaultFetchCertificate;
  let certificates = certificateCaches.get(fetchCertificate);
  if (certificates === undefined) certificateCaches.set(fetchCertificate, (certificates = new Map()));
  let pem = certificates.get(certUrl.href);
  if (pem === undefined) certificates.set(certUrl.href, (pem = fetchCertificate(certUrl.href)));
  let text: string;
  try {
    text = await pem;
  } catch (cause) {
    certificates.delete(certUrl.href);
    throw new WebhookVerificationError('signature', 'ses: the signing certificate could not be downloaded', { cause });
  }
  let certificate: X509Certificate;
  try {
    certificate = signingCertificate(
      text,
      options.certificateHosts ?? [certUrl.hostname, 'sns.amazonaws.com', 'sns.amazonaws.com.cn'],
      now,
    );
  } catch (error) {
    // A certificate that fails now is fetched again next time (SNS may have rotated it).
    certificates.delete(certUrl.href);
    throw error;
  }
  let valid: boolean;
  try {
    const verifier = createVerify(message.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
    verifier.update(snsStringToSign(message), 'utf8');
    valid = verifier.verify(certificate.publicKey, message.Signature, 'base64');
  } catch (cause) {
    throw new WebhookVerificationError('signature', 'ses: the SNS signature could not be checked', { cause });
  }
  if (!valid) throw new WebhookVerificationError('signature', 'ses: the SNS signature does not match');
}

function timeOf(text: string | undefined, fallback: number): number {
  const at = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isNaN(at) ? fallback : at;
}

/**
 * Verifies and parses an SES notification posted by SNS into channel events: a `Permanent`
 * bounce is a hard bounce, `Transient` and `Undetermined` are soft; complaints, deliveries,
 * rejects, opens and clicks (event publishing) map to their events. The original Message-ID is
 * read from the notification's headers (enable "include original headers" on the identity) or
 * `commonHeaders.messageId`, falling back to SES's own message id. Every event carries the
 * delivery id `sns:<MessageId>` (signed), and its `at` is SES's time of the bounce, complaint or
 * delivery, else the signed SNS `Timestamp`.
 *
 * @example
 * ```ts
 * const events = await parseSesNotification(request, {
 *   topicArns: ['arn:aws:sns:eu-west-1:123456789012:ses-events'],
 *   resolveKey: (id) => deliveryLog.findKey(id),
 * });
 * ```
 */
export async function parseSesNotification(request: InboundRequest, options: SesNotificationOptions = {}): Promise<ChannelEvent[]> {
  const text = typeof request.rawBody === 'string' ? request.rawBody : Buffer.from(request.rawBody).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new WebhookVerificationError('malformed', 'ses: body is not JSON', { cause });
  }
  const parsed = SnsSchema.safeParse(json);
  if (!parsed.success) throw new WebhookVerificationError('malformed', 'ses: body is not an SNS message');
  const sns = parsed.data;
  await verifySnsMessage(sns, options, request.receivedAt);

  if (sns.Type === 'SubscriptionConfirmation') {
    if (sns.SubscribeURL !== undefined) await options.onSubscriptionConfirmation?.(sns.SubscribeURL, sns.TopicArn);
    return [];
  }
  if (sns.Type !== 'Notification') return [];

  let inner: unknown;
  try {
    inner = JSON.parse(sns.Message);
  } catch (cause) {
    throw new WebhookVerificationError('malformed', 'ses: SNS Message is not JSON', { cause });
  }
  const ses = SesSchema.safeParse(inner);
  if (!ses.success) throw new WebhookVerificationError('malformed', 'ses: SNS Message is not an SES notification');
  const n = ses.data;
  const header = n.mail.headers?.find((h) => h.name.toLowerCase() === 'message-id')?.value;
  const providerMessageId = normalizeMessageId(header) ?? normalizeMessageId(n.mail.commonHeaders?.messageId) ?? n.mail.messageId;
  const key = await options.resolveKey?.(providerMessageId);
  const aboutMessage = { channel: 'email' as const, providerMessageId, ...(key === undefined ? {} : { key }) };
  const kind = (n.notificationType ?? n.eventType ?? '').toLowerCase();
  // Both signed: SNS's Timestamp orders events without one of their own, MessageId identifies the delivery.
  const at = timeOf(sns.Timestamp, request.receivedAt);
  const about = { ...aboutMessage, deliveryId: `sns:${sns.MessageId}` };

  switch (kind) {
    case 'bounce': {
      const bounce = n.bounce;
      if (bounce === undefined) return [];
      const hard = bounce.bounceType === 'Permanent';
      return bounce.bouncedRecipients.map((r) => ({
        type: 'bounced' as const,
        bounce: hard ? ('hard' as const) : ('soft' as const),
        ...about,
        at: timeOf(bounce.timestamp, at),
        address: r.emailAddress,
        detail: [`${bounce.bounceType}/${bounce.bounceSubType ?? 'General'}`, r.status, r.diagnosticCode]
          .filter((d) => d !== undefined)
          .join(' ')
          .slice(0, 500),
      }));
    }
    case 'complaint': {
      const complaint = n.complaint;
      if (complaint === undefined) return [];
      return complaint.complainedRecipients.map((r) => ({
        type: 'complained' as const,
        ...about,
        at: timeOf(complaint.timestamp, at),
        address: r.emailAddress,
        detail: `feedback-type ${complaint.complaintFeedbackType ?? 'unknown'}`,
      }));
    }
    case 'delivery': {
      const delivery = n.delivery;
      if (delivery === undefined) return [];
      return delivery.recipients.map((address) => ({ type: 'delivered' as const, ...about, at: timeOf(delivery.timestamp, at), address }));
    }
    case 'reject':
    case 'rendering failure':
      return [{ type: 'failed', ...about, at, detail: `ses ${kind}` }];
    case 'open':
      return [{ type: 'opened', ...about, at }];
    case 'click':
      return [{ type: 'clicked', ...about, at }];
    default:
      return [];
  }
}
