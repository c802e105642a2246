import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compilePolicy, explain, nextAction } from '@dueflow/core';
import { createCollector, createMemoryStorage, type Collector } from '@dueflow/runtime';
import { createRecordingChannel } from '@dueflow/testing/conformance';
import { createWebhookHandler } from '@dueflow/channel-webhook';
import { ACCOUNT_SID, AUTH_TOKEN, startFakeTwilio, type FakeTwilio } from '../test/twilio-server.js';
import { createTwilioChannel } from './twilio-channel.js';

// The whole inbound path: Twilio posts a signed STOP, the webhook handler verifies it through the
// channel, the collector records it, and the very next decision no longer uses SMS.
const NOW = Date.parse('2025-03-10T16:00:00Z');
let twilio: FakeTwilio;
let server: Server;
let url: string;
let collector: Collector;
const storage = createMemoryStorage();
const policy = compilePolicy({
  segments: [],
  ladders: [
    {
      id: 'sms-first',
      name: 'SMS first',
      steps: [
        { id: 'nudge', name: 'Nudge', offsetDays: 7, action: { type: 'message', channels: ['sms', 'email'], template: 'notice.overdue' } },
      ],
    },
  ],
});

beforeEach(async () => {
  twilio = await startFakeTwilio();
  const channel = createTwilioChannel({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+14155550123', baseUrl: twilio.url });
  collector = createCollector({
    storage,
    channels: [channel, createRecordingChannel()],
    clock: { now: () => NOW },
    policy,
  });
  const handler = createWebhookHandler({
    channels: { twilio: channel },
    onEvents: async (events) => void (await collector.recordChannelEvents(events)),
  });
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/twilio`;
  await storage.commit({
    customers: [
      {
        id: 'acme',
        name: 'Acme',
        timeZone: 'America/Chicago',
        tags: [],
        locale: 'en-US',
        contacts: [{ id: 'ap', role: 'billing', email: 'ap@acme.example', phone: '+14155550100', optOuts: [], suppressed: [] }],
      },
    ],
  });
  await storage.commit({
    invoices: [
      {
        id: 'inv-1',
        number: 'INV-1',
        customerId: 'acme',
        issueDate: '2025-02-01',
        dueDate: '2025-03-03',
        total: { amount: 420_000, currency: 'USD' },
        status: 'open',
      },
    ],
  });
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await twilio.close();
});

describe('an SMS STOP through the webhook handler', () => {
  it('opts the contact out of SMS only, honoured by the very next decision', async () => {
    const before = nextAction((await storage.loadSnapshot('inv-1'))!, NOW, policy);
    expect(before).toMatchObject({ kind: 'act', action: { channel: 'sms' } });

    const response = await twilio.callback(url, {
      AccountSid: ACCOUNT_SID,
      MessageSid: 'SM77',
      SmsStatus: 'received',
      From: '+14155550100',
      To: '+14155550123',
      Body: 'STOP',
      NumMedia: '0',
    });
    expect(response.status).toBe(200);

    const contact = (await storage.getCustomer('acme'))!.contacts[0]!;
    expect(contact.optOuts).toEqual(['sms']);
    const after = nextAction((await storage.loadSnapshot('inv-1'))!, NOW, policy);
    expect(after).toMatchObject({ kind: 'act', action: { channel: 'email' } });
    expect(explain(after)).toContain('not by sms (the contact opted out)');
  });

  it('refuses a forged STOP and changes nothing', async () => {
    const response = await twilio.callback(
      url,
      {
        AccountSid: ACCOUNT_SID,
        MessageSid: 'SM78',
        SmsStatus: 'received',
        From: '+14155550100',
        To: '+14155550123',
        Body: 'STOP',
        NumMedia: '0',
      },
      'a-guessed-token',
    );
    expect(response.status).toBe(401);
    expect((await storage.getCustomer('acme'))!.contacts[0]!.optOuts).toEqual([]);
  });
});
