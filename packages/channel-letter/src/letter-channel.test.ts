import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '@dueflow/core';
import { captureLogger, message } from '../test/fixtures.js';
import { createLetterChannel, letterFileName } from './letter-channel.js';
import type { PrintAndMailApi, PrintJob } from './print-api.js';

const sender = { name: 'Acme Ltd', addressLines: ['1 Main Street', 'Springfield, IL 62701'] };
let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'dueflow-letters-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** A print room that keeps what it receives, refusing addresses it cannot deliver to. */
function printRoom(): PrintAndMailApi & { jobs: PrintJob[] } {
  const jobs: PrintJob[] = [];
  return {
    jobs,
    async submit(job) {
      if (job.to.addressLines.some((l) => l.includes('Nowhere')))
        throw Object.assign(new Error('address undeliverable'), { permanent: true });
      if (job.to.addressLines.some((l) => l.includes('Busy'))) throw new Error('service unavailable');
      jobs.push(job);
      return { id: `ltr_${jobs.length}` };
    },
  };
}

describe('createLetterChannel', () => {
  it('writes <safe-key>.pdf once per key, even across channel instances and concurrent sends', async () => {
    const channel = createLetterChannel({ output: { directory }, sender, compress: false });
    const file = letterFileName('inv_1:overdue-14:1:1');
    expect(file).toMatch(/^inv_1_overdue-14_1_1-[0-9a-f]{16}\.pdf$/);
    expect(await channel.lookup!('inv_1:overdue-14:1:1')).toBeUndefined();
    expect(await channel.send(message())).toEqual({ status: 'sent', providerMessageId: file });
    const pdf = await readFile(join(directory, file));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // A marker shows whether anything rewrites the file.
    await writeFile(join(directory, file), 'written once');
    const again = createLetterChannel({ output: { directory }, sender });
    const results = await Promise.all([channel.send(message()), again.send(message()), again.send(message())]);
    expect(results.every((r) => r.status === 'sent')).toBe(true);
    expect(await readFile(join(directory, file), 'utf8')).toBe('written once');
    expect(await again.lookup!('inv_1:overdue-14:1:1')).toEqual({ status: 'sent', providerMessageId: file });
    expect(await readdir(directory)).toEqual([file]);
  });

  it('writes exactly one file when fresh channels race on a new key', async () => {
    const channels = [1, 2, 3, 4].map(() => createLetterChannel({ output: { directory }, sender }));
    await Promise.all(channels.map((c) => c.send(message({ key: 'race' }))));
    expect(await readdir(directory)).toEqual([letterFileName('race')]);
  });

  it('submits to a print-and-mail service once per key', async () => {
    const room = printRoom();
    const channel = createLetterChannel({ output: { printApi: room }, sender });
    const [a, b] = await Promise.all([channel.send(message()), channel.send(message())]);
    expect(a).toEqual({ status: 'sent', providerMessageId: 'ltr_1' });
    expect(b).toEqual(a);
    expect(room.jobs).toHaveLength(1);
    expect(room.jobs[0]).toMatchObject({
      key: 'inv_1:overdue-14:1:1',
      to: { name: 'Jane Doe', addressLines: ['Globex Ltd', '742 Evergreen Terrace', 'Springfield, OR 97403'] },
      from: sender,
    });
    expect(Buffer.from(room.jobs[0]!.pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await channel.lookup!('inv_1:overdue-14:1:1')).toEqual(a);
  });

  it('reports print refusals as permanent or transient, and lets a transient one be retried', async () => {
    const channel = createLetterChannel({ output: { printApi: printRoom() }, sender });
    const nowhere = message({ key: 'k1', to: { customerId: 'c', contactId: 'ct', postalAddress: ['Nowhere'] } });
    expect(await channel.send(nowhere)).toMatchObject({ status: 'failed', permanent: true });
    const busy = message({ key: 'k2', to: { customerId: 'c', contactId: 'ct', postalAddress: ['Busy Street'] } });
    expect(await channel.send(busy)).toMatchObject({ status: 'failed', permanent: false });
    expect(await channel.lookup!('k2')).toBeUndefined();
    expect(await channel.send(message({ key: 'k2' }))).toMatchObject({ status: 'sent' });
  });

  it('fails permanently without a postal address or for another channel', async () => {
    const channel = createLetterChannel({ output: { directory }, sender });
    expect(await channel.send(message({ to: { customerId: 'c', contactId: 'ct' } }))).toMatchObject({ status: 'failed', permanent: true });
    expect(await channel.send(message({ channel: 'email' }))).toMatchObject({ status: 'failed', permanent: true });
    expect(await readdir(directory)).toEqual([]);
  });

  it('validates its options and never logs the postal address', async () => {
    expect(() => createLetterChannel({ output: { directory }, sender: { name: '', addressLines: [] } })).toThrow(ValidationError);
    expect(() => createLetterChannel({ output: { printApi: {} as PrintAndMailApi }, sender })).toThrow(/output/);
    const logger = captureLogger();
    const channel = createLetterChannel({ output: { directory }, sender, logger });
    await channel.send(message());
    await createLetterChannel({ output: { directory }, sender, logger }).send(message());
    expect(logger.lines.length).toBe(2);
    const log = logger.lines.join('\n');
    for (const secret of ['742 Evergreen', 'Springfield, OR', 'Jane Doe']) expect(log).not.toContain(secret);
  });
});
