import type { ActionOutcome, Activity } from '../model/activity.js';
import { describe, expect, it } from 'vitest';
import { effectiveActivities } from './effective-activities.js';

const action = (id: string, key: string, outcome: ActionOutcome, at = '2025-04-07T10:00:00Z'): Activity => ({
  id,
  type: 'action',
  at,
  customerId: 'c1',
  invoiceId: 'i1',
  actor: { type: 'system' },
  idempotencyKey: key,
  stepId: 's',
  occurrence: 1,
  action: 'message',
  outcome,
});
const note: Activity = {
  id: 'n',
  type: 'note',
  at: '2025-04-07T09:00:00Z',
  customerId: 'c1',
  actor: { type: 'user' },
  source: 'agent',
  text: 'x',
};

describe('effectiveActivities', () => {
  it('keeps the latest outcome of each key and every other activity', () => {
    const ids = effectiveActivities([note, action('q', 'k1', 'queued'), action('f', 'k1', 'failed'), action('q2', 'k2', 'queued')]).map(
      (a) => a.id,
    );
    expect(ids).toEqual(['n', 'f', 'q2']);
  });

  it('prefers a final outcome to an intermediate one whatever the order, then the later instant', () => {
    expect(effectiveActivities([action('s', 'k', 'sent'), action('q', 'k', 'queued')]).map((a) => a.id)).toEqual(['s']);
    expect(
      effectiveActivities([action('w', 'k', 'awaiting-approval'), action('a', 'k', 'approved'), action('s', 'k', 'sent')]).map((a) => a.id),
    ).toEqual(['s']);
    expect(effectiveActivities([action('b', 'k', 'failed', '2025-04-07T11:00:00Z'), action('s', 'k', 'sent')]).map((a) => a.id)).toEqual([
      'b',
    ]);
  });

  it('returns a copy when there is nothing to collapse', () => {
    const input = [note];
    const out = effectiveActivities(input);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
  });
});
