/**
 * The practical limit: the default ladder's decision written by hand for one case (UTC, no time
 * zones, no send windows, no explanations), returning only the index of the step to act on.
 *
 * @module
 */
import type { Snapshot } from '@dueflow/core';
import { DEFAULT_SEGMENT, furthestStep, plainSteps } from './ladder-shape.js';

const DAY = 86_400_000;

const STEPS = plainSteps();
/** Step ids of the default ladder, by index. */
export const HAND_LOOP_STEP_IDS: readonly string[] = STEPS.map((s) => s.id);
const COUNT = STEPS.length;
const OFFSETS = Int32Array.from(STEPS, (s) => s.offsetDays);
const ONLY = STEPS.map((s) => s.segments);
const EXCEPT = STEPS.map((s) => s.exceptSegments);
const INDEX = new Map(STEPS.map((s) => [s.id, s.index]));

function epochDay(date: string): number {
  const y0 = date.charCodeAt(0) * 1000 + date.charCodeAt(1) * 100 + date.charCodeAt(2) * 10 + date.charCodeAt(3) - 53_328;
  const m = date.charCodeAt(5) * 10 + date.charCodeAt(6) - 528;
  const d = date.charCodeAt(8) * 10 + date.charCodeAt(9) - 528;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/**
 * Index of the default-ladder step to act on for `snapshot` at `nowMs` (UTC days), or -1.
 *
 * @example
 * ```ts
 * const i = handLoopStep(snapshot, Date.parse('2026-03-11T14:00:00Z'));
 * const stepId = i < 0 ? null : HAND_LOOP_STEP_IDS[i];
 * ```
 */
export function handLoopStep(snapshot: Snapshot, nowMs: number): number {
  const invoice = snapshot.invoice;
  if (invoice.status !== 'open' || invoice.dispute !== undefined) return -1;
  const today = Math.floor(nowMs / DAY);
  const pause = invoice.pause;
  if (pause !== undefined && (pause.until === undefined || today < epochDay(pause.until))) return -1;

  let owed = invoice.total.amount;
  const id = invoice.id;
  for (const p of snapshot.payments) {
    if (p.status !== 'succeeded') continue;
    for (const a of p.allocations) if (a.invoiceId === id) owed -= a.amount;
  }
  for (const c of snapshot.credits) if (c.invoiceId === id) owed -= c.amount.amount;
  if (owed <= 0) return -1;

  const position = furthestStep(snapshot.summary, INDEX);

  const daysPastDue = today - epochDay(invoice.dueDate);
  const segment = snapshot.customer.segment ?? DEFAULT_SEGMENT;
  for (let i = COUNT - 1; i > position; i--) {
    if (daysPastDue < OFFSETS[i]!) continue;
    const only = ONLY[i];
    if (only !== undefined && !only.includes(segment)) continue;
    const except = EXCEPT[i];
    if (except?.includes(segment)) continue;
    return i;
  }
  return -1;
}
