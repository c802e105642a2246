import { ConfigError } from '@dueflow/core';
import { describe, expect, it } from 'vitest';
import { parseMapping } from './mapping.js';
import { compileMapping } from './row-mapper.js';

const header = [
  'Invoice',
  'Customer',
  'Name',
  'Issued',
  'Due',
  'Total',
  'Currency',
  'Status',
  'Paid on',
  'Paid',
  'Disputed',
  'Email',
  'Phone',
  'Note',
  'Region',
];
const mapping = {
  ...parseMapping({
    columns: {
      invoiceNumber: 'Invoice',
      customerId: 'Customer',
      customerName: 'Name',
      issueDate: 'Issued',
      dueDate: 'Due',
      amount: 'Total',
      currency: 'Currency',
      status: 'Status',
      settledDate: 'Paid on',
      paidAmount: 'Paid',
      disputed: 'Disputed',
      contactEmail: 'Email',
      contactPhone: 'Phone',
      note: 'Note',
    },
    numberLocale: 'de-DE',
    currency: 'EUR',
    metadataColumns: ['Region'],
    phoneCountryCode: '49',
  }),
  dateFormat: 'D.M.YYYY' as const,
};
const compiled = compileMapping(mapping, header);
const row = (overrides: Partial<Record<string, string>> = {}): string[] => {
  const base: Record<string, string> = {
    Invoice: 'INV-1',
    Customer: 'C1',
    Name: 'Acme GmbH',
    Issued: '1.3.2025',
    Due: '31.3.2025',
    Total: '€1.234,50',
    Currency: '',
    Status: '',
    'Paid on': '',
    Paid: '',
    Disputed: 'no',
    Email: 'ap@acme.example',
    Phone: '030 1234567',
    Note: '',
    Region: 'DE',
  };
  return header.map((h) => overrides[h] ?? base[h] ?? '');
};

describe('compileMapping', () => {
  it('maps a row to an invoice and its customer with contact', () => {
    const mapped = compiled.mapRow(row({ Disputed: '' }), 7);
    expect(mapped.problems).toEqual([]);
    expect(mapped.invoice).toEqual({
      id: 'INV-1',
      number: 'INV-1',
      customerId: 'C1',
      issueDate: '2025-03-01',
      dueDate: '2025-03-31',
      total: { amount: 123450, currency: 'EUR' },
      status: 'open',
      metadata: { Region: 'DE', disputed: false },
    });
    expect(mapped.customer).toMatchObject({
      id: 'C1',
      name: 'Acme GmbH',
      contacts: [{ id: 'C1-billing', role: 'billing', email: 'ap@acme.example', phone: '+49301234567', optOuts: [], suppressed: [] }],
    });
    expect(mapped.payment).toBeUndefined();
  });

  it('turns a settled date into a succeeded payment at noon UTC, allocated to the invoice', () => {
    const mapped = compiled.mapRow(row({ 'Paid on': '15.4.2025', Disputed: 'no' }), 2);
    expect(mapped.invoice?.status).toBe('paid');
    expect(mapped.payment).toEqual({
      id: 'INV-1:settled',
      customerId: 'C1',
      amount: { amount: 123450, currency: 'EUR' },
      status: 'succeeded',
      method: 'other',
      at: '2025-04-15T12:00:00Z',
      allocations: [{ invoiceId: 'INV-1', amount: 123450 }],
    });
  });

  it('keeps a partly paid invoice open', () => {
    const mapped = compiled.mapRow(row({ 'Paid on': '15.4.2025', Paid: '200,00', Disputed: 'no' }), 2);
    expect(mapped.invoice?.status).toBe('open');
    expect(mapped.payment?.amount.amount).toBe(20000);
  });

  it('opens a dispute on an open disputed invoice and attaches a note', () => {
    const mapped = compiled.mapRow(row({ Disputed: 'yes', Note: 'Customer says goods arrived damaged' }), 3);
    expect(mapped.invoice?.dispute).toEqual({
      reason: 'Marked disputed in the import file',
      openedAt: '2025-03-01T12:00:00Z',
      by: 'import',
    });
    expect(mapped.note).toMatchObject({
      type: 'note',
      invoiceId: 'INV-1',
      customerId: 'C1',
      source: 'import',
      text: 'Customer says goods arrived damaged',
      at: '2025-03-01T12:00:00Z',
    });
    expect(mapped.note?.id).toMatch(/^INV-1:note:[0-9a-f]{8}$/);
  });

  it('names each missing and invalid cell with its column and value', () => {
    const mapped = compiled.mapRow(
      row({ Invoice: '', Due: '31.2.2025', Total: '12,345', Status: 'maybe', Currency: 'XXX', Disputed: 'perhaps' }),
      9,
    );
    expect(mapped.invoice).toBeUndefined();
    expect(mapped.problems).toEqual([
      { field: 'invoiceNumber', column: 'Invoice', message: 'is required', kind: 'missing' },
      { field: 'dueDate', column: 'Due', value: '31.2.2025', message: 'no such day in the calendar (D.M.YYYY)', kind: 'invalid' },
      { field: 'currency', column: 'Currency', value: 'XXX', message: 'unknown ISO 4217 currency code', kind: 'invalid' },
      expect.objectContaining({ field: 'amount', column: 'Total', value: '12,345', kind: 'invalid' }),
      { field: 'status', column: 'Status', value: 'maybe', message: 'unknown invoice status', kind: 'invalid' },
      { field: 'disputed', column: 'Disputed', value: 'perhaps', message: 'expected yes or no', kind: 'invalid' },
    ]);
  });

  it('reports schema failures with the schema path', () => {
    const mapped = compiled.mapRow(row({ Due: '1.1.2025' }), 4);
    expect(mapped.problems).toEqual([expect.objectContaining({ field: 'invoice.dueDate', value: '2025-01-01', kind: 'invalid' })]);
  });

  it('refuses a header without a required column', () => {
    expect(() =>
      compileMapping(
        mapping,
        header.filter((h) => h !== 'Due'),
      ),
    ).toThrow(ConfigError);
  });
});
