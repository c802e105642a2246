import { describe, expect, it } from 'vitest';
import { runChannelConformance, conformanceMessage } from './channel-conformance.js';
import { createRecordingChannel } from './recording-channel.js';

const to = (contactId: string) => ({
  customerId: 'c1',
  contactId,
  email: `${contactId}@example.com`,
  phone: '+14155550100',
  postalAddress: ['1 Main St'],
  webhook: 'https://127.0.0.1/hook',
});

runChannelConformance({
  name: 'recording',
  create: async () => {
    const channel = createRecordingChannel({ failPermanently: (m) => m.to.contactId === 'bad' });
    return {
      channel,
      recipient: () => to('ok'),
      failingRecipient: () => to('bad'),
      delivered: async (key) => channel.deliveries(key),
      cleanup: async () => {},
    };
  },
});

describe('createRecordingChannel', () => {
  it('counts attempts and duplicate calls per key', async () => {
    const channel = createRecordingChannel();
    const m = conformanceMessage('email', to('ok'));
    await channel.send(m);
    await channel.send(m);
    expect(channel.attempts(m.key)).toBe(2);
    expect(channel.deliveries(m.key)).toBe(1);
    expect(channel.duplicateCalls).toBe(1);
  });

  it('delivers twice without idempotency, so tests can observe duplicates', async () => {
    const channel = createRecordingChannel({ idempotent: 'none' });
    const m = conformanceMessage('sms', to('ok'));
    await channel.send(m);
    await channel.send(m);
    expect(channel.deliveries(m.key)).toBe(2);
  });

  it('fails transiently on chosen attempts and never answers after a hang', async () => {
    const channel = createRecordingChannel({
      failTransiently: (m, attempt) => m.to.contactId === 'ok' && attempt === 1,
      hangAfterDelivery: (m) => m.to.contactId === 'hang',
    });
    const m = conformanceMessage('email', to('ok'));
    expect(await channel.send(m)).toMatchObject({ status: 'failed', permanent: false });
    expect(await channel.send(m)).toMatchObject({ status: 'sent' });
    const hung = conformanceMessage('email', to('hang'));
    const outcome = await Promise.race([channel.send(hung).then(() => 'answered'), new Promise((r) => setTimeout(() => r('hung'), 20))]);
    expect(outcome).toBe('hung');
    expect(channel.deliveries(hung.key)).toBe(1);
    expect(await channel.lookup?.(hung.key)).toMatchObject({ status: 'sent' });
  });
});
