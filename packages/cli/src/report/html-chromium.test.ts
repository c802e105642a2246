import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from './html-report.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available)
  console.warn(
    `html-chromium.test.ts: ${CHROMIUM} not found, so the headless rendering check is skipped (apt-get install -y chromium to run it).`,
  );

describe('the HTML report in headless Chromium', () => {
  it.skipIf(!available)(
    'renders to a non-trivial screenshot, with both SVG charts and the DSO and CEI figures',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'dueflow-html-'));
      try {
        const file = join(dir, 'report.html');
        const png = join(dir, 'report.png');
        writeFileSync(
          file,
          renderHtmlReport({
            title: 'Receivables report',
            generatedAt: '2026-04-01T10:00:00Z',
            metrics: {
              asOf: '2026-03-31',
              currency: 'USD',
              dso: 43.8,
              cei: 80.5,
              averageDaysDelinquent: 9.3,
              collectionRate: 0.61,
              paidBeforeDue: 0.33,
              receivables: 102_248_200,
              overdue: 21_593_600,
            },
            comparison: {
              label: 'Without reminders (control)',
              metrics: {
                asOf: '2026-03-31',
                currency: 'USD',
                dso: 52.1,
                cei: 69.2,
                averageDaysDelinquent: 16.2,
                collectionRate: 0.52,
                paidBeforeDue: 0.17,
                receivables: 126_616_300,
                overdue: 39_360_300,
              },
            },
            aging: {
              asOf: '2026-03-31',
              currency: 'USD',
              total: 102_248_200,
              buckets: [
                { bucket: 'current', amount: 80_654_600, invoices: 128 },
                { bucket: '1-30', amount: 16_940_900, invoices: 31 },
                { bucket: '31-60', amount: 2_233_400, invoices: 4 },
                { bucket: '61-90', amount: 807_500, invoices: 4 },
                { bucket: '90+', amount: 1_611_800, invoices: 7 },
              ],
            },
            dso: [
              {
                label: 'With Dueflow',
                points: Array.from({ length: 14 }, (_, i) => ({
                  date: `2026-01-${String(i * 2 + 1).padStart(2, '0')}`,
                  dso: 47 - i * 0.3,
                })),
              },
              {
                label: 'Without reminders',
                points: Array.from({ length: 14 }, (_, i) => ({
                  date: `2026-01-${String(i * 2 + 1).padStart(2, '0')}`,
                  dso: 47 + i * 0.4,
                })),
              },
            ],
          }),
        );
        execFileSync(
          CHROMIUM,
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            `--user-data-dir=${join(dir, 'profile')}`,
            `--screenshot=${png}`,
            '--window-size=1200,900',
            `file://${file}`,
          ],
          { stdio: 'ignore', timeout: 50_000 },
        );
        expect(existsSync(png)).toBe(true);
        const bytes = readFileSync(png);
        expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
        // A blank 1200x900 page compresses to a few kilobytes; charts and text make it much larger.
        expect(statSync(png).size).toBeGreaterThan(20_000);
        if (process.env.DUEFLOW_KEEP_SCREENSHOT !== undefined) writeFileSync(process.env.DUEFLOW_KEEP_SCREENSHOT, bytes);

        const html = readFileSync(file, 'utf8');
        expect(html.match(/<svg [^>]*id="aging-chart"/)).not.toBeNull();
        expect(html.match(/<svg [^>]*id="dso-chart"/)).not.toBeNull();
        expect(html.match(/<rect class="bar"/g)).toHaveLength(5);
        expect(html.match(/<polyline class="dso-line"/g)).toHaveLength(2);
        expect(html).toMatch(/id="dso-value"><div class="v">43\.8</);
        expect(html).toMatch(/id="cei-value"><div class="v">80\.5%</);
        expect(html).toContain('<tr data-metric="dso"><th scope="row">DSO (days)</th><td>43.8</td><td>52.1</td></tr>');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
