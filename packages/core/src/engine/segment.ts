/**
 * Which segment a customer is in, and which ladder an invoice follows.
 *
 * @module
 */
import type { CompiledPolicy } from '../model/policy.js';
import type { Snapshot } from './snapshot.js';

/** The segment of a snapshot's customer and where it came from. */
export interface ResolvedSegment {
  readonly segment: string;
  readonly source: 'customer' | 'rule' | 'default';
}

/**
 * The customer's segment: the one it names, else the policy's default segment.
 *
 * @example
 * ```ts
 * resolveSegment(snapshot, policy); // { segment: 'standard', source: 'default' }
 * ```
 */
export function resolveSegment(snapshot: Snapshot, policy: CompiledPolicy): ResolvedSegment {
  const named = snapshot.customer.segment;
  if (named !== undefined) return { segment: named, source: 'customer' };
  return { segment: policy.source.defaultSegment, source: 'default' };
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
