import { describe, expect, it } from 'vitest';
import { detectMapping } from './detect-mapping.js';
import { detectDrift, headerSimilarity } from './drift.js';
import { parseMapping } from './mapping.js';
import { ibmAccountsReceivable } from './presets.js';

const IBM_HEADER = [
  'countryCode',
  'customerID',
  'PaperlessDate',
  'invoiceNumber',
  'InvoiceDate',
  'DueDate',
  'InvoiceAmount',
  'Disputed',
  'SettledDate',
  'PaperlessBill',
  'DaysToSettle',
  'DaysLate',
];

describe('detectMapping', () => {
  it('recognises the IBM sample by its header', () => {
    const detection = detectMapping(IBM_HEADER);
    expect(detection.preset).toBe('ibmAccountsReceivable');
    expect(detection.mapping).toEqual(ibmAccountsReceivable);
  });

  it('matches common headers through synonyms', () => {
    const detection = detectMapping(['Invoice #', 'Customer', 'Date', 'Due Date', 'Total', 'Email', 'Notes', 'Extra']);
    expect(detection.matched).toEqual({
      invoiceNumber: 'Invoice #',
      customerId: 'Customer',
      issueDate: 'Date',
      dueDate: 'Due Date',
      amount: 'Total',
      contactEmail: 'Email',
      note: 'Notes',
    });
    expect(detection.unmapped).toEqual(['Extra']);
    expect(parseMapping(detection.mapping).dateFormat).toBeUndefined();
  });

  it('names the required fields it cannot find', () => {
    const detection = detectMapping(['Invoice No', 'Amount']);
    expect(detection.mapping).toBeUndefined();
    expect(detection.missingRequired).toEqual(['customerId', 'issueDate', 'dueDate']);
  });
});

describe('detectDrift', () => {
  const mapping = parseMapping(ibmAccountsReceivable);

  it('reports nothing when the header is the same', () => {
    const drift = detectDrift(IBM_HEADER, mapping, IBM_HEADER);
    expect(drift).toMatchObject({ changed: false, missing: [], added: [], requiredMissing: [], unmapped: [] });
  });

  it('pairs a renamed column by similar name and blames the mapping', () => {
    const current = IBM_HEADER.map((h) => (h === 'InvoiceAmount' ? 'Invoice Amt' : h));
    const drift = detectDrift(current, mapping, IBM_HEADER);
    expect(drift.missing).toEqual([
      { column: 'InvoiceAmount', position: 6, renamedTo: 'Invoice Amt', evidence: 'similar-name', field: 'amount' },
    ]);
    expect(drift.added).toEqual([{ column: 'Invoice Amt', position: 6, mapped: false }]);
    expect(drift.requiredMissing).toEqual([{ field: 'amount', column: 'InvoiceAmount', suggestion: 'Invoice Amt' }]);
  });

  it('pairs a renamed column by position when the names differ', () => {
    const current = IBM_HEADER.map((h) => (h === 'DueDate' ? 'PayBy' : h));
    const drift = detectDrift(current, mapping, IBM_HEADER);
    expect(drift.missing[0]).toMatchObject({ column: 'DueDate', renamedTo: 'PayBy', evidence: 'same-position', field: 'dueDate' });
  });

  it('lists new unmapped columns and optional columns gone', () => {
    const current = [...IBM_HEADER.filter((h) => h !== 'Disputed'), 'Region'];
    const drift = detectDrift(current, mapping, IBM_HEADER);
    expect(drift.added).toEqual([{ column: 'Region', position: 11, mapped: false }]);
    expect(drift.optionalMissing).toEqual([{ field: 'disputed', column: 'Disputed' }]);
    expect(drift.requiredMissing).toEqual([]);
    expect(drift.unmapped).toEqual(['Region']);
  });

  it('scores similarity of folded names', () => {
    expect(headerSimilarity('Due-Date', 'due date')).toBe(1);
    expect(headerSimilarity('InvoiceAmount', 'Invoice Amt')).toBeGreaterThan(0.6);
    expect(headerSimilarity('InvoiceAmount', 'Region')).toBeLessThan(0.3);
  });
});
