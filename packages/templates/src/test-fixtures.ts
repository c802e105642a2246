/**
 * Fixtures of the template tests (not exported from the package).
 *
 * @module
 */
import { parseSnapshot, type ActDecision, type ChannelKind, type SnapshotInput, type Snapshot, type Tone } from '@dueflow/core';

/**
 * A validated snapshot of one USD invoice of 4,200.00 due 2025-03-03 (200.00 paid), with
 * `customer` merged into the customer and `extra` into the snapshot.
 *
 * @example
 * ```ts
 * fixtureSnapshot({ locale: 'fr-FR' });
 * ```
 */
export function fixtureSnapshot(customer: Partial<SnapshotInput['customer']> = {}, extra: Partial<SnapshotInput> = {}): Snapshot {
  return parseSnapshot({
    invoice: {
      id: 'inv-1042',
      number: 'INV-1042',
      customerId: 'cus-1',
      issueDate: '2025-02-01',
      dueDate: '2025-03-03',
      total: { amount: 420_000, currency: 'USD' },
      terms: 'NET30',
    },
    customer: {
      id: 'cus-1',
      name: 'Globex Corporation',
      tier: 'smb',
      timeZone: 'America/New_York',
      locale: 'en-US',
      accountManager: { name: 'Dana Reyes', email: 'dana@vendor.example' },
      contacts: [{ id: 'c-1', name: 'Ann Smith', role: 'billing', email: 'ann@globex.example', phone: '+14155550100' }],
      ...customer,
    },
    payments: [
      {
        id: 'p-1',
        customerId: 'cus-1',
        amount: { amount: 20_000, currency: 'USD' },
        status: 'succeeded',
        at: '2025-03-01T12:00:00Z',
        allocations: [{ invoiceId: 'inv-1042', amount: 20_000 }],
      },
    ],
    ...extra,
  });
}

/**
 * An act decision for a template id, tone and channel (internal when `channel` is undefined).
 *
 * @example
 * ```ts
 * fixtureDecision({ template: 'notice.overdue', tone: 'firm', channel: 'email' });
 * ```
 */
export function fixtureDecision(input: {
  template: string;
  tone?: Tone;
  channel?: ChannelKind;
  stepId?: string;
  at?: string;
  key?: string;
}): ActDecision {
  const at = input.at ?? '2025-03-10T14:00:00.000Z';
  const stepId = input.stepId ?? input.template.replace(/\./g, '-');
  return {
    kind: 'act',
    invoiceId: 'inv-1042',
    ladderId: 'default',
    segment: 'standard',
    step: { id: stepId, name: stepId, index: 2, occurrence: 1, attempt: 1 },
    action: {
      type: input.channel === undefined ? 'call-task' : 'message',
      ...(input.channel !== undefined ? { channel: input.channel, contactId: 'c-1' } : {}),
      template: input.template,
      ...(input.tone !== undefined ? { tone: input.tone } : {}),
    },
    window: { start: at, end: '2025-03-10T22:00:00.000Z' },
    requiresApproval: false,
    idempotencyKey: input.key ?? `inv-1042:${stepId}:1`,
    outstanding: { amount: 400_000, currency: 'USD' },
    reasons: [],
  };
}
