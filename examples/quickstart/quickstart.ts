import { compilePolicy, explain, nextAction, parseSnapshot } from '@dueflow/core';

const policy = compilePolicy({ calendar: { timeZone: 'America/New_York' } }); // the default ladder
const snapshot = parseSnapshot({
  invoice: {
    id: 'inv-1042',
    number: 'INV-1042',
    customerId: 'acme',
    issueDate: '2025-02-01',
    dueDate: '2025-03-03',
    total: { amount: 420_000, currency: 'USD' },
  },
  customer: {
    id: 'acme',
    name: 'Acme Corp',
    timeZone: 'America/Chicago',
    contacts: [{ id: 'ap', email: 'ap@acme.example', phone: '+14155550100' }],
  },
});

const decision = nextAction(snapshot, new Date('2025-03-10T16:00:00Z'), policy);
console.log(explain(decision));
// Act: Overdue notice (overdue-notice) by email, between 2025-03-10T14:00:00.000Z and ...
// - $4,200.00 is outstanding.
// - Step "Overdue notice" fell due on 2025-03-10; the invoice is 7 days past due.
