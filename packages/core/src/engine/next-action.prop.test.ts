import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbInstant, arbScenario } from '@dueflow/testing/arbitraries';
import {
  assertDecisionInvariants,
  checkActInWindow,
  checkDeterminism,
  checkFreshIdempotencyKey,
  checkMonotonicEscalation,
  checkNeverActsWhenClosed,
  checkProgress,
  closedBecause,
  type InvariantResult,
} from '@dueflow/testing';
import { compilePolicy } from '../model/policy.js';
import { nextAction } from './next-action.js';
import { parseSnapshot } from './snapshot.js';

function holds(result: InvariantResult): true {
  if (!result.ok) throw new Error(result.message);
  return true;
}

describe('nextAction invariants over simulated histories', () => {
  // Escalation runs many decisions per case, so it gets its own, smaller budget below.
  const skip = ['monotonic-escalation'];

  it('holds every decision invariant (1-3, 5-7) for random policies and engine-made histories', () => {
    fc.assert(
      fc.property(arbScenario(), ({ policyInput, snapshot, now }) => {
        assertDecisionInvariants(parseSnapshot(snapshot), now, compilePolicy(policyInput), { skip });
      }),
      { numRuns: 70 },
    );
  });

  it('holds them under the default policy, where the default segments and write-off warnings apply', () => {
    fc.assert(
      fc.property(arbScenario({ policyInput: {} }), ({ policyInput, snapshot, now }) => {
        assertDecisionInvariants(parseSnapshot(snapshot), now, compilePolicy(policyInput), { skip });
      }),
      { numRuns: 40 },
    );
  });

  it('4 escalation is monotonic in a no-payment run', () => {
    fc.assert(
      fc.property(arbScenario(), ({ policyInput, snapshot, now }) =>
        holds(checkMonotonicEscalation(parseSnapshot(snapshot), now, compilePolicy(policyInput), { horizonDays: 300, maxDecisions: 40 })),
      ),
      { numRuns: 30 },
    );
  });
});

describe('tracing does not change the decision', () => {
  it('nextAction with { trace } acts as without it, and waits for the same reason (apart from the superseded reason)', () => {
    fc.assert(
      fc.property(arbScenario(), ({ policyInput, snapshot, now }) => {
        const policy = compilePolicy(policyInput);
        const s = parseSnapshot(snapshot);
        const plain = nextAction(s, now, policy);
        const traced = nextAction(s, now, policy, { trace: [] });
        expect(traced).toEqual(plain);
      }),
      { numRuns: 60 },
    );
  });
});

describe('nextAction invariants at daylight-saving transitions', () => {
  const arb = fc.tuple(
    arbScenario({ maxMoves: 3, dstBias: 1 }),
    arbInstant({ min: '2018-01-01T00:00:00Z', max: '2033-06-30T00:00:00Z', dstBias: 1 }),
  );
  it('decides deterministically, with progress and inside the window, on transition days', () => {
    fc.assert(
      fc.property(arb, ([{ policyInput, snapshot }, now]) => {
        const policy = compilePolicy(policyInput);
        const s = parseSnapshot(snapshot);
        return (
          holds(checkProgress(s, now, policy)) &&
          holds(checkActInWindow(s, now, policy)) &&
          holds(checkDeterminism(s, now, policy)) &&
          holds(checkNeverActsWhenClosed(s, now, policy))
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe('the invariant checks can fail', () => {
  const policy = compilePolicy({ segments: [] });
  const snapshot = parseSnapshot({
    invoice: {
      id: 'inv-1',
      number: 'INV-1',
      customerId: 'c1',
      issueDate: '2025-03-01',
      dueDate: '2025-03-31',
      total: { amount: 100000, currency: 'USD' },
    },
    customer: { id: 'c1', name: 'Acme', timeZone: 'America/New_York', contacts: [{ id: 'p1', email: 'ap@example.com' }] },
  });
  const now = Date.parse('2025-03-24T14:00:00Z'); // the pre-due reminder is due

  it('flags a key already in the history', () => {
    const decision = nextAction(snapshot, now, policy);
    expect(decision.kind).toBe('act');
    if (decision.kind !== 'act') return;
    // The action was recorded under a different step id: only the stored key reveals the repeat.
    const replayed = {
      ...snapshot,
      activities: [
        {
          id: 'a1',
          type: 'action' as const,
          at: '2025-03-17T13:00:00Z',
          customerId: 'c1',
          invoiceId: 'inv-1',
          actor: { type: 'system' as const },
          idempotencyKey: decision.idempotencyKey,
          stepId: 'legacy',
          occurrence: 1,
          action: 'message' as const,
          outcome: 'sent' as const,
        },
      ],
    };
    const result = checkFreshIdempotencyKey(replayed, now, policy);
    expect(result.ok).toBe(false);
  });

  it('accepts a disputed invoice only because the engine waits', () => {
    const disputed = { ...snapshot, invoice: { ...snapshot.invoice, dispute: { reason: 'damaged', openedAt: '2025-03-20T00:00:00Z' } } };
    expect(closedBecause(disputed, now, policy)).toBe('the invoice is disputed');
    expect(nextAction(disputed, now, policy).kind).toBe('wait');
    expect(checkNeverActsWhenClosed(disputed, now, policy)).toEqual({ ok: true });
  });

  it('runs a no-payment run through the whole default ladder', () => {
    const result = checkMonotonicEscalation(snapshot, Date.parse('2025-03-01T00:00:00Z'), policy);
    expect(result).toEqual({ ok: true });
  });
});
