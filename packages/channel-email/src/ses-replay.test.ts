import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compilePolicy } from '@dueflow/core';
import { createCollector, createMemoryStorage, type Collector, type MemoryStorage } from '@dueflow/runtime';
import { createWebhookHandler } from '@dueflow/channel-webhook';
import { createEmailChannel, type EmailChannel } from './email-channel.js';
import { snsStringToSign, type SnsMessage } from './ses-notification.js';

// SNS signs the message fields, not the HTTP headers nor the JSON layout: a captured
// notification can be posted again with another `webhook-id` or re-serialised. It is
// recognised by its signed MessageId, by the handler and, after a restart, by record().
const fixture = (name: string): string => readFileSync(new URL(`../test/fixtures/sns/${name}`, import.meta.url), 'utf8');
const privateKey = fixture('signing-key.pem');
const pem = fixture('signing-cert.pem');
const topic = 'arn:aws:sns:eu-west-1:123456789012:ses-events';
const T0 = Date.parse('2025-03-12T09:00:00Z');
let now = T0;
let channel: EmailChannel;
let storage: MemoryStorage;
let collector: Collector;
let processed = 0;
const servers: Server[] = [];

function signed(messageId: string, inner: unknown, at: number): SnsMessage {
  const unsigned: SnsMessage = {
    Type: 'Notification',
    MessageId: messageId,
    TopicArn: topic,
    Message: JSON.stringify(inner),
    Timestamp: new Date(at).toISOString(),
    SignatureVersion: '2',
    Signature: '',
    SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem',
  };
  const signer = createSign('RSA-SHA256');
  signer.update(snsStringToSign(unsigned));
  return { ...unsigned, Signature: signer.sign(privateKey, 'base64') };
}

const complaint = (at: number) => ({
  notificationType: 'Complaint',
  mail: { messageId: 'ses-1' },
  complaint: {
    complainedRecipients: [{ emailAddress: 'jane.doe@globex.example' }],
    timestamp: new Date(at).toISOString(),
    complaintFeedbackType: 'abuse',
  },
});

async function startHooks(): Promise<string> {
  const handler = createWebhookHandler({
    channels: { email: channel },
    clock: { now: () => now },
    onEvents: async (events) => {
      processed += 1;
      await collector.recordChannelEvents(events);
    },
  });
  const server = createServer((req, res) => void handler(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/email`;
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'Notification', ...headers },
  });
const optOuts = async () => (await storage.getCustomer('globex'))!.contacts[0]!.optOuts;

beforeEach(async () => {
  now = T0;
  processed = 0;
  channel = createEmailChannel({
    transport: { host: '127.0.0.1', port: 1 },
    from: 'ar@acme.example',
    domain: 'mail.acme.example',
    ses: { topicArns: [topic], fetchCertificate: async () => pem },
  });
  storage = createMemoryStorage();
  collector = createCollector({
    storage,
    channels: [channel],
    clock: { now: () => now },
    policy: compilePolicy({
      segments: [],
      ladders: [
        {
          id: 'l',
          name: 'L',
          steps: [{ id: 's', name: 'S', offsetDays: 7, action: { type: 'message', channels: ['email'], template: 'notice.overdue' } }],
        },
      ],
    }),
  });
  await storage.commit({
    customers: [
      {
        id: 'globex',
        name: 'Globex',
        timeZone: 'UTC',
        tags: [],
        locale: 'en-US',
        contacts: [{ id: 'jane', role: 'billing', email: 'jane.doe@globex.example', optOuts: [], suppressed: [] }],
      },
    ],
  });
});

afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('a replayed SNS notification', () => {
  it('is processed once, whatever its webhook-id, other headers or JSON layout', async () => {
    const url = await startHooks();
    const message = signed('sns-msg-1', complaint(T0 - 1_000), T0);
    expect((await post(url, JSON.stringify(message), { 'webhook-id': 'first' })).status).toBe(200);
    now += 30_000;
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(message).reverse()), null, 2);
    for (const [body, headers] of [
      [JSON.stringify(message), { 'webhook-id': 'second' }],
      [reordered, { 'webhook-id': 'third', 'x-forwarded-for': '203.0.113.9' }],
      [reordered, {}],
    ] as const) {
      expect((await post(url, body, headers)).status).toBe(200);
    }
    expect(processed).toBe(1);
    expect(await optOuts()).toEqual(['email']);
  });

  it('never re-applies a complaint after the contact opted in again, even after a restart', async () => {
    const url = await startHooks();
    const message = JSON.stringify(signed('sns-msg-2', complaint(T0 - 1_000), T0));
    expect((await post(url, message)).status).toBe(200);
    expect(await optOuts()).toEqual(['email']);
    now += 60_000;
    await collector.record({ type: 'opt-in', channel: 'email', at: now, contact: { customerId: 'globex', contactId: 'jane' } });
    expect(await optOuts()).toEqual([]);

    now += 60_000;
    expect((await post(url, message, { 'webhook-id': 'replayed' })).status).toBe(200);
    expect((await post(await startHooks(), message, { 'webhook-id': 'after-restart' })).status).toBe(200);
    expect(await optOuts()).toEqual([]);
  });

  it('does not let an older complaint, arriving late, override a newer opt-in', async () => {
    const url = await startHooks();
    await collector.record({ type: 'opt-in', channel: 'email', at: T0 - 10_000, contact: { customerId: 'globex', contactId: 'jane' } });
    await collector.record({ type: 'opt-out', channel: 'email', at: T0 - 9_000, contact: { customerId: 'globex', contactId: 'jane' } });
    await collector.record({ type: 'opt-in', channel: 'email', at: T0 - 5_000, contact: { customerId: 'globex', contactId: 'jane' } });
    // SES complained at T0 - 20 s; SNS delivered it late.
    expect((await post(url, JSON.stringify(signed('sns-msg-3', complaint(T0 - 20_000), T0)))).status).toBe(200);
    expect(await optOuts()).toEqual([]);
    const late = (await storage.listActivities({ customerId: 'globex', types: ['contact'] })).find(
      (a) => a.type === 'contact' && a.detail !== undefined,
    );
    expect(late).toMatchObject({
      event: 'opted-out',
      at: new Date(T0 - 20_000).toISOString(),
      detail: 'not applied: a later consent change of email is recorded',
    });
  });
});
