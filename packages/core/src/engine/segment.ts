/**
 * Segments ("matching rulesets"): which segment a customer is in and why, and which ladder an
 * invoice follows.
 *
 * @module
 */
import { MS_PER_DAY, toEpochDay } from '../calendar/day.js';
import type { CompiledPolicy, Segment, SegmentConditions } from '../model/policy.js';
import type { Snapshot } from './snapshot.js';

/** The segment of a snapshot's customer and where it came from. */
export interface ResolvedSegment {
  readonly segment: string;
  readonly source: 'customer' | 'rule' | 'default';
}

/** One rule's verdict in {@link matchSegments}. */
export interface SegmentMatch {
  readonly segment: string;
  readonly name: string;
  readonly matched: boolean;
  /** Why it matched (each condition that held) or why not (each condition that failed). */
  readonly reasons: readonly string[];
}

/** What {@link matchSegments} reports. */
export interface SegmentReport {
  /** The segment that applies: the customer's own, else the first matching rule, else the default. */
  readonly segment: ResolvedSegment;
  /** Every rule, in order, with its verdict. */
  readonly rules: readonly SegmentMatch[];
}

function inRange(value: number, min: number | undefined, max: number | undefined): boolean {
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

function bounds(min: number | undefined, max: number | undefined, unit = ''): string {
  if (min !== undefined && max !== undefined) return `between ${min}${unit} and ${max}${unit}`;
  if (min !== undefined) return `at least ${min}${unit}`;
  return `at most ${max}${unit}`;
}

/**
 * Evaluates one segment's conditions. With `why`, pushes one sentence per condition (held or
 * failed); without it, stops at the first failure (the engine's fast path).
 */
function evaluateConditions(when: SegmentConditions, snapshot: Snapshot, nowMs: number, why: string[] | undefined): boolean {
  const customer = snapshot.customer;
  const stats = snapshot.customerStats;
  let ok = true;
  // Sentences are only built when asked for: this runs for every decision.
  if (when.tiers !== undefined) {
    const t = customer.tier;
    const held = t !== undefined && when.tiers.includes(t);
    if (why !== undefined) why.push(held ? `tier is ${t}` : `tier ${t ?? '(none)'} is not ${when.tiers.join(' or ')}`);
    if (!held) {
      ok = false;
      if (why === undefined) return false;
    }
  }
  if (when.tagsAny !== undefined) {
    const hit = when.tagsAny.find((tag) => customer.tags.includes(tag));
    if (why !== undefined) why.push(hit !== undefined ? `tagged ${hit}` : `has none of the tags ${when.tagsAny.join(', ')}`);
    if (hit === undefined) {
      ok = false;
      if (why === undefined) return false;
    }
  }
  if (when.tagsAll !== undefined) {
    const missing = when.tagsAll.filter((tag) => !customer.tags.includes(tag));
    if (why !== undefined) why.push(missing.length === 0 ? `tagged ${when.tagsAll.join(', ')}` : `lacks the tags ${missing.join(', ')}`);
    if (missing.length > 0) {
      ok = false;
      if (why === undefined) return false;
    }
  }
  if (when.minAnnualRevenue !== undefined) {
    const rev = customer.annualRevenue;
    const min = rev === undefined ? undefined : when.minAnnualRevenue[rev.currency];
    const held = rev !== undefined && min !== undefined && rev.amount >= min;
    if (why !== undefined)
      why.push(held ? 'annual revenue is at or above the threshold' : 'annual revenue is below the threshold or unknown');
    if (!held) {
      ok = false;
      if (why === undefined) return false;
    }
  }
  if (when.tenureDays !== undefined) {
    const since = customer.since;
    const days = since === undefined ? undefined : Math.floor(nowMs / MS_PER_DAY) - toEpochDay(since);
    const held = days !== undefined && inRange(days, when.tenureDays.min, when.tenureDays.max);
    if (why !== undefined) {
      why.push(
        held
          ? `customer for ${days} days`
          : days === undefined
            ? 'tenure unknown (no customer.since)'
            : `customer for ${days} days, not ${bounds(when.tenureDays.min, when.tenureDays.max, ' days')}`,
      );
    }
    if (!held) {
      ok = false;
      if (why === undefined) return false;
    }
  }
  if (when.invoiceAmount !== undefined) {
    const total = snapshot.invoice.total;
    const held = inRange(total.amount, when.invoiceAmount.min?.[total.currency], when.invoiceAmount.max?.[total.currency]);
    if (why !== undefined) why.push(held ? 'invoice amount is within bounds' : 'invoice amount is outside bounds');
    if (!held) {
      ok = false;
      if (why === undefined) return false;
    }
  }
  if (when.settledInvoices !== undefined) {
    const n = stats?.settledInvoices;
    const c = when.settledInvoices;
    const held = n !== undefined && inRange(n, c.min, c.max);
    if (why !== undefined)
      why.push(
        held
          ? `${n} settled invoices`
          : n === undefined
            ? 'no payment history supplied'
            : `${n} settled invoices, not ${bounds(c.min, c.max)}`,
      );
    if (!held) {
      ok = false;
      if (why === undefined) return false;
    }
  }
  if (when.averageDaysLate !== undefined) {
    const c = when.averageDaysLate;
    const enough = stats !== undefined && stats.settledInvoices >= c.minInvoices;
    const held = enough && inRange(stats.averageDaysLate, c.min, c.max);
    if (why !== undefined) {
      const avg = stats === undefined ? '' : stats.averageDaysLate.toFixed(1);
      why.push(
        held
          ? `paid ${avg} days late on average over ${stats?.settledInvoices} invoices`
          : !enough
            ? `fewer than ${c.minInvoices} settled invoices`
            : `paid ${avg} days late on average, not ${bounds(c.min, c.max, ' days')}`,
      );
    }
    if (!held) {
      ok = false;
      if (why === undefined) return false;
    }
  }
  if (when.lateShare !== undefined) {
    const c = when.lateShare;
    const enough = stats !== undefined && stats.settledInvoices >= c.minInvoices;
    const share = enough ? stats.paidLate / stats.settledInvoices : 0;
    const held = enough && inRange(share, c.min, c.max);
    if (why !== undefined)
      why.push(
        held
          ? `${Math.round(share * 100)}% of invoices paid late`
          : !enough
            ? `fewer than ${c.minInvoices} settled invoices`
            : `${Math.round(share * 100)}% paid late, not ${bounds(c.min, c.max)}`,
      );
    if (!held) {
      ok = false;
      if (why === undefined) return false;
    }
  }
  if (when.brokenPromises !== undefined) {
    const n = stats?.brokenPromises ?? 0;
    const held = n >= when.brokenPromises.min;
    if (why !== undefined) why.push(held ? `${n} broken promises` : `${n} broken promises, fewer than ${when.brokenPromises.min}`);
    if (!held) {
      ok = false;
      if (why === undefined) return false;
    }
  }
  if (when.openDisputes !== undefined) {
    const n = stats?.openDisputes ?? 0;
    const held = n >= when.openDisputes.min;
    if (why !== undefined) why.push(held ? `${n} open disputes` : `${n} open disputes, fewer than ${when.openDisputes.min}`);
    if (!held) {
      ok = false;
      if (why === undefined) return false;
    }
  }
  return ok;
}

function firstMatch(segments: readonly Segment[], snapshot: Snapshot, nowMs: number): Segment | undefined {
  for (const segment of segments) {
    if (segment.when === undefined || evaluateConditions(segment.when, snapshot, nowMs, undefined)) return segment;
  }
  return undefined;
}

/**
 * The customer's segment: the one set on the customer, else the first segment rule that
 * matches, else the policy's default segment.
 *
 * @example
 * ```ts
 * resolveSegment(snapshot, policy, now); // { segment: 'strategic', source: 'rule' }
 * ```
 */
export function resolveSegment(snapshot: Snapshot, policy: CompiledPolicy, nowMs: number): ResolvedSegment {
  const named = snapshot.customer.segment;
  if (named !== undefined) return { segment: named, source: 'customer' };
  const match = firstMatch(policy.source.segments, snapshot, nowMs);
  if (match !== undefined && match.when !== undefined) return { segment: match.id, source: 'rule' };
  return { segment: match?.id ?? policy.source.defaultSegment, source: 'default' };
}

/**
 * Reports every segment rule that matches the snapshot's customer and why, and why the others
 * do not ("matching rulesets"). The first match wins, as in `nextAction`.
 *
 * @example
 * ```ts
 * const { segment, rules } = matchSegments(snapshot, policy, new Date());
 * for (const r of rules) console.log(r.segment, r.matched, r.reasons.join('; '));
 * ```
 */
export function matchSegments(snapshot: Snapshot, policy: CompiledPolicy, now: Date | number): SegmentReport {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const rules = policy.source.segments.map((segment): SegmentMatch => {
    if (segment.when === undefined) return { segment: segment.id, name: segment.name, matched: true, reasons: ['matches every customer'] };
    const reasons: string[] = [];
    const matched = evaluateConditions(segment.when, snapshot, nowMs, reasons);
    return { segment: segment.id, name: segment.name, matched, reasons };
  });
  return { segment: resolveSegment(snapshot, policy, nowMs), rules };
}

/** The ladder an invoice follows and where the choice came from. */
export interface ResolvedLadder {
  readonly ladderId: string;
  readonly source: 'invoice' | 'customer' | 'segment' | 'default';
}

/**
 * The ladder of an invoice: the invoice's own, else the customer's, else the segment's, else the
 * policy default. A ladder id the policy does not know falls through to the next choice.
 *
 * @example
 * ```ts
 * resolveLadder(snapshot, policy, 'standard'); // { ladderId: 'default', source: 'default' }
 * ```
 */
export function resolveLadder(snapshot: Snapshot, policy: CompiledPolicy, segment: string): ResolvedLadder {
  const own = snapshot.invoice.ladderId;
  if (own !== undefined && policy.hasLadder(own)) return { ladderId: own, source: 'invoice' };
  const customers = snapshot.customer.ladderId;
  if (customers !== undefined && policy.hasLadder(customers)) return { ladderId: customers, source: 'customer' };
  const segmentLadder = policy.segments.get(segment)?.ladder;
  if (segmentLadder !== undefined) return { ladderId: segmentLadder, source: 'segment' };
  return { ladderId: policy.defaultLadderId, source: 'default' };
}
