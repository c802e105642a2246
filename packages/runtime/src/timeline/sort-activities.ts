/**
 * The order timelines are exported in.
 *
 * @module
 */
import { ActivitySchema, parseWith, type Activity } from '@dueflow/core';
import { z } from 'zod';

const ActivitiesSchema = z.array(ActivitySchema);

/**
 * Validates activities (a `ValidationError` names the bad field) and sorts them by instant, then
 * by id, so the same activities always export identically whatever order storage returned.
 * Instants are compared as instants: `10:00+02:00` comes before `09:00Z`.
 *
 * @example
 * ```ts
 * sortActivities(await storage.listActivities({ invoiceId })).map((a) => a.id);
 * ```
 */
export function sortActivities(activities: readonly unknown[]): Activity[] {
  const parsed = parseWith(ActivitiesSchema, 'timeline', activities);
  const keyed = parsed.map((activity) => ({ activity, at: Date.parse(activity.at) }));
  keyed.sort((a, b) => a.at - b.at || (a.activity.id < b.activity.id ? -1 : a.activity.id > b.activity.id ? 1 : 0));
  return keyed.map((k) => k.activity);
}
