import { CustomerSchema, InvoiceSchema, type ActDecision, type Snapshot } from '@dueflow/core';
import { describe, expect, it } from 'vitest';
import { recipientFor } from './addressing.js';
import { plainRenderer } from './plain-renderer.js';

const snapshot: Snapshot = {
  invoice: InvoiceSchema.parse({
    id: 'i1',
    number: 'N-7',
    customerId: 'c1',
    issueDate: '2025-03-01',
    dueDate: '2025-03-31',
    total: { amount: 123_450, currency: 'EUR' },
  }),
  customer: CustomerSchema.parse({
    id: 'c1',
    name: 'Acme',
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
    contacts: [
      { id: 'k1', name: 'Jana', email: 'ap@acme.example', timeZone: 'Europe/Paris' },
      { id: 'k2', phone: '+4915112345678', postalAddress: ['Hauptstr. 1'] },
    ],
  }),
  payments: [],
  credits: [],
  activities: [],
  recentContacts: [],
};
const decision = (action: ActDecision['action']): ActDecision => ({
  kind: 'act',
  invoiceId: 'i1',
  ladderId: 'default',
  segment: 'standard',
  step: { id: 'overdue-notice', name: 'Overdue notice', index: 2, occurrence: 1, attempt: 1 },
  action,
  window: { start: '2025-04-07T07:00:00.000Z', end: '2025-04-07T15:00:00.000Z' },
  requiresApproval: false,
  idempotencyKey: 'i1:overdue-notice:1',
  outstanding: { amount: 123_450, currency: 'EUR' },
  reasons: [],
});

describe('recipientFor', () => {
  it('addresses the contact on the decision’s channel with its zone and locale', () => {
    expect(recipientFor(snapshot, decision({ type: 'message', channel: 'email', contactId: 'k1' }))).toEqual({
      customerId: 'c1',
      contactId: 'k1',
      name: 'Jana',
      email: 'ap@acme.example',
      locale: 'de-DE',
      timeZone: 'Europe/Paris',
    });
    expect(recipientFor(snapshot, decision({ type: 'message', channel: 'sms', contactId: 'k2' }))).toMatchObject({
      phone: '+4915112345678',
      timeZone: 'Europe/Berlin',
    });
    expect(recipientFor(snapshot, decision({ type: 'demand-letter', channel: 'letter', contactId: 'k2' }))).toMatchObject({
      postalAddress: ['Hauptstr. 1'],
    });
  });

  it('returns undefined for a missing contact or address, and the customer for internal actions', () => {
    expect(recipientFor(snapshot, decision({ type: 'message', channel: 'sms', contactId: 'k1' }))).toBeUndefined();
    expect(recipientFor(snapshot, decision({ type: 'message', channel: 'email', contactId: 'gone' }))).toBeUndefined();
    expect(recipientFor(snapshot, decision({ type: 'call-task' }))).toMatchObject({ customerId: 'c1', contactId: 'internal' });
  });
});

describe('plainRenderer', () => {
  it('writes the step, the invoice and the amount in the contact’s locale', async () => {
    const message = await plainRenderer.render({
      decision: decision({ type: 'message', channel: 'email', contactId: 'k1' }),
      snapshot,
      tenantId: 't',
      now: 0,
    });
    expect(message.subject).toBe('Overdue notice: invoice N-7');
    expect(message.text).toContain('Hello Jana,');
    expect(message.text).toContain('1.234,50');
    expect(message.text).toContain('2025-03-31');
  });
});
