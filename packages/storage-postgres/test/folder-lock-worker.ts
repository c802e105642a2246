/**
 * Child process of folder-lock.test.ts. `MODE`:
 * - `hold`: locks `DIR`, prints `locked`, and waits to be killed;
 * - `exit`: locks `DIR`, prints `locked`, and ends without releasing;
 * - `race`: prints `ready`, waits for the file `GO` to exist, tries to lock `DIR`, prints `won` or
 *   `refused <message>`, and keeps a won lock for `HOLD_MS`.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { lockPgliteFolder, StoreLockedError } from '../src/index.js';

const dir = process.env['DIR'] ?? '';
const mode = process.env['MODE'];

if (mode === 'hold' || mode === 'exit') {
  lockPgliteFolder(dir);
  process.stdout.write('locked\n');
  if (mode === 'hold') setInterval(() => undefined, 60_000);
} else if (mode === 'race') {
  const go = process.env['GO'] ?? '';
  process.stdout.write('ready\n');
  while (!existsSync(go)) await sleep(2);
  try {
    const lock = lockPgliteFolder(dir);
    process.stdout.write('won\n');
    await sleep(Number(process.env['HOLD_MS'] ?? '1500'));
    lock.release();
  } catch (error) {
    if (!(error instanceof StoreLockedError)) throw error;
    process.stdout.write(`refused ${error.message}\n`);
  }
}
