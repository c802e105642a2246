import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '@dueflow/core';
import { createMemoryDeliveryLog } from '@dueflow/runtime';
import { captureLogger, message } from '../test/fixtures.js';
import { startSmtp, type LocalSmtp } from '../test/smtp.js';
import { createEmailChannel, type EmailChannelOptions } from './email-channel.js';
import { messageIdFor } from './message-id.js';

let smtp: LocalSmtp;
beforeEach(async () => {
  smtp = await startSmtp();
});
afterEach(async () => {
  await smtp.close();
});

function options(extra: Partial<EmailChannelOptions> = {}): EmailChannelOptions {
  return {
    transport: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, auth: { user: 'ar', pass: 'smtp-pa55word' } },
    from: { name: 'Acme Accounts', address: 'ar@acme.example' },
    replyTo: 'collections@acme.example',
    domain: 'mail.acme.example',
    ...extra,
  };
}

describe('createEmailChannel against a real SMTP server', () => {
  it('sends text, HTML, attachments, List-Unsubscribe and a Message-ID derived from the key', async () => {
    const channel = createEmailChannel(
      options({
        listUnsubscribe: { url: (m) => `https://acme.example/unsubscribe/${m.to.contactId}`, mailto: 'unsubscribe@acme.example' },
      }),
    );
    const result = await channel.send(
      message({
        cc: [{ name: 'Account Manager', email: 'am@acme.example' }],
        attachments: [{ filename: 'INV-1042.pdf', contentType: 'application/pdf', content: new Uint8Array([37, 80, 68, 70, 45]) }],
        headers: { 'X-Campaign': 'overdue-14' },
      }),
    );
    const expectedId = messageIdFor('inv_1:overdue-14:1:1', 'mail.acme.example');
    expect(expectedId).toMatch(/^<[0-9a-f]{64}@mail\.acme\.example>$/);
    expect(result).toEqual({ status: 'sent', providerMessageId: expectedId });
    expect(smtp.received).toHaveLength(1);

    const mail = await simpleParser(smtp.received[0]!);
    expect(mail.messageId).toBe(expectedId);
    expect(mail.from?.value).toEqual([{ name: 'Acme Accounts', address: 'ar@acme.example' }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([{ name: 'Jane Doe', address: 'jane.doe@globex.example' }]);
    expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.value : []).toEqual([{ name: 'Account Manager', address: 'am@acme.example' }]);
    expect(mail.replyTo?.value[0]?.address).toBe('collections@acme.example');
    expect(mail.subject).toBe('Invoice INV-1042 is 14 days overdue');
    expect(mail.text?.trim()).toBe('Invoice INV-1042 for $4,200.00 is 14 days overdue.');
    expect(mail.html).toContain('<b>INV-1042</b>');
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
      ['INV-1042.pdf', 'application/pdf', '%PDF-'],
    ]);
    const raw = smtp.received[0]!.toString().replace(/\r\n[ \t]+/g, ' '); // unfold header lines
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(raw).toMatch(/^List-Unsubscribe: <https:\/\/acme\.example\/unsubscribe\/ct_1>, <mailto:unsubscribe@acme\.example>\r$/m);
    expect(raw).toMatch(/^X-Campaign: overdue-14\r$/m);
    await channel.close?.();
  });

  it('does not send a key twice, and lookup reports the first send', async () => {
    const channel = createEmailChannel(options());
    expect(await channel.lookup!('inv_1:overdue-14:1:1')).toBeUndefined();
    const [a, b] = await Promise.all([channel.send(message()), channel.send(message())]);
    const c = await channel.send(message());
    expect(a).toEqual(b);
    expect(c).toEqual(a);
    expect(smtp.received).toHaveLength(1);
    expect(await channel.lookup!('inv_1:overdue-14:1:1')).toEqual(a);
    await channel.send(message({ key: 'inv_1:overdue-21:1:1' }));
    expect(smtp.received).toHaveLength(2);
    await channel.close?.();
  });

  it('shares what it sent through one delivery log: a second instance (another process) neither sends the key again nor misses it in lookup', async () => {
    const deliveryLog = createMemoryDeliveryLog();
    const first = createEmailChannel(options({ deliveryLog }));
    const second = createEmailChannel(options({ deliveryLog }));
    const sent = await first.send(message());
    expect(await second.send(message())).toEqual(sent);
    expect(smtp.received).toHaveLength(1);
    expect(await second.lookup!('inv_1:overdue-14:1:1')).toEqual(sent);
    expect(await deliveryLog.findKey(messageIdFor('inv_1:overdue-14:1:1', 'mail.acme.example'))).toBe('inv_1:overdue-14:1:1');
    await Promise.all([first.close?.(), second.close?.()]);
  });

  it('reports a mail the server accepted as sent when the delivery log cannot record it (its database went away)', async () => {
    const log = createMemoryDeliveryLog();
    const unreachable = {
      ...log,
      record: () => Promise.reject(new Error('postgres: terminating connection due to administrator command')),
    };
    const channel = createEmailChannel(options({ deliveryLog: unreachable }));
    expect(await channel.send(message())).toEqual({
      status: 'sent',
      providerMessageId: messageIdFor('inv_1:overdue-14:1:1', 'mail.acme.example'),
    });
    expect(smtp.received).toHaveLength(1);
    await channel.close?.();
  });

  it('returns a transient failure on a 4xx reply, and sends when retried after the server recovers', async () => {
    const channel = createEmailChannel(options());
    smtp.refuseWith = 451;
    const first = await channel.send(message());
    expect(first).toMatchObject({ status: 'failed', permanent: false });
    expect(first.status === 'failed' && first.error).toMatch(/^smtp 451: /);
    expect(smtp.received).toHaveLength(0);
    smtp.refuseWith = 250;
    expect(await channel.send(message())).toMatchObject({ status: 'sent' });
    expect(smtp.received).toHaveLength(1);
    await channel.close?.();
  });

  it('returns a permanent failure on a 5xx reply, without the full address in the error', async () => {
    const channel = createEmailChannel(options());
    smtp.refuseWith = 550;
    const result = await channel.send(message());
    expect(result).toMatchObject({ status: 'failed', permanent: true });
    expect(result.status === 'failed' && result.error).toMatch(/^smtp 550: .*j\*\*\*@globex\.example/);
    expect(JSON.stringify(result)).not.toContain('jane.doe@');
    expect(await channel.lookup!('inv_1:overdue-14:1:1')).toBeUndefined();
    await channel.close?.();
  });

  it('treats a refused connection as transient and a missing address as permanent', async () => {
    const channel = createEmailChannel(options());
    expect(await channel.send(message({ to: { customerId: 'cus_1', contactId: 'ct_1' } }))).toMatchObject({
      status: 'failed',
      permanent: true,
    });
    await smtp.close();
    const result = await channel.send(message());
    expect(result).toMatchObject({ status: 'failed', permanent: false });
    smtp = await startSmtp();
    await channel.close?.();
  });

  it('drops rendered headers that would inject lines', async () => {
    const channel = createEmailChannel(options());
    await channel.send(message({ headers: { 'X-Ok': 'yes', 'X-Bad': 'a\r\nBcc: thief@evil.example' } }));
    const raw = smtp.received[0]!.toString();
    expect(raw).toMatch(/^X-Ok: yes\r$/m);
    expect(raw).not.toContain('thief@evil.example');
    await channel.close?.();
  });

  it('accepts an injected nodemailer transport', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
      auth: { user: 'ar', pass: 'smtp-pa55word' },
    });
    const channel = createEmailChannel(options({ transport }));
    expect(await channel.send(message())).toMatchObject({ status: 'sent' });
    transport.close();
  });

  it('matches a bounce email back to the key through the Message-ID', async () => {
    const channel = createEmailChannel(options());
    await channel.send(message());
    const dsn = [
      'From: MAILER-DAEMON@mx.globex.example',
      'To: ar@acme.example',
      'Subject: Undelivered Mail Returned to Sender',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Delivery failed.',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.globex.example',
      '',
      'Final-Recipient: rfc822; jane.doe@globex.example',
      'Action: failed',
      'Status: 5.1.1',
      '',
      '--b',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${channel.messageIdFor('inv_1:overdue-14:1:1')}`,
      '',
      '--b--',
      '',
    ].join('\r\n');
    const events = await channel.parseDeliveryReport(dsn, 1000);
    expect(events).toEqual([
      expect.objectContaining({ type: 'bounced', bounce: 'hard', key: 'inv_1:overdue-14:1:1', address: 'jane.doe@globex.example' }),
    ]);
    await channel.close?.();
  });

  it('validates its options with typed errors', () => {
    expect(() => createEmailChannel(options({ domain: 'not a domain' }))).toThrow(ValidationError);
    expect(() => createEmailChannel(options({ from: 'nobody' }))).toThrow(/from/);
    expect(() => createEmailChannel(options({ listUnsubscribe: {} }))).toThrow(/listUnsubscribe/);
  });

  it('never logs the SMTP password or a full address', async () => {
    const logger = captureLogger();
    const channel = createEmailChannel(options({ logger }));
    await channel.send(message());
    smtp.refuseWith = 550;
    await channel.send(message({ key: 'k2' }));
    smtp.refuseWith = 451;
    await channel.send(message({ key: 'k3' }));
    await channel.send(message({ key: 'k4', headers: { 'X-Bad': 'a\nb' } }));
    const log = logger.lines.join('\n');
    expect(logger.lines.length).toBeGreaterThanOrEqual(4);
    expect(log).toContain('j***@globex.example');
    for (const secret of ['smtp-pa55word', 'jane.doe@globex.example', 'jane.doe', '+14155550100']) expect(log).not.toContain(secret);
    await channel.close?.();
  });
});
