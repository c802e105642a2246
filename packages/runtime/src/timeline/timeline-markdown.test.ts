import { parseWith, InvoiceSchema, CustomerSchema, ValidationError } from '@dueflow/core';
import { describe, expect, it } from 'vitest';
import { timelineToMarkdown } from './timeline-markdown.js';
import { TIMELINE } from './test-timeline.js';

const invoice = parseWith(InvoiceSchema, 'invoice', {
  id: 'inv-1042',
  number: 'INV-1042',
  customerId: 'cus-1',
  issueDate: '2025-02-01',
  dueDate: '2025-03-03',
  total: { amount: 420_000, currency: 'USD' },
});
const customer = parseWith(CustomerSchema, 'customer', { id: 'cus-1', name: 'Globex <Corp>' });

describe('timelineToMarkdown', () => {
  it('writes one section per touch, with outcomes, deliveries folded and notes quoted (golden)', () => {
    expect(timelineToMarkdown(TIMELINE, { invoice, customer, locale: 'en-US' })).toMatchInlineSnapshot(`
      "# Timeline of invoice INV-1042

      - Customer: Globex \\<Corp\\> (cus-1)
      - Invoice: INV-1042, total $4,200.00, issued 2025-02-01, due 2025-03-03, status open
      - Times in UTC

      ## 1. 2025-02-01 09:00 · Status: created

      - By: Dueflow (automatic)

      ## 2. 2025-02-24 14:00 · Message by email: sent

      - Step: pre-due-reminder, ladder default
      - Outcome: queued → sent
      - Template: reminder.pre-due (friendly)
      - Contact: c-1
      - By: Dueflow (automatic)
      - Key: \`inv-1042:pre-due-reminder:1\`
      - Delivery:
        - 2025-02-24 14:01 delivered
        - 2025-02-24 16:30 opened

      ## 3. 2025-03-10 14:00 · Message by email: sent

      - Step: overdue-notice, ladder default
      - Outcome: failed → sent
      - Template: notice.overdue (firm)
      - Contact: c-1
      - By: Dueflow (automatic)
      - Failed at 2025-03-10 14:00: mailbox full
      - Key: \`inv-1042:overdue-notice:1\`
      - Delivery:
        - 2025-03-10 18:12 replied
          > We are waiting on PO approval.
          >
          > \\*Ann\\*

      ## 4. 2025-03-11 08:00 · Delivery by sms: bounced (hard)

      - Contact: c-2
      - By: Dueflow (automatic)

      ## 5. 2025-03-17 15:30 · Call (outbound): reached

      - Contact: c-1
      - Duration: 5 min 30 s
      - By: Jane Collector
      - Commitments: Pays $4,000 by March 20

      > Spoke to Ann. \\<b\\>PO\\</b\\> approved today.

      ## 6. 2025-03-17 15:36 · Promise to pay made: $4,000.00 by 2025-03-20

      - Promise: ptp-1
      - By: Jane Collector

      ## 7. 2025-03-19 12:00 · Payment succeeded: $4,000.00

      - Method: ach
      - Reference: ACH 7781
      - Payment: p-2
      - By: Dueflow (automatic)

      ## 8. 2025-03-19 12:00 · Note (crm)

      - By: Dueflow (automatic)

      > \\# Not a heading
      > Paid in full, thanks \\[team\\](http://x).

      ## 9. 2025-05-02 07:00 · Agency referral: rejected

      - Step: agency-referral
      - Outcome: awaiting-approval → rejected
      - By: Dueflow (automatic)
      - Rejected by Lee Manager at 2025-05-02 10:00: Customer paid
      - Key: \`inv-1042:agency-referral:1\`
      "
    `);
  });

  it('is the same whatever order the activities come in', () => {
    const expected = timelineToMarkdown(TIMELINE, { invoice });
    expect(timelineToMarkdown([...TIMELINE].reverse(), { invoice })).toBe(expected);
    expect(timelineToMarkdown([...TIMELINE.slice(7), ...TIMELINE.slice(0, 7)], { invoice })).toBe(expected);
  });

  it('folds events stamped before their action, and leaves events of unknown actions on their own', () => {
    const md = timelineToMarkdown([
      { id: 'd1', type: 'delivery', at: '2025-01-01T09:59:00Z', customerId: 'c', channel: 'email', event: 'delivered', actionKey: 'k1' },
      {
        id: 'x1',
        type: 'action',
        at: '2025-01-01T10:00:00Z',
        customerId: 'c',
        stepId: 's',
        action: 'message',
        channel: 'email',
        outcome: 'sent',
        idempotencyKey: 'k1',
      },
      {
        id: 'd2',
        type: 'delivery',
        at: '2025-01-01T10:01:00Z',
        customerId: 'c',
        channel: 'email',
        event: 'opened',
        actionKey: 'k-unknown',
      },
    ]);
    expect(md.match(/^## /gm)).toHaveLength(2);
    expect(md).toContain('- Delivery:\n  - 2025-01-01 09:59 delivered');
    expect(md).toContain('## 2. 2025-01-01 10:01 · Delivery by email: opened\n\n- About: `k-unknown`');
  });

  it('shows times in the zone asked for and money in the locale', () => {
    const md = timelineToMarkdown(TIMELINE.slice(13, 14), { locale: 'de-DE', timeZone: 'Europe/Berlin' });
    expect(md).toContain('## 1. 2025-03-19 13:00 · Payment succeeded: 4.000,00\u00a0$');
    expect(md).toContain('- Times in Europe/Berlin');
  });

  it('says so when there is nothing yet, and refuses invalid activities', () => {
    expect(timelineToMarkdown([], { customer })).toBe(
      '# Timeline of Globex \\<Corp\\>\n\n- Customer: Globex \\<Corp\\> (cus-1)\n- Times in UTC\n\nNo activity yet.\n',
    );
    expect(() => timelineToMarkdown([{ id: 'x', type: 'note', at: 'yesterday', customerId: 'c', text: 'hi' }])).toThrow(ValidationError);
  });
});
