import { compilePolicy, parseSnapshot } from '@dueflow/core';
import { createCollector, createConsoleChannel, createMemoryStorage } from '@dueflow/runtime';
import { createTemplateRenderer } from '@dueflow/templates';

// The quickstart's customer and invoice, validated and with their defaults filled in.
const { customer, invoice } = parseSnapshot({
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

const storage = createMemoryStorage({ tenantId: 'acme' });
await storage.commit({ customers: [customer] });
await storage.commit({ invoices: [invoice] });

const collector = createCollector({
  storage,
  channels: [createConsoleChannel()], // prints each message; @dueflow/channel-email sends it
  renderer: createTemplateRenderer({ company: { name: 'Acme Billing', replyTo: 'ar@acme.example' } }),
  policy: compilePolicy({ calendar: { timeZone: 'America/New_York' } }),
});
collector.on('action.sent', ({ key, channel }) => console.log(`sent ${key} by ${channel}`));

const summary = await collector.tick({ now: new Date('2025-03-10T16:00:00Z') });
console.log(`decided ${summary.decided}, sent ${summary.sent}`);
await collector.close();
