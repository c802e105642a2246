import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compilePolicy } from '@dueflow/core';
import { createCollector, createMemoryStorage, type Collector, type MemoryStorage } from '@dueflow/runtime';
import type { ChannelEvent } from '@dueflow/runtime/ports';
import { createRecordingChannel } from '@dueflow/testing/conformance';
import { createWebhookHandler } from '@dueflow/channel-webhook';
import { ACCOUNT_SID, AUTH_TOKEN, startFakeTwilio, type FakeTwilio } from '../test/twilio-server.js';
import { createTwilioChannel, type TwilioChannel } from './twilio-channel.js';

// Twilio signs the URL and the form parameters, not the headers: a captured callback can be
// posted again with any headers. Replays are recognised by what Twilio signs.
const T0 = Date.parse('2025-03-10T16:00:00Z');
const PHONE = '+14155550100';
let twilio: FakeTwilio;
let channel: TwilioChannel;
let storage: MemoryStorage;
let collector: Collector;
let now = T0;
const servers: Server[] = [];
const recorded: ChannelEvent[][] = [];

/** The application's hook endpoint; a second one stands for a restart (its replay memory is gone). */
async function startHooks(): Promise<string> {
  const handler = createWebhookHandler({
    channels: { twilio: channel },
    clock: { now: () => now },
    onEvents: async (events) => {
      recorded.push(events);
      await collector.recordChannelEvents(events);
    },
  });
  const server = createServer((req, res) => void handler(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/twilio`;
}

const inbound = (sid: string, body: string) => ({
  AccountSid: ACCOUNT_SID,
  MessageSid: sid,
  SmsSid: sid,
  SmsStatus: 'received',
  From: PHONE,
  To: '+14155550123',
  Body: body,
  NumMedia: '0',
});
const optOuts = async () => (await storage.getCustomer('acme'))!.contacts[0]!.optOuts;
const consent = async () =>
  (await storage.listActivities({ customerId: 'acme', types: ['contact'] })).map((a) => (a.type === 'contact' ? a.event : a.type));

beforeEach(async () => {
  now = T0;
  recorded.length = 0;
  twilio = await startFakeTwilio();
  channel = createTwilioChannel({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+14155550123', baseUrl: twilio.url });
  storage = createMemoryStorage();
  collector = createCollector({
    storage,
    channels: [channel, createRecordingChannel()],
    clock: { now: () => now },
    policy: compilePolicy({
      segments: [],
      ladders: [
        {
          id: 'l',
          name: 'L',
          steps: [{ id: 's', name: 'S', offsetDays: 7, action: { type: 'message', channels: ['sms'], template: 'notice.overdue' } }],
        },
      ],
    }),
  });
  await storage.commit({
    customers: [
      {
        id: 'acme',
        name: 'Acme',
        timeZone: 'UTC',
        tags: [],
        locale: 'en-US',
        contacts: [{ id: 'ap', role: 'billing', phone: PHONE, optOuts: [], suppressed: [] }],
      },
    ],
  });
});

afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
  await twilio.close();
});

describe('a replayed Twilio callback', () => {
  it('is not processed again when posted with a new webhook-id or other unsigned headers', async () => {
    const url = await startHooks();
    expect((await twilio.callback(url, inbound('SM100', 'STOP'), AUTH_TOKEN, { 'webhook-id': 'msg_first' })).status).toBe(200);
    now += 60_000;
    const replays: Record<string, string>[] = [
      { 'webhook-id': 'msg_second' },
      { 'webhook-id': 'msg_third', 'x-forwarded-for': '203.0.113.9', 'user-agent': 'curl/8' },
      {},
    ];
    for (const headers of replays) {
      const again = await twilio.callback(url, inbound('SM100', 'STOP'), AUTH_TOKEN, headers);
      expect(again.status).toBe(200);
    }
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toEqual([
      { type: 'opt-out', channel: 'sms', at: T0, address: PHONE, deliveryId: `twilio:${ACCOUNT_SID}:SM100:received` },
    ]);
  });

  it('never opts a contact back in: an old START replayed after a STOP, even after a restart', async () => {
    const url = await startHooks();
    // START while not opted out changes nothing, but is remembered.
    expect((await twilio.callback(url, inbound('SM1', 'START'), AUTH_TOKEN, { 'webhook-id': 'a' })).status).toBe(200);
    now += 3_600_000;
    expect((await twilio.callback(url, inbound('SM2', 'STOP'), AUTH_TOKEN, { 'webhook-id': 'b' })).status).toBe(200);
    expect(await optOuts()).toEqual(['sms']);

    now += 3_600_000;
    expect((await twilio.callback(url, inbound('SM1', 'START'), AUTH_TOKEN, { 'webhook-id': 'c' })).status).toBe(200);
    expect(await optOuts()).toEqual(['sms']);

    // A new process (or the dedupe window long past): the replay reaches record(), which knows the delivery.
    now += 7 * 86_400_000;
    const restarted = await startHooks();
    expect((await twilio.callback(restarted, inbound('SM1', 'START'), AUTH_TOKEN, { 'webhook-id': 'd' })).status).toBe(200);
    expect(await optOuts()).toEqual(['sms']);
    expect(await consent()).toEqual(['opted-in', 'opted-out']);

    // A genuinely new START (a new MessageSid) still opts back in.
    expect((await twilio.callback(restarted, inbound('SM3', 'START'))).status).toBe(200);
    expect(await optOuts()).toEqual([]);
  });

  it('never opts a contact out again: an old STOP replayed after a START', async () => {
    const url = await startHooks();
    await twilio.callback(url, inbound('SM10', 'STOP'));
    now += 60_000;
    await twilio.callback(url, inbound('SM11', 'START'));
    expect(await optOuts()).toEqual([]);
    now += 30 * 86_400_000;
    await twilio.callback(await startHooks(), inbound('SM10', 'STOP'), AUTH_TOKEN, { 'webhook-id': 'new' });
    expect(await optOuts()).toEqual([]);
  });
});
