import { describe, expect, it } from 'vitest';
import { createConsoleChannel } from './console-channel.js';
import { fixtureMessage } from './test-message.js';

describe('createConsoleChannel', () => {
  it('prints a readable summary with addresses redacted', async () => {
    const lines: string[] = [];
    const channel = createConsoleChannel({ write: (text) => lines.push(text) });
    const result = await channel.send(fixtureMessage({ cc: [{ email: 'dana@initech.example' }] }));
    expect(result).toEqual({ status: 'sent', providerMessageId: 'console:inv-1042:overdue-notice:1' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      [
        '── email · inv-1042:overdue-notice:1',
        'To:       Ann Smith <a***@globex.example>',
        'Cc:       d***@initech.example',
        'Subject:  Overdue: invoice INV-1042 is 7 days past due',
        'Step:     overdue-notice (overdue-notice; notice.overdue, firm) · invoice inv-1042',
        '',
        '  Dear Ann Smith,',
        '',
        '  Invoice INV-1042 for $4,000.00 is 7 days past due.',
        '',
        '  Kind regards,',
        '  Initech',
      ].join('\n'),
    );
    expect(lines[0]).not.toContain('ann@globex.example');
  });

  it('redacts phone numbers and can leave the body out', async () => {
    const lines: string[] = [];
    const channel = createConsoleChannel({ write: (text) => lines.push(text), body: false });
    await channel.send(fixtureMessage({ channel: 'sms', subject: undefined }));
    expect(lines[0]).toContain('To:       Ann Smith <+1415*****00>');
    expect(lines[0]).not.toContain('+14155550100');
    expect(lines[0]).not.toContain('Dear Ann');
  });

  it('refuses kinds it was not given, and declares it keeps no sent-log', async () => {
    const channel = createConsoleChannel({ kinds: ['email'], write: () => undefined });
    expect(channel.capabilities?.idempotent).toBe('none');
    expect(await channel.send(fixtureMessage({ channel: 'voice' }))).toMatchObject({ status: 'failed', permanent: true });
  });
});
