import { parseSnapshot, type Snapshot, type SnapshotInput } from '../src/index.js';

/** A customer and invoice that tests tweak: 4,200.00 USD due 2025-03-03, one billing contact in Chicago. */
export function snapshotOf(
  overrides: {
    invoice?: Partial<SnapshotInput['invoice']>;
    customer?: Partial<SnapshotInput['customer']>;
    rest?: Partial<Omit<SnapshotInput, 'invoice' | 'customer'>>;
  } = {},
): Snapshot {
  return parseSnapshot({
    invoice: {
      id: 'inv-1',
      number: 'INV-1',
      customerId: 'c1',
      issueDate: '2025-02-01',
      dueDate: '2025-03-03',
      total: { amount: 420_000, currency: 'USD' },
      ...overrides.invoice,
    },
    customer: {
      id: 'c1',
      name: 'Acme Corp',
      timeZone: 'America/Chicago',
      contacts: [{ id: 'ap', email: 'ap@acme.example', phone: '+14155550100' }],
      ...overrides.customer,
    },
    ...overrides.rest,
  });
}

/** An instant from an ISO string. */
export const at = (iso: string): Date => new Date(iso);
