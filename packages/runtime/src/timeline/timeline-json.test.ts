import { ValidationError } from '@dueflow/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIMELINE_SCHEMA_VERSION, timelineToJson } from './timeline-json.js';
import { TIMELINE } from './test-timeline.js';

describe('timelineToJson', () => {
  it('sorts by instant then id, with a schema version', () => {
    const document = JSON.parse(timelineToJson(TIMELINE, {})) as {
      schema: string;
      schemaVersion: number;
      activities: { id: string; at: string }[];
    };
    expect(document.schema).toBe('dueflow.timeline');
    expect(document.schemaVersion).toBe(TIMELINE_SCHEMA_VERSION);
    expect(document.activities.map((a) => a.id)).toEqual([
      'a01',
      'a02',
      'a03',
      'a04',
      'a05',
      'a06',
      'a07',
      'a08',
      'a09',
      'a10',
      'a11',
      'a14',
      'a15',
      'a12',
      'a13',
    ]);
  });

  it('compares instants across offsets', () => {
    const json = timelineToJson([
      { id: 'b', type: 'note', at: '2025-01-01T09:00:00Z', customerId: 'c', text: 'later' },
      { id: 'a', type: 'note', at: '2025-01-01T10:00:00+02:00', customerId: 'c', text: 'earlier' },
    ]);
    expect((JSON.parse(json) as { activities: { id: string }[] }).activities.map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('gives byte-identical output for any input order and key order (golden head)', () => {
    const expected = timelineToJson(TIMELINE);
    fc.assert(
      fc.property(fc.shuffledSubarray([...TIMELINE], { minLength: TIMELINE.length }), (shuffled) => {
        const reKeyed = shuffled.map((a) => Object.fromEntries(Object.entries(a).reverse()));
        expect(timelineToJson(reKeyed)).toBe(expected);
      }),
      { numRuns: 50 },
    );
    expect(expected.split('\n').slice(0, 16).join('\n')).toMatchInlineSnapshot(`
      "{
        "schema": "dueflow.timeline",
        "schemaVersion": 1,
        "activities": [
          {
            "actor": {
              "type": "system"
            },
            "at": "2025-02-01T09:00:00Z",
            "change": "created",
            "customerId": "cus-1",
            "id": "a01",
            "invoiceId": "inv-1042",
            "type": "status"
          },
          {"
    `);
  });

  it('heads the document with the invoice and customer, and refuses invalid activities', () => {
    const json = timelineToJson([], {
      invoice: {
        id: 'inv-1',
        number: 'N-1',
        customerId: 'c',
        issueDate: '2025-01-01',
        dueDate: '2025-01-31',
        total: { amount: 1, currency: 'USD' },
        status: 'open',
      },
      customer: { id: 'c', name: 'Globex', tags: [], contacts: [], timeZone: 'UTC', locale: 'en-US' },
      indent: 0,
    });
    expect(json).toBe(
      '{"schema":"dueflow.timeline","schemaVersion":1,"invoice":{"id":"inv-1","number":"N-1"},"customer":{"id":"c","name":"Globex"},"activities":[]}\n',
    );
    expect(() =>
      timelineToJson([
        {
          id: 'x',
          type: 'payment',
          at: '2025-01-01T00:00:00Z',
          customerId: 'c',
          paymentId: 'p',
          amount: { amount: 1.5, currency: 'USD' },
          status: 'succeeded',
        },
      ]),
    ).toThrow(ValidationError);
  });
});
