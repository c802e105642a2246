import type { NoteActivity } from '../model/activity.js';
import type { Customer } from '../model/customer.js';
import type { CreditNote, Invoice, Payment } from '../model/invoice.js';
import { describe, expect, it } from 'vitest';
import { diffValues, isStaleRecord, reconcile, type ReconcileOptions } from './reconcile.js';

const options: ReconcileOptions = { sourceName: 'erp', now: '2025-06-01T09:00:00.000Z' };
const customer = (over: Partial<Customer> = {}): Customer => ({
  id: 'C1',
  name: 'C1',
  tags: [],
  contacts: [{ id: 'C1-billing', role: 'billing', email: 'ap@acme.example', optOuts: [], suppressed: [] }],
  timeZone: 'UTC',
  locale: 'en-US',
  ...over,
});
const invoice = (id: string, over: Partial<Invoice> = {}): Invoice => ({
  id,
  number: id,
  customerId: 'C1',
  issueDate: '2025-05-01',
  dueDate: '2025-05-31',
  total: { amount: 1000, currency: 'USD' },
  status: 'open',
  ...over,
});
const payment = (invoiceId: string): Payment => ({
  id: `${invoiceId}:settled`,
  customerId: 'C1',
  amount: { amount: 1000, currency: 'USD' },
  status: 'succeeded',
  method: 'other',
  at: '2025-05-20T12:00:00Z',
  allocations: [{ invoiceId, amount: 1000 }],
});
const note: NoteActivity = {
  id: 'A:note:1',
  type: 'note',
  at: '2025-05-01T12:00:00Z',
  customerId: 'C1',
  invoiceId: 'A',
  actor: { type: 'system' },
  source: 'import',
  text: 'hi',
};
const tagged = (i: Invoice): Invoice => ({ ...i, metadata: { ...i.metadata, importSource: 'erp' } });

describe('reconcile', () => {
  it('writes everything new, then nothing when run again on the result', () => {
    const file = { customers: [customer()], invoices: [invoice('A'), invoice('B')], payments: [payment('A')], notes: [note] };
    const first = reconcile(file, { customers: [], invoices: [], payments: [] }, options);
    expect(first.invoices.new.map((i) => i.id)).toEqual(['A', 'B']);
    expect(first.invoices.new[0]?.metadata).toEqual({ importSource: 'erp' });
    expect(first.writes.customers).toHaveLength(1);
    expect(first.writes.payments).toHaveLength(1);
    expect(first.writes.activities).toEqual([note]);
    const second = reconcile(
      file,
      {
        customers: [...first.writes.customers],
        invoices: [...first.writes.invoices],
        payments: [...first.writes.payments],
        activityIds: new Set([note.id]),
      },
      options,
    );
    expect(second.writes).toEqual({ customers: [], invoices: [], payments: [], credits: [], activities: [] });
    expect(second.invoices.unchanged).toBe(2);
    expect(second.notes.unchanged).toBe(1);
  });

  it('diffs changed invoices field by field and keeps what the file does not own', () => {
    const stored = tagged(invoice('A', { ladderId: 'vip', pause: { reason: 'call', since: '2025-05-02T00:00:00Z' } }));
    const result = reconcile(
      { customers: [], invoices: [invoice('A', { total: { amount: 1500, currency: 'USD' } })], payments: [], notes: [] },
      { customers: [], invoices: [stored], payments: [] },
      options,
    );
    expect(result.invoices.changed).toHaveLength(1);
    expect(result.invoices.changed[0]?.changes).toEqual([{ path: 'total.amount', before: 1000, after: 1500 }]);
    expect(result.writes.invoices[0]).toMatchObject({ ladderId: 'vip', pause: { reason: 'call' }, total: { amount: 1500 } });
  });

  it('applies the configured action to invoices no longer in the file, only to this source', () => {
    const stored = {
      customers: [],
      invoices: [tagged(invoice('GONE')), invoice('OTHER-SOURCE'), tagged(invoice('PAID', { status: 'paid' }))],
      payments: [],
    };
    const empty = { customers: [], invoices: [], payments: [], notes: [] };
    const flagged = reconcile(empty, stored, options);
    expect(flagged.invoices.missing.map((m) => [m.invoice.id, m.action])).toEqual([['GONE', 'flag-for-review']]);
    expect(flagged.writes.invoices).toEqual([]);
    expect(flagged.writes.activities).toEqual([
      expect.objectContaining({ type: 'note', invoiceId: 'GONE', id: 'erp:missing:GONE:2025-06-01' }),
    ]);
    const paid = reconcile(empty, stored, { ...options, onMissing: 'mark-paid' });
    expect(paid.writes.invoices).toEqual([expect.objectContaining({ id: 'GONE', status: 'paid' })]);
    expect(paid.writes.activities).toEqual([expect.objectContaining({ type: 'status', change: 'marked-paid', invoiceId: 'GONE' })]);
    const ignored = reconcile(empty, stored, { ...options, onMissing: 'ignore' });
    expect(ignored.writes).toEqual({ customers: [], invoices: [], payments: [], credits: [], activities: [] });
    expect(ignored.invoices.missing).toHaveLength(1);
    // An incremental pull says nothing about what it did not yield.
    const partial = reconcile(empty, stored, { ...options, onMissing: 'mark-paid', partial: true });
    expect(partial.invoices.missing).toEqual([]);
    expect(partial.writes.invoices).toEqual([]);
  });

  it('diffs credit notes by id, and skips those of a voided invoice that stays void', () => {
    const credit = (id: string, invoiceId: string, amount: number): CreditNote => ({
      id,
      invoiceId,
      amount: { amount, currency: 'USD' },
      at: '2025-05-10T12:00:00Z',
    });
    const stored = {
      customers: [],
      invoices: [tagged(invoice('A')), tagged(invoice('V', { status: 'void' }))],
      payments: [],
      credits: [credit('cn-1', 'A', 100)],
    };
    const file = {
      customers: [],
      invoices: [invoice('A'), invoice('V')],
      payments: [],
      notes: [],
      credits: [credit('cn-1', 'A', 150), credit('cn-2', 'A', 50), credit('cn-3', 'V', 10)],
    };
    const result = reconcile(file, stored, options);
    expect(result.credits.new.map((c) => c.id)).toEqual(['cn-2']);
    expect(result.credits.changed.map((c) => [c.id, c.changes])).toEqual([['cn-1', [{ path: 'amount.amount', before: 100, after: 150 }]]]);
    expect(result.writes.credits.map((c) => c.id)).toEqual(['cn-2', 'cn-1']);
    const again = reconcile(file, { ...stored, credits: [...result.writes.credits] }, options);
    expect(again.writes.credits).toEqual([]);
    expect(again.credits.unchanged).toBe(2);
  });

  it('reports a voided invoice that reappears and reopens it only when configured', () => {
    const stored = { customers: [], invoices: [tagged(invoice('V', { status: 'void' }))], payments: [] };
    const file = { customers: [], invoices: [invoice('V')], payments: [payment('V')], notes: [] };
    const kept = reconcile(file, stored, options);
    expect(kept.invoices.voidedReappeared).toEqual([{ id: 'V', reopened: false }]);
    expect(kept.writes).toEqual({ customers: [], invoices: [], payments: [], credits: [], activities: [] });
    const reopened = reconcile(file, stored, { ...options, reopenVoided: true });
    expect(reopened.invoices.voidedReappeared).toEqual([{ id: 'V', reopened: true }]);
    expect(reopened.writes.invoices).toEqual([expect.objectContaining({ id: 'V', status: 'open' })]);
    expect(reopened.writes.payments).toHaveLength(1);
    expect(reopened.writes.activities).toEqual([expect.objectContaining({ type: 'status', change: 'reopened' })]);
  });

  it('with ordered records, leaves out an invoice record older than the stored state and the payment it came with', () => {
    const at = (status: Invoice['status'], time: string, over: Partial<Invoice> = {}): Invoice =>
      invoice('S', { status, ...over, metadata: { importSource: 'erp', sourceUpdatedAt: time } });
    const stored = { customers: [], invoices: [at('paid', '2025-05-20T12:00:00.000Z')], payments: [] };
    const late = {
      customers: [],
      invoices: [at('open', '2025-05-01T12:00:00.000Z', { total: { amount: 900, currency: 'USD' } })],
      payments: [payment('S')],
      notes: [],
    };
    const ordered = reconcile(late, stored, { ...options, partial: true, ordered: true });
    expect(ordered.invoices.stale).toEqual([
      { id: 'S', status: 'open', at: '2025-05-01T12:00:00.000Z', storedStatus: 'paid', storedAt: '2025-05-20T12:00:00.000Z' },
    ]);
    expect(ordered.writes).toEqual({ customers: [], invoices: [], payments: [], credits: [], activities: [] });
    // Unordered (a pull, a file), the record is the truth.
    expect(reconcile(late, stored, { ...options, partial: true }).writes.invoices).toEqual([
      expect.objectContaining({ id: 'S', status: 'open' }),
    ]);
    // A newer record moves the invoice wherever it says (a payment deleted at the source reopens it).
    const newer = { ...late, invoices: [at('open', '2025-05-21T12:00:00.000Z')] };
    expect(reconcile(newer, stored, { ...options, partial: true, ordered: true }).writes.invoices).toEqual([
      expect.objectContaining({ id: 'S', status: 'open' }),
    ]);
  });

  it('isStaleRecord: earlier, or as old and moving back in the lifecycle; never without both times', () => {
    const at = (status: Invoice['status'], time?: string): Invoice =>
      invoice('S', { status, ...(time === undefined ? {} : { metadata: { sourceUpdatedAt: time } }) });
    const t1 = '2025-05-01T12:00:00.000Z';
    const t2 = '2025-05-02T12:00:00.000Z';
    expect(isStaleRecord(at('paid', t1), at('open', t2))).toBe(true);
    expect(isStaleRecord(at('open', t1), at('paid', t1))).toBe(true);
    expect(isStaleRecord(at('written-off', t1), at('open', t1))).toBe(false);
    expect(isStaleRecord(at('paid', t1), at('written-off', t1))).toBe(false);
    expect(isStaleRecord(at('open', t2), at('paid', t1))).toBe(false);
    expect(isStaleRecord(at('open'), at('paid', t1))).toBe(false);
    expect(isStaleRecord(at('open', t1), at('paid'))).toBe(false);
  });

  it('reports contact details edited in the app, lets the file win and keeps opt-outs', () => {
    const stored = customer({
      contacts: [
        { id: 'C1-billing', role: 'billing', email: 'edited@acme.example', optOuts: ['sms'], suppressed: [] },
        { id: 'extra', role: 'other', optOuts: [], suppressed: [] },
      ],
    });
    const result = reconcile(
      { customers: [customer()], invoices: [], payments: [], notes: [] },
      { customers: [stored], invoices: [], payments: [] },
      options,
    );
    expect(result.customers.contactConflicts).toEqual([
      { customerId: 'C1', contactId: 'C1-billing', field: 'email', stored: 'edited@acme.example', file: 'ap@acme.example' },
    ]);
    expect(result.writes.customers[0]?.contacts).toEqual([
      { id: 'C1-billing', role: 'billing', email: 'ap@acme.example', optOuts: ['sms'], suppressed: [] },
      { id: 'extra', role: 'other', optOuts: [], suppressed: [] },
    ]);
    expect(result.writes.activities).toEqual([expect.objectContaining({ type: 'contact', event: 'updated', contactId: 'C1-billing' })]);
  });

  it('never clears a dispute a person opened in the app', () => {
    const dispute = { reason: 'wrong quantity', openedAt: '2025-05-03T10:00:00Z', by: 'jane' };
    const stored = { customers: [], invoices: [tagged(invoice('A', { dispute }))], payments: [] };
    const result = reconcile({ customers: [], invoices: [invoice('A')], payments: [], notes: [] }, stored, {
      ...options,
      owns: { dispute: true },
    });
    expect(result.writes.invoices).toEqual([]);
  });
});

describe('diffValues', () => {
  it('treats absent and undefined alike and walks arrays', () => {
    expect(diffValues({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
    expect(diffValues({ l: [1, 2] }, { l: [1, 3] })).toEqual([{ path: 'l[1]', before: 2, after: 3 }]);
    expect(diffValues({ l: [1] }, { l: [1, 2] })).toEqual([{ path: 'l', before: [1], after: [1, 2] }]);
  });
});
