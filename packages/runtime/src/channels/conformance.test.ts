import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelKind } from '@dueflow/core';
// A relative import: @dueflow/testing depends on @dueflow/runtime, so runtime cannot list it as a dependency.
import { runChannelConformance } from '../../../testing/src/conformance/index.js';
import type { Recipient } from '../ports/channel.js';
import { manualClock } from '../ports/clock.js';
import { createConsoleChannel } from './console-channel.js';
import { createFileChannel } from './file-channel.js';

const recipient = (): Recipient => ({
  customerId: 'c1',
  contactId: 'ok',
  name: 'Ann Smith',
  email: 'ann@globex.example',
  phone: '+14155550100',
  postalAddress: ['Globex Corporation', '1 Main St'],
  webhook: 'http://127.0.0.1:9/hook',
});
// No address on any channel: every kind fails permanently.
const failing = (_kind: ChannelKind): Recipient => ({ customerId: 'c1', contactId: 'no-address' });

for (const format of ['eml', 'json'] as const) {
  runChannelConformance({
    name: `file (${format})`,
    create: async () => {
      const directory = await mkdtemp(join(tmpdir(), `dueflow-conformance-${format}-`));
      const channel = createFileChannel({ directory, format, clock: manualClock(Date.parse('2025-04-07T10:00:00Z')) });
      return {
        channel,
        recipient,
        failingRecipient: failing,
        // Back door: count the files on disk that carry the key, not the channel's own lookup.
        delivered: async (key) => {
          let count = 0;
          for (const file of await readdir(directory)) {
            const content = await readFile(join(directory, file), 'utf8');
            const found =
              format === 'json' ? (JSON.parse(content) as { key: string }).key === key : content.includes(`\r\nX-Dueflow-Key: ${key}\r\n`);
            if (found) count++;
          }
          return count;
        },
        cleanup: () => rm(directory, { recursive: true, force: true }),
      };
    },
  });
}

runChannelConformance({
  name: 'console',
  create: async () => {
    const printed: string[] = [];
    const channel = createConsoleChannel({ write: (text) => printed.push(text) });
    return {
      channel,
      recipient,
      failingRecipient: failing,
      delivered: async (key) => printed.filter((text) => text.split('\n')[0]?.endsWith(` · ${key}`)).length,
      cleanup: async () => {},
    };
  },
});
