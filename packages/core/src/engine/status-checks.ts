/**
 * The first rules of a decision, before any ladder: the invoice's status (paid, void and
 * written-off invoices are done, drafts wait, an invoice its payments and credit notes cover is
 * paid), then an open dispute (frozen until resolved), then a pause (until its date or until
 * resumed).
 *
 * @module
 */
import { toEpochDay } from '../calendar/day.js';
import type { Invoice } from '../model/invoice.js';
import type { CompiledPolicy } from '../model/policy.js';
import type { Decision, Reason, WaitDecision } from './decision.js';
import { doneDecision, waitDecision } from './decision-builders.js';

/** 1. Status: a decision for a paid, void, written-off or draft invoice; `undefined` for an open one. */
export function decideStatus(invoice: Invoice): Decision | undefined {
  switch (invoice.status) {
    case 'paid':
      return doneDecision(invoice.id, 'paid', [{ code: 'status', status: 'paid' }]);
    case 'void':
      return doneDecision(invoice.id, 'void', [{ code: 'status', status: 'void' }]);
    case 'written-off':
      return doneDecision(invoice.id, 'written-off', [{ code: 'status', status: 'written-off' }]);
    case 'draft':
      return waitDecision(invoice.id, null, 'draft', [{ code: 'status', status: 'draft' }]);
    case 'open':
      return undefined;
  }
}

/** 1. Status, continued: an open invoice whose payments and credit notes cover the total is paid. */
export function settledDecision(invoiceId: string): Decision {
  return doneDecision(invoiceId, 'paid', [{ code: 'status', status: 'settled' }]);
}

/** 2. Dispute: an open dispute freezes collection until an event resolves it. */
export function decideDispute(invoice: Invoice, reasons: Reason[]): WaitDecision | undefined {
  const dispute = invoice.dispute;
  if (dispute === undefined) return undefined;
  reasons.push({ code: 'disputed', since: dispute.openedAt, reason: dispute.reason });
  return waitDecision(invoice.id, null, 'disputed', reasons);
}

/**
 * 3. Pause: a pause waits until local midnight of its `until` date in the business's zone
 * (`todayBusiness` is today's epoch day there), or until resumed.
 */
export function decidePause(invoice: Invoice, policy: CompiledPolicy, todayBusiness: number, reasons: Reason[]): WaitDecision | undefined {
  const pause = invoice.pause;
  if (pause === undefined) return undefined;
  const untilDay = pause.until === undefined ? undefined : toEpochDay(pause.until);
  if (untilDay !== undefined && todayBusiness >= untilDay) return undefined;
  reasons.push(
    pause.until === undefined ? { code: 'paused', reason: pause.reason } : { code: 'paused', reason: pause.reason, until: pause.until },
  );
  const until = untilDay === undefined ? null : policy.zones.iso(policy.zones.instantOf(policy.calendar.timeZone, untilDay, 0));
  return waitDecision(invoice.id, until, 'paused', reasons);
}
