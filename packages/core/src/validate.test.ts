import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER, type LadderInput } from './model/ladder.js';
import { ConfigError, type DueflowError, ValidationError } from './errors.js';
import { compilePolicy, type PolicyInput } from './model/policy.js';
import { parseSnapshot } from './engine/snapshot.js';

function validationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw new Error(`expected a ValidationError, got ${String(e)}`);
  }
  throw new Error('expected a ValidationError, nothing was thrown');
}

const ladderWith = (patch: (steps: Record<string, unknown>[]) => void): PolicyInput => {
  const steps = structuredClone(DEFAULT_LADDER.steps) as unknown as Record<string, unknown>[];
  patch(steps);
  return { ladders: [{ ...DEFAULT_LADDER, steps } as unknown as LadderInput] };
};

const invoice = {
  id: 'inv-1',
  number: 'INV-1',
  customerId: 'c1',
  issueDate: '2025-03-01',
  dueDate: '2025-03-31',
  total: { amount: 100000, currency: 'USD' },
};
const customer = { id: 'c1', name: 'Acme' };

describe('acceptance: bad input is rejected with the field and the value', () => {
  it.each<[string, () => unknown, string, string]>([
    [
      'a step offset that is not an integer',
      () => compilePolicy(ladderWith((s) => (s[2]!.offsetDays = 1.5))),
      'ladders[0].steps[2].offsetDays',
      '1.5',
    ],
    [
      'an unknown currency',
      () => parseSnapshot({ invoice: { ...invoice, total: { amount: 100, currency: 'XXX' } }, customer }),
      'invoice.total.currency',
      'XXX',
    ],
    [
      'a non-integer amount',
      () => parseSnapshot({ invoice: { ...invoice, total: { amount: 10.5, currency: 'USD' } }, customer }),
      'invoice.total.amount',
      '10.5',
    ],
    [
      'a time zone that does not exist (policy)',
      () => compilePolicy({ calendar: { timeZone: 'Mars/Olympus' } }),
      'calendar.timeZone',
      'Mars/Olympus',
    ],
    [
      'a time zone that does not exist (customer)',
      () => parseSnapshot({ invoice, customer: { ...customer, timeZone: 'Mars/Olympus' } }),
      'customer.timeZone',
      'Mars/Olympus',
    ],
    [
      'a due date before the issue date',
      () => parseSnapshot({ invoice: { ...invoice, dueDate: '2025-02-28' }, customer }),
      'invoice.dueDate',
      '2025-02-28',
    ],
    [
      'an impossible calendar date',
      () => parseSnapshot({ invoice: { ...invoice, issueDate: '2025-02-30' }, customer }),
      'invoice.issueDate',
      '2025-02-30',
    ],
    [
      'a send window that ends before it starts',
      () => compilePolicy({ calendar: { sendWindow: { start: '17:00', end: '09:00' } } }),
      'calendar.sendWindow.end',
      '09:00',
    ],
    [
      'a duplicate step id',
      () => compilePolicy(ladderWith((s) => (s[3]!.id = 'pre-due-reminder'))),
      'ladders[0].steps[3].id',
      'pre-due-reminder',
    ],
    [
      'a step offset beyond ten years',
      () => compilePolicy(ladderWith((s) => (s[0]!.offsetDays = 4000))),
      'ladders[0].steps[0].offsetDays',
      '4000',
    ],
    [
      'a payment in another currency',
      () =>
        parseSnapshot({
          invoice,
          customer,
          payments: [
            {
              id: 'p',
              customerId: 'c1',
              amount: { amount: 5, currency: 'EUR' },
              status: 'succeeded',
              at: '2025-03-02T00:00:00Z',
              allocations: [{ invoiceId: 'inv-1', amount: 5 }],
            },
          ],
        }),
      'payments[0].amount.currency',
      'EUR',
    ],
    ['an unknown default ladder', () => compilePolicy({ defaultLadder: 'nope' }), 'defaultLadder', 'nope'],
  ])('%s', (_what, fn, field, value) => {
    const error = validationError(fn);
    expect(error.code).toBe('VALIDATION');
    const issue = error.issues.find((i) => i.field === field);
    expect(issue, `issues: ${error.issues.map((i) => i.field).join(', ')}`).toBeDefined();
    expect(error.message).toContain(field);
    expect(error.message).toContain(value);
  });

  it('an unknown currency key in a step condition names the bad key', () => {
    const error = validationError(() =>
      compilePolicy({
        ladders: [
          {
            id: 'l',
            name: 'L',
            steps: [
              { id: 's', name: 'S', offsetDays: 1, action: { type: 'message', template: 't' }, conditions: { minOutstanding: { XXX: 1 } } },
            ],
          },
        ],
      }),
    );
    const issue = error.issues.find((i) => i.field === 'ladders[0].steps[0].conditions.minOutstanding.XXX');
    expect(issue?.value).toBe('XXX');
    expect(error.message).toContain('"XXX"');
  });

  it('a segment override naming a step that is not in its ladder is a ConfigError naming the segment and the step', () => {
    let error: unknown;
    try {
      compilePolicy({ segments: [{ id: 'vip', name: 'VIP', overrides: [{ step: 'no-such-step', skip: true }] }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as DueflowError).code).toBe('CONFIG');
    expect((error as Error).message).toContain('vip');
    expect((error as Error).message).toContain('no-such-step');
  });

  it('lists every issue, not only the first', () => {
    const error = validationError(() =>
      parseSnapshot({
        invoice: { ...invoice, total: { amount: 10.5, currency: 'XXX' } },
        customer: { ...customer, timeZone: 'Mars/Olympus' },
      }),
    );
    expect(error.issues.map((i) => i.field).sort()).toEqual(['customer.timeZone', 'invoice.total.amount', 'invoice.total.currency']);
    expect(error.subject).toBe('snapshot');
  });
});
