/**
 * Timeline export as JSON: stable, sorted and versioned, for audits and other systems.
 *
 * @module
 */
import type { Customer, Invoice } from '@dueflow/core';
import { sortActivities } from './sort-activities.js';

/**
 * Version of the JSON timeline format; it changes only when a reader would have to change.
 *
 * @example
 * ```ts
 * if (JSON.parse(text).schemaVersion !== TIMELINE_SCHEMA_VERSION) throw new Error('unsupported timeline');
 * ```
 */
export const TIMELINE_SCHEMA_VERSION = 1;

/** Options of {@link timelineToJson}. */
export interface TimelineJsonOptions {
  /** The invoice the timeline is about; its id and number head the document. */
  readonly invoice?: Invoice;
  /** The customer the timeline is about; its id and name head the document. */
  readonly customer?: Customer;
  /**
   * Indentation of the JSON text.
   * @default 2
   */
  readonly indent?: number;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

/**
 * Exports activities as JSON text: `{ schema, schemaVersion, invoice?, customer?, activities }`
 * with activities sorted by instant then id and every object's keys sorted, so equal timelines
 * give byte-identical files. Throws a `ValidationError` for an invalid activity.
 *
 * @example
 * ```ts
 * const json = timelineToJson(await storage.listActivities({ invoiceId: 'inv-1042' }), { invoice });
 * await writeFile('inv-1042.timeline.json', json);
 * ```
 */
export function timelineToJson(activities: readonly unknown[], options: TimelineJsonOptions = {}): string {
  const document = {
    schema: 'dueflow.timeline',
    schemaVersion: TIMELINE_SCHEMA_VERSION,
    ...(options.invoice !== undefined ? { invoice: { id: options.invoice.id, number: options.invoice.number } } : {}),
    ...(options.customer !== undefined ? { customer: { id: options.customer.id, name: options.customer.name } } : {}),
    activities: sortActivities(activities).map(canonical),
  };
  return `${JSON.stringify(document, null, options.indent ?? 2)}\n`;
}
