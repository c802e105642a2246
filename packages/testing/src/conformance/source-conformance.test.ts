import { describe, expect, it } from 'vitest';
import { CustomerSchema, InvoiceSchema, PaymentSchema } from '@dueflow/core';
import type { SourceRecord } from '@dueflow/runtime/ports';
import { sourceRecordProblems } from './source-conformance.js';

const customer = CustomerSchema.parse({ id: 'c1', name: 'Acme' });
const invoice = InvoiceSchema.parse({
  id: 'i1',
  number: 'N-1',
  customerId: 'c1',
  issueDate: '2025-01-05',
  dueDate: '2025-02-04',
  total: { amount: 1000, currency: 'USD' },
});
const payment = PaymentSchema.parse({
  id: 'p1',
  customerId: 'c1',
  amount: { amount: 1000, currency: 'USD' },
  status: 'succeeded',
  at: '2025-02-10T12:00:00Z',
  allocations: [{ invoiceId: 'i1', amount: 1000 }],
});

describe('sourceRecordProblems', () => {
  it("accepts records in dependency order, in the core schemas' form, with issues in between", () => {
    const records: SourceRecord[] = [
      { kind: 'customer', data: customer },
      { kind: 'issue', issue: { line: 3, field: 'Due Date', message: 'is required' } },
      { kind: 'invoice', data: invoice },
      { kind: 'payment', data: payment },
    ];
    expect(sourceRecordProblems(records)).toEqual([]);
  });

  it('names each broken rule', () => {
    const { tags: _tags, ...withoutDefaults } = customer;
    const records = [
      { kind: 'invoice', data: invoice },
      { kind: 'customer', data: withoutDefaults },
      { kind: 'invoice', data: { ...invoice, dueDate: '2025-01-01' } },
      { kind: 'payment', data: { ...payment, allocations: [{ invoiceId: 'i9', amount: 10 }] } },
      { kind: 'issue', issue: { message: '' } },
    ] as SourceRecord[];
    expect(sourceRecordProblems(records)).toEqual([
      'invoice i1 refers to customer c1, not yielded before it',
      'customer c1 is not in the form the core schema gives it (defaults missing or extra fields)',
      'invoice i1 fails the core schema: dueDate: must not be before issueDate 2025-01-05',
      'invoice i1 yielded twice',
      'payment p1 refers to invoice i9, not yielded before it',
      'an issue without a message',
    ]);
  });
});
