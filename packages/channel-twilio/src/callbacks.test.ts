import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '@dueflow/runtime';
import { twilioDeliveryId, twilioEvents } from './callbacks.js';

const at = 1_741_770_000_000;
const inbound = (Body: string) =>
  new URLSearchParams({
    MessageSid: 'SM1',
    SmsSid: 'SM1',
    SmsStatus: 'received',
    From: '+14155550100',
    To: '+14155550123',
    Body,
    NumMedia: '0',
  });

describe('twilioEvents', () => {
  it('turns every STOP synonym into an SMS-only opt-out, whatever the case and spacing', () => {
    for (const word of ['STOP', 'stop', ' Stop ', 'STOPALL', 'unsubscribe', 'CANCEL', 'end', 'QUIT']) {
      expect(twilioEvents(inbound(word), { at })).toEqual([
        { type: 'opt-out', channel: 'sms', at, address: '+14155550100', deliveryId: 'twilio::SM1:received' },
      ]);
    }
  });

  it('turns START synonyms into an opt-in and HELP into help', () => {
    for (const word of ['START', 'yes', 'Unstop'])
      expect(twilioEvents(inbound(word), { at })).toMatchObject([{ type: 'opt-in', channel: 'sms' }]);
    for (const word of ['HELP', 'info']) expect(twilioEvents(inbound(word), { at })).toMatchObject([{ type: 'help', channel: 'sms' }]);
  });

  it('treats other text, including sentences with a keyword, as a reply', () => {
    expect(twilioEvents(inbound('Please stop, we paid yesterday'), { at })).toEqual([
      {
        type: 'replied',
        channel: 'sms',
        at,
        address: '+14155550100',
        text: 'Please stop, we paid yesterday',
        deliveryId: 'twilio::SM1:received',
      },
    ]);
  });

  it('maps message statuses, telling hard from soft failures by error code', () => {
    const status = (MessageStatus: string, extra: Record<string, string> = {}) =>
      twilioEvents(new URLSearchParams({ MessageSid: 'SM1', MessageStatus, To: '+14155550100', ...extra }), { at, key: 'k1' });
    expect(status('delivered')).toEqual([
      {
        type: 'delivered',
        channel: 'sms',
        at,
        key: 'k1',
        providerMessageId: 'SM1',
        address: '+14155550100',
        deliveryId: 'twilio::SM1:delivered',
      },
    ]);
    expect(status('undelivered', { ErrorCode: '30006' })).toMatchObject([
      { type: 'bounced', bounce: 'hard', detail: 'twilio undelivered 30006' },
    ]);
    expect(status('undelivered', { ErrorCode: '30003' })).toMatchObject([{ type: 'bounced', bounce: 'soft' }]);
    expect(status('failed', { ErrorCode: '21610' })).toMatchObject([{ type: 'bounced', bounce: 'hard' }]);
    expect(status('queued')).toEqual([]);
    expect(status('sent')).toEqual([]);
  });

  it('maps call statuses', () => {
    const call = (CallStatus: string, extra: Record<string, string> = {}) =>
      twilioEvents(new URLSearchParams({ CallSid: 'CA1', CallStatus, To: '+14155550100', ...extra }), { at, key: 'k2' });
    expect(call('completed', { CallDuration: '42' })).toEqual([
      {
        type: 'call-completed',
        at,
        key: 'k2',
        providerMessageId: 'CA1',
        address: '+14155550100',
        outcome: 'reached',
        durationSeconds: 42,
        deliveryId: 'twilio::CA1:completed',
      },
    ]);
    expect(call('completed', { AnsweredBy: 'machine_end_beep' })).toMatchObject([{ outcome: 'voicemail' }]);
    expect(call('busy')).toMatchObject([{ type: 'call-completed', outcome: 'no-answer' }]);
    expect(call('no-answer')).toMatchObject([{ type: 'call-completed', outcome: 'no-answer' }]);
    expect(call('failed', { ErrorCode: '13224' })).toMatchObject([
      { type: 'failed', channel: 'voice', detail: 'twilio call failed 13224' },
    ]);
    expect(call('ringing')).toEqual([]);
  });

  it('identifies a delivery by what Twilio signs: account, SID and status', () => {
    const params = (extra: Record<string, string>) => new URLSearchParams({ AccountSid: 'AC1', To: '+14155550100', ...extra });
    const ids = [
      twilioDeliveryId(params({ MessageSid: 'SM1', MessageStatus: 'sent' })),
      twilioDeliveryId(params({ MessageSid: 'SM1', MessageStatus: 'delivered' })),
      twilioDeliveryId(params({ MessageSid: 'SM2', MessageStatus: 'delivered' })),
      twilioDeliveryId(params({ MessageSid: 'SM3', SmsSid: 'SM3', SmsStatus: 'received', From: '+14155550100', Body: 'STOP' })),
      twilioDeliveryId(params({ CallSid: 'CA1', CallStatus: 'ringing' })),
      twilioDeliveryId(params({ CallSid: 'CA1', CallStatus: 'completed' })),
    ];
    expect(ids).toEqual([
      'twilio:AC1:SM1:sent',
      'twilio:AC1:SM1:delivered',
      'twilio:AC1:SM2:delivered',
      'twilio:AC1:SM3:received',
      'twilio:AC1:CA1:ringing',
      'twilio:AC1:CA1:completed',
    ]);
    expect(twilioDeliveryId(new URLSearchParams({ Foo: 'bar' }))).toBeUndefined();
  });

  it('refuses anything else as malformed', () => {
    expect(() => twilioEvents(new URLSearchParams({ Foo: 'bar' }), { at })).toThrow(WebhookVerificationError);
  });
});
