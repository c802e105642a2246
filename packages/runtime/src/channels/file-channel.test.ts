import { mkdtemp, readdir, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ValidationError } from '@dueflow/core';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../ports/clock.js';
import { createFileChannel, fileNameForKey } from './file-channel.js';
import { fixtureMessage } from './test-message.js';

let directory: string;
const clock = manualClock(Date.parse('2025-03-10T14:05:09Z'));

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'dueflow-file-channel-'));
});
afterEach(async () => {
  await chmod(directory, 0o700).catch(() => undefined);
  await rm(directory, { recursive: true, force: true });
});

describe('file names', () => {
  it('are filesystem-safe, readable and distinct for distinct keys', () => {
    expect(fileNameForKey('inv-1042:overdue-notice:1', 'eml')).toMatch(/^inv-1042_overdue-notice_1-[0-9a-f]{16}\.eml$/);
    expect(fileNameForKey('../../etc/passwd', 'json')).toMatch(/^etc_passwd-[0-9a-f]{16}\.json$/);
    expect(fileNameForKey('a:b', 'eml')).not.toBe(fileNameForKey('a_b', 'eml'));
    expect(fileNameForKey('Key', 'eml').toLowerCase()).not.toBe(fileNameForKey('key', 'eml').toLowerCase());
    expect(fileNameForKey('x'.repeat(300), 'eml').length).toBeLessThan(120);
  });
});

describe('createFileChannel (eml)', () => {
  it('writes one RFC 5322 message per key, which a mail parser reads back', async () => {
    const channel = createFileChannel({ directory, format: 'eml', from: 'Initech AR <ar@initech.example>', clock });
    const message = fixtureMessage({
      cc: [{ name: 'Dana Reyes', email: 'dana@initech.example' }],
      headers: { 'Reply-To': 'ar@initech.example', 'X-Dueflow-Template': 'notice.overdue/firm/en' },
    });
    const result = await channel.send(message);
    expect(result).toEqual({ status: 'sent', providerMessageId: expect.stringMatching(/^<[0-9a-f]{32}@initech\.example>$/) });
    const files = await readdir(directory);
    expect(files).toEqual([fileNameForKey(message.key, 'eml')]);
    const parsed = await simpleParser(await readFile(join(directory, files[0]!)));
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text).toBe(message.text);
    expect(parsed.html).toBe(message.html);
    expect(parsed.messageId).toBe(result.status === 'sent' ? result.providerMessageId : '');
    expect(parsed.date?.toISOString()).toBe('2025-03-10T14:05:09.000Z');
    expect(parsed.headers.get('x-dueflow-key')).toBe(message.key);
    expect(parsed.headers.get('x-dueflow-template')).toBe('notice.overdue/firm/en');
    expect(JSON.stringify(parsed.to)).toContain('ann@globex.example');
    expect(JSON.stringify(parsed.cc)).toContain('dana@initech.example');
    expect(JSON.stringify(parsed.replyTo)).toContain('ar@initech.example');
  });

  it('does not write a second file for the same key, even when sends race', async () => {
    const channel = createFileChannel({ directory, clock });
    const message = fixtureMessage();
    const first = await channel.send(message);
    const raced = await Promise.all([channel.send({ ...message, text: 'changed' }), channel.send({ ...message, text: 'changed again' })]);
    expect(raced).toEqual([first, first]);
    const files = await readdir(directory);
    expect(files).toHaveLength(1);
    expect(await readFile(join(directory, files[0]!), 'utf8')).not.toContain('changed');
    const fresh = createFileChannel({ directory, clock });
    expect(await fresh.lookup?.(message.key)).toEqual(first);
    expect(await fresh.lookup?.('another-key')).toBeUndefined();
  });

  it('lets concurrent first sends of one key write exactly one file', async () => {
    const channel = createFileChannel({ directory, clock });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => channel.send(fixtureMessage({ text: `attempt ${i}` }))));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect((await readdir(directory)).filter((f) => !f.startsWith('.'))).toHaveLength(1);
    expect(await readdir(directory)).toHaveLength(1);
  });

  it('encodes non-ASCII subjects and names', async () => {
    const channel = createFileChannel({ directory, from: 'Société Générale de Test <ar@sgt.example>', clock });
    await channel.send(
      fixtureMessage({
        subject: 'Facture échue — 4 200,00 €',
        to: { customerId: 'cus-1', contactId: 'c-1', name: 'Zoë Dupont', email: 'zoe@globex.example' },
      }),
    );
    const raw = await readFile(join(directory, (await readdir(directory))[0]!), 'utf8');
    expect(raw).toMatch(/^[\x00-\x7f]*$/);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Facture échue — 4 200,00 €');
    expect(parsed.from?.value[0]?.name).toBe('Société Générale de Test');
    expect(JSON.stringify(parsed.to)).toContain('Zoë Dupont');
  });

  it('writes SMS and letters with the address in an X-Dueflow-To header', async () => {
    const channel = createFileChannel({ directory, clock });
    await channel.send(fixtureMessage({ channel: 'sms', key: 'k-sms', subject: undefined, html: undefined, text: 'Pay now' }));
    const parsed = await simpleParser(await readFile(join(directory, fileNameForKey('k-sms', 'eml'))));
    expect(parsed.headers.get('x-dueflow-to')).toBe('+14155550100');
    expect(parsed.text).toBe('Pay now');
  });

  it('ignores extra headers that would override its own', async () => {
    const channel = createFileChannel({ directory, clock });
    await channel.send(
      fixtureMessage({
        headers: { Bcc: 'all@example.com', 'Content-Type': 'text/evil', 'Bad Name': 'x', 'X-Ok': 'fine\r\nBcc: injected@example.com' },
      }),
    );
    const raw = await readFile(join(directory, (await readdir(directory))[0]!), 'utf8');
    expect(raw).not.toMatch(/^Bcc:/m);
    expect(raw).not.toContain('text/evil');
    expect(raw).toContain('X-Ok: fine Bcc: injected@example.com');
  });
});

describe('createFileChannel (json)', () => {
  it('writes the message as data with a schema version', async () => {
    const channel = createFileChannel({ directory, format: 'json', clock });
    const message = fixtureMessage({ attachments: [{ filename: 'a.txt', contentType: 'text/plain', content: 'hi' }] });
    const result = await channel.send(message);
    const document = JSON.parse(await readFile(join(directory, fileNameForKey(message.key, 'json')), 'utf8')) as Record<string, unknown>;
    expect(document).toMatchObject({
      schemaVersion: 1,
      key: message.key,
      messageId: result.status === 'sent' ? result.providerMessageId : '',
      channel: 'email',
      writtenAt: '2025-03-10T14:05:09.000Z',
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments: [{ filename: 'a.txt', contentType: 'text/plain', encoding: 'base64', content: 'aGk=' }],
      decision: { idempotencyKey: message.decision.idempotencyKey },
    });
  });
});

describe('failures', () => {
  it('fails permanently for a kind it does not deliver or a missing address', async () => {
    const channel = createFileChannel({ directory, kinds: ['email'], clock });
    expect(await channel.send(fixtureMessage({ channel: 'sms' }))).toMatchObject({
      status: 'failed',
      permanent: true,
      error: expect.stringContaining('does not deliver sms'),
    });
    expect(await channel.send(fixtureMessage({ to: { customerId: 'cus-1', contactId: 'c-9' } }))).toMatchObject({
      status: 'failed',
      permanent: true,
      error: 'recipient c-9 has no email address',
    });
    expect(await readdir(directory)).toEqual([]);
  });

  it('reports an unwritable directory as a transient failure', async () => {
    const blocked = join(directory, 'file');
    await writeFile(blocked, 'not a directory');
    const channel = createFileChannel({ directory: join(blocked, 'outbox'), clock });
    expect(await channel.send(fixtureMessage())).toMatchObject({
      status: 'failed',
      permanent: false,
      error: expect.stringContaining('could not write'),
    });
  });

  it('validates its options', () => {
    expect(() => createFileChannel({ directory: '' })).toThrow(ValidationError);
    expect(() => createFileChannel({ directory, format: 'pdf' as 'eml' })).toThrow(ValidationError);
    expect(() => createFileChannel({ directory, from: 'not an address' })).toThrow(ConfigError);
  });
});
