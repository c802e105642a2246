import { describe, expect, it } from 'vitest';
import { parseDeliveryReport } from './delivery-report.js';

function dsn(recipients: string[], reportType = 'delivery-status', original = 'Message-ID: <ABC123@Mail.Acme.Example>'): string {
  return [
    'From: MAILER-DAEMON@mx.globex.example',
    'To: ar@acme.example',
    'Subject: Delivery Status Notification',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=${reportType}; boundary="b"`,
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'Report.',
    '--b',
    `Content-Type: ${reportType === 'feedback-report' ? 'message/feedback-report' : 'message/delivery-status'}`,
    '',
    ...(reportType === 'feedback-report' ? [] : ['Reporting-MTA: dns; mx.globex.example', '']),
    ...recipients,
    '',
    '--b',
    'Content-Type: text/rfc822-headers',
    '',
    original,
    'Subject: Invoice INV-1042',
    '',
    '--b--',
    '',
  ].join('\r\n');
}

const resolveKey = (id: string) => (id === '<ABC123@mail.acme.example>' ? 'inv_1:overdue-14:1:1' : undefined);

describe('parseDeliveryReport', () => {
  it('tells hard from soft bounces by the status class, per recipient', async () => {
    const raw = dsn([
      'Final-Recipient: rfc822; jane.doe@globex.example',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
      '',
      'Final-Recipient: rfc822; ap@globex.example',
      'Action: failed',
      'Status: 4.2.2',
      'Diagnostic-Code: smtp; 452 4.2.2 mailbox full',
    ]);
    expect(await parseDeliveryReport(raw, { receivedAt: 5, resolveKey })).toEqual([
      {
        type: 'bounced',
        bounce: 'hard',
        channel: 'email',
        at: 5,
        key: 'inv_1:overdue-14:1:1',
        providerMessageId: '<ABC123@mail.acme.example>',
        address: 'jane.doe@globex.example',
        detail: '5.1.1 smtp; 550 5.1.1 user unknown',
      },
      {
        type: 'bounced',
        bounce: 'soft',
        channel: 'email',
        at: 5,
        key: 'inv_1:overdue-14:1:1',
        providerMessageId: '<ABC123@mail.acme.example>',
        address: 'ap@globex.example',
        detail: '4.2.2 smtp; 452 4.2.2 mailbox full',
      },
    ]);
  });

  it('reads delayed as a soft bounce and delivered as a delivery; unfolds long fields', async () => {
    const raw = dsn([
      'Final-Recipient: rfc822;',
      ' jane.doe@globex.example',
      'Action: delayed',
      'Status: 4.4.7',
      '',
      'Final-Recipient: rfc822; ap@globex.example',
      'Action: delivered',
      'Status: 2.0.0',
    ]);
    const events = await parseDeliveryReport(raw, { receivedAt: 5 });
    expect(events.map((e) => [e.type, 'bounce' in e ? e.bounce : undefined, 'address' in e ? e.address : undefined])).toEqual([
      ['bounced', 'soft', 'jane.doe@globex.example'],
      ['delivered', undefined, 'ap@globex.example'],
    ]);
    expect(events[0]).not.toHaveProperty('key');
  });

  it('reads an abuse report as a complaint', async () => {
    const raw = dsn(
      ['Feedback-Type: abuse', 'User-Agent: SomeISP/1.0', 'Version: 1', 'Original-Rcpt-To: jane.doe@globex.example'],
      'feedback-report',
    );
    expect(await parseDeliveryReport(raw, { receivedAt: 5, resolveKey })).toEqual([
      {
        type: 'complained',
        channel: 'email',
        at: 5,
        key: 'inv_1:overdue-14:1:1',
        providerMessageId: '<ABC123@mail.acme.example>',
        address: 'jane.doe@globex.example',
        detail: 'feedback-type abuse',
      },
    ]);
  });

  it('ignores ordinary email', async () => {
    const raw = 'From: jane.doe@globex.example\r\nTo: ar@acme.example\r\nSubject: Re: Invoice\r\n\r\nWe will pay Friday.\r\n';
    expect(await parseDeliveryReport(raw, { receivedAt: 5 })).toEqual([]);
  });
});
