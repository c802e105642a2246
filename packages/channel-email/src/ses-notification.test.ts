import { createPublicKey, createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '@dueflow/runtime';
import type { InboundRequest } from '@dueflow/runtime/ports';
import { parseSesNotification, snsStringToSign, type SesNotificationOptions, type SnsMessage } from './ses-notification.js';

/** Self-signed test certificates and their key (see test/fixtures/sns/README.md). */
const fixture = (name: string): string => readFileSync(new URL(`../test/fixtures/sns/${name}`, import.meta.url), 'utf8');
const privateKey = fixture('signing-key.pem');
const pem = fixture('signing-cert.pem');
const topic = 'arn:aws:sns:eu-west-1:123456789012:ses-events';
const certUrl = 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem';
const now = Date.parse('2025-03-12T09:00:05Z');
const fetched: string[] = [];
const base: SesNotificationOptions = {
  topicArns: [topic],
  fetchCertificate: async (url) => {
    fetched.push(url);
    return pem;
  },
  resolveKey: (id) => (id === '<abc@mail.acme.example>' ? 'inv_1:overdue-14:1:1' : undefined),
};

function sns(inner: unknown, overrides: Partial<SnsMessage> = {}, version: '1' | '2' = '2'): SnsMessage {
  const unsigned: SnsMessage = {
    Type: 'Notification',
    MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
    TopicArn: topic,
    Message: JSON.stringify(inner),
    Timestamp: '2025-03-12T09:00:00.000Z',
    SignatureVersion: version,
    Signature: '',
    SigningCertURL: certUrl,
    ...overrides,
  };
  const signer = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
  signer.update(snsStringToSign(unsigned));
  return { ...unsigned, Signature: signer.sign(privateKey, 'base64') };
}

function request(body: unknown, receivedAt = now): InboundRequest {
  return {
    method: 'POST',
    url: 'https://api.example.com/hooks/email',
    headers: { 'x-amz-sns-message-type': 'Notification' },
    rawBody: JSON.stringify(body),
    receivedAt,
  };
}

const mail = {
  messageId: '0102018e-ses-id',
  headers: [{ name: 'Message-ID', value: '<abc@mail.acme.example>' }],
  commonHeaders: { messageId: '<abc@mail.acme.example>' },
};
const bounce = (bounceType: string) => ({
  notificationType: 'Bounce',
  mail,
  bounce: {
    bounceType,
    bounceSubType: 'General',
    timestamp: '2025-03-12T08:59:58.000Z',
    bouncedRecipients: [{ emailAddress: 'jane.doe@globex.example', status: '5.1.1', diagnosticCode: 'smtp; 550 user unknown' }],
  },
});

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (e) {
    if (e instanceof WebhookVerificationError) return e.reason;
    throw e;
  }
}

describe('parseSesNotification', () => {
  it('reads Permanent bounces as hard and Transient as soft, matched to the key', async () => {
    expect(await parseSesNotification(request(sns(bounce('Permanent'))), base)).toEqual([
      {
        type: 'bounced',
        bounce: 'hard',
        channel: 'email',
        providerMessageId: '<abc@mail.acme.example>',
        key: 'inv_1:overdue-14:1:1',
        at: Date.parse('2025-03-12T08:59:58.000Z'),
        address: 'jane.doe@globex.example',
        detail: 'Permanent/General 5.1.1 smtp; 550 user unknown',
        deliveryId: 'sns:22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
      },
    ]);
    const soft = await parseSesNotification(request(sns(bounce('Transient'), {}, '1')), base);
    expect(soft).toMatchObject([{ type: 'bounced', bounce: 'soft' }]);
    expect(fetched.every((u) => u === certUrl)).toBe(true);
  });

  it('reads complaints and deliveries', async () => {
    const complaint = {
      notificationType: 'Complaint',
      mail,
      complaint: { complainedRecipients: [{ emailAddress: 'jane.doe@globex.example' }], complaintFeedbackType: 'abuse' },
    };
    expect(await parseSesNotification(request(sns(complaint)), base)).toMatchObject([
      { type: 'complained', key: 'inv_1:overdue-14:1:1', detail: 'feedback-type abuse' },
    ]);
    const delivery = { eventType: 'Delivery', mail: { messageId: 'ses-only' }, delivery: { recipients: ['jane.doe@globex.example'] } };
    expect(await parseSesNotification(request(sns(delivery)), base)).toEqual([
      {
        type: 'delivered',
        channel: 'email',
        providerMessageId: 'ses-only',
        deliveryId: 'sns:22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
        at: Date.parse('2025-03-12T09:00:00.000Z'),
        address: 'jane.doe@globex.example',
      },
    ]);
  });

  it('identifies a replay by the signed MessageId, whatever its headers and JSON layout', async () => {
    const complaint = {
      notificationType: 'Complaint',
      mail,
      complaint: { complainedRecipients: [{ emailAddress: 'jane.doe@globex.example' }], timestamp: '2025-03-12T08:59:59.000Z' },
    };
    const signed = sns(complaint);
    const original = await parseSesNotification(request(signed), base);
    // The same signed fields, re-serialised in another order and spacing, with other headers, later.
    const reordered = Object.fromEntries(Object.entries(signed).reverse());
    const replay: InboundRequest = {
      ...request(reordered, now + 60_000),
      headers: { 'x-amz-sns-message-type': 'Notification', 'webhook-id': 'forged-new-id' },
      rawBody: JSON.stringify(reordered, null, 2),
    };
    const replayed = await parseSesNotification(replay, base);
    expect(original).toMatchObject([
      { type: 'complained', deliveryId: 'sns:22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324', at: Date.parse('2025-03-12T08:59:59.000Z') },
    ]);
    expect(replayed).toEqual(original);
  });

  it('refuses a tampered message, a foreign certificate URL, an unexpected topic and a stale timestamp', async () => {
    const good = sns(bounce('Permanent'));
    expect(await reason(parseSesNotification(request({ ...good, Message: good.Message.replace('Permanent', 'Transient') }), base))).toBe(
      'signature',
    );
    expect(
      await reason(
        parseSesNotification(
          request(sns(bounce('Permanent'), { SigningCertURL: 'https://sns.eu-west-1.amazonaws.com.evil.example/x.pem' })),
          base,
        ),
      ),
    ).toBe('signature');
    expect(
      await reason(
        parseSesNotification(request(sns(bounce('Permanent'), { SigningCertURL: 'http://sns.eu-west-1.amazonaws.com/x.pem' })), base),
      ),
    ).toBe('signature');
    expect(
      await reason(parseSesNotification(request(sns(bounce('Permanent'), { TopicArn: 'arn:aws:sns:eu-west-1:999:other' })), base)),
    ).toBe('signature');
    expect(await reason(parseSesNotification(request(good, now + 301_000), base))).toBe('timestamp');
  });

  it('refuses a certificate that is not X.509, expired, issued to another host, or for another key', async () => {
    const good = sns(bounce('Permanent'));
    const served = (text: string): SesNotificationOptions => ({ ...base, fetchCertificate: async () => text });
    const publicKeyOnly = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
    await expect(parseSesNotification(request(good), served(publicKeyOnly))).rejects.toThrow(/not an X\.509 certificate/);
    await expect(parseSesNotification(request(good), served(fixture('expired-cert.pem')))).rejects.toThrow(
      /valid from Jan {2}1 00:00:00 2020 GMT to Jan {2}1 00:00:00 2024 GMT, not at 2025-03-12T09:00:05.000Z/,
    );
    await expect(parseSesNotification(request(good), served(fixture('other-host-cert.pem')))).rejects.toThrow(
      /CN=mail\.evil\.example\) is not issued to sns\.eu-west-1\.amazonaws\.com or sns\.amazonaws\.com/,
    );
    await expect(parseSesNotification(request(good), served(fixture('other-key-cert.pem')))).rejects.toThrow(/signature does not match/);
    // The names are an option, for the day Amazon changes them.
    expect(
      await parseSesNotification(request(good), { ...served(fixture('other-host-cert.pem')), certificateHosts: ['mail.evil.example'] }),
    ).toHaveLength(1);
    for (const name of ['expired-cert.pem', 'other-host-cert.pem'])
      expect(await reason(parseSesNotification(request(good), served(fixture(name))))).toBe('signature');
  });

  it('keeps a certificate that passed, and downloads one that failed a check again', async () => {
    const url = 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-rotated.pem';
    const downloads: string[] = [];
    const serving = ['expired-cert.pem', 'signing-cert.pem'];
    const options: SesNotificationOptions = {
      ...base,
      fetchCertificate: async (u) => {
        downloads.push(u);
        return fixture(serving[Math.min(downloads.length - 1, 1)]!);
      },
    };
    const message = sns(bounce('Permanent'), { SigningCertURL: url });
    expect(await reason(parseSesNotification(request(message), options))).toBe('signature');
    expect(await parseSesNotification(request(message), options)).toHaveLength(1);
    expect(await parseSesNotification(request(message), options)).toHaveLength(1);
    expect(downloads).toEqual([url, url]);
  });

  it('refuses bodies that are not SNS messages as malformed', async () => {
    expect(await reason(parseSesNotification({ ...request({}), rawBody: 'nope' }, base))).toBe('malformed');
    expect(await reason(parseSesNotification(request({ Type: 'Notification' }), base))).toBe('malformed');
  });

  it('hands a verified subscription confirmation to the callback', async () => {
    const confirmations: string[] = [];
    const message = sns('You have chosen to subscribe', {
      Type: 'SubscriptionConfirmation',
      SubscribeURL: 'https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=t',
      Token: 't',
    });
    const events = await parseSesNotification(request(message), {
      ...base,
      onSubscriptionConfirmation: async (url) => void confirmations.push(url),
    });
    expect(events).toEqual([]);
    expect(confirmations).toEqual(['https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=t']);
  });
});
