import { describe, expect, it } from 'vitest';
import { createHealthCheck } from './health.js';
import { parseMapping } from './mapping.js';
import { compileMapping } from './row-mapper.js';

const header = ['Invoice', 'Customer', 'Issued', 'Due', 'Total'];
const compiled = compileMapping(
  {
    ...parseMapping({
      columns: { invoiceNumber: 'Invoice', customerId: 'Customer', issueDate: 'Issued', dueDate: 'Due', amount: 'Total' },
    }),
    dateFormat: 'YYYY-MM-DD',
  },
  header,
);
const fields = [
  { field: 'invoiceNumber', column: 'Invoice' },
  { field: 'customerId', column: 'Customer' },
  { field: 'issueDate', column: 'Issued' },
  { field: 'dueDate', column: 'Due' },
  { field: 'amount', column: 'Total' },
] as const;
const good = (i: number): string[] => [`INV-${i}`, `C${i % 3}`, '2025-01-01', '2025-01-31', '10.00'];

function check(rows: string[][], thresholds = {}) {
  const health = createHealthCheck({ fields, thresholds, maxExamples: 3 });
  const kept = rows.map((r, i) => health.add(compiled.mapRow(r, i + 2)));
  return { kept, report: health.report() };
}

describe('createHealthCheck', () => {
  it('passes a clean file and totals it exactly', () => {
    const { report, kept } = check(Array.from({ length: 10 }, (_, i) => good(i)));
    expect(kept.every(Boolean)).toBe(true);
    expect(report).toMatchObject({ rows: 10, validRows: 10, passed: true, reasons: [] });
    expect(report.totals).toEqual({ invoices: 10, customers: 3, payments: 0, notes: 0, invoiced: { USD: 10000 }, paid: {} });
  });

  it('accepts missing required fields up to 10% and refuses above, saying why', () => {
    const rows = Array.from({ length: 10 }, (_, i) => good(i));
    rows[3] = ['INV-3', 'C0', '2025-01-01', '', '10.00'];
    expect(check(rows).report.passed).toBe(true);
    rows[5] = ['INV-5', 'C0', '2025-01-01', '', '10.00'];
    const { report } = check(rows);
    expect(report.passed).toBe(false);
    expect(report.reasons[0]).toBe('20.0% of rows (2 of 10) miss a required field, above the 10.0% threshold (Due 2)');
    expect(report.columns.find((c) => c.field === 'dueDate')).toMatchObject({ missing: 2, missingShare: 0.2, invalid: 0 });
    expect(report.examples).toEqual([
      { line: 5, kind: 'missing', field: 'dueDate', column: 'Due', message: 'is required' },
      { line: 7, kind: 'missing', field: 'dueDate', column: 'Due', message: 'is required' },
    ]);
  });

  it('refuses duplicate invoice numbers by default and lists their lines', () => {
    const { report, kept } = check([good(1), good(2), good(1)]);
    expect(kept).toEqual([true, true, false]);
    expect(report.passed).toBe(false);
    expect(report.duplicates).toEqual([{ invoiceId: 'INV-1', lines: [2, 4] }]);
    expect(check([good(1), good(2), good(1)], { maxDuplicateShare: 0.5 }).report.passed).toBe(true);
  });

  it('keeps a bounded number of examples', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [`INV-${i}`, 'C', 'bad', '2025-01-31', 'x']);
    const { report } = check(rows);
    expect(report.examples).toHaveLength(3);
    expect(report.rowsInvalid).toBe(50);
    expect(report.reasons).toContain('no row could be imported');
  });

  it('refuses an empty file', () => {
    expect(check([]).report.reasons).toEqual(['the file has no data rows']);
  });
});
