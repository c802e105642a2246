import { describe, expect, it } from 'vitest';
import { snapshotOf } from '../../test/fixtures.js';
import { createInstallmentPlan } from './installment-plan.js';

describe('createInstallmentPlan', () => {
  it('gives the same monthly due dates whatever the time zone of the process', () => {
    const { invoice } = snapshotOf();
    const dueDates = (): string[] =>
      createInstallmentPlan(
        { id: 'plan-1', invoices: [{ invoice, outstanding: 420_000 }], frequency: 'monthly', count: 4, firstDueDate: '2025-01-31' },
        { at: '2025-01-20T10:00:00Z', idPrefix: 'plan-1' },
      ).plan.installments.map((i) => i.dueDate);
    const saved = process.env.TZ;
    try {
      for (const zone of ['UTC', 'America/New_York', 'Asia/Tokyo']) {
        process.env.TZ = zone;
        expect(dueDates()).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
