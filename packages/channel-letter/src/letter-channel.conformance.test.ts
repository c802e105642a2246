import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChannelConformance } from '@dueflow/testing/conformance';
import { createLetterChannel, letterFileName } from './letter-channel.js';

runChannelConformance({
  name: 'letter (directory)',
  create: async () => {
    const directory = await mkdtemp(join(tmpdir(), 'dueflow-letters-'));
    const channel = createLetterChannel({
      output: { directory },
      sender: { name: 'Acme Ltd', addressLines: ['1 Main Street', 'Springfield'] },
    });
    return {
      channel,
      recipient: () => ({ customerId: 'c1', contactId: 'k1', name: 'Globex AP', postalAddress: ['742 Evergreen Terrace', 'Springfield'] }),
      failingRecipient: () => ({ customerId: 'c1', contactId: 'k2', name: 'No Address' }),
      delivered: async (key) => (await readdir(directory)).filter((f) => f === letterFileName(key)).length,
      cleanup: () => rm(directory, { recursive: true, force: true }),
    };
  },
});
