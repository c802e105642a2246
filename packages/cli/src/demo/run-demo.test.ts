import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../open-storage.js';
import { runDemo, type DemoSummary } from './run-demo.js';

async function demoIn(seed: number): Promise<DemoSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'dueflow-demo-'));
  const opened = await openStorage({ cwd: dir });
  try {
    return await runDemo({
      storage: opened.storage,
      outboxDir: join(dir, 'outbox'),
      now: Date.parse('2026-05-06T12:00:00Z'),
      seed,
      customers: 10,
      invoices: 60,
      days: 20,
    });
  } finally {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('runDemo', () => {
  it('gives the same summary for the same seed and now, through the real collector and PGlite', async () => {
    const [a, b] = [await demoIn(77), await demoIn(77)];
    const strip = ({ durationMs: _d, ...rest }: DemoSummary) => rest;
    expect(strip(a)).toEqual(strip(b));
    expect(a.period).toEqual({ start: '2026-04-16', end: '2026-05-05', days: 20 });
    expect(a.portfolio.customers).toBe(10);
    // The control run never collects more than the run with reminders: nudges only bring payments forward.
    expect(a.effect.collectedWith).toBeGreaterThanOrEqual(a.effect.collectedWithout);
  }, 120_000);
});
