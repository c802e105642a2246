import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMapping } from './mapping.js';
import { compileMapping } from './row-mapper.js';

const header = ['Invoice', 'Customer', 'Issued', 'Due', 'Total', 'Paid on', 'Terms', 'Disputed', 'Note', 'Email'];
const mapping = {
  ...parseMapping({
    columns: {
      invoiceNumber: 'Invoice',
      customerId: 'Customer',
      issueDate: 'Issued',
      dueDate: 'Due',
      amount: 'Total',
      settledDate: 'Paid on',
      terms: 'Terms',
      disputed: 'Disputed',
      note: 'Note',
      contactEmail: 'Email',
    },
  }),
  dateFormat: 'YYYY-MM-DD' as const,
};
const fast = compileMapping(mapping, header, { validation: 'fast' });
const schema = compileMapping(mapping, header, { validation: 'schema' });

const text = (max: number) => fc.oneof(fc.string({ maxLength: max }), fc.string({ minLength: max - 2, maxLength: max + 10 }));
const date = fc.oneof(
  fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.string({ maxLength: 12 }),
);
const cellRow = fc.tuple(
  text(100),
  text(200),
  date,
  date,
  fc.oneof(fc.stringMatching(/^\d{1,9}(\.\d{1,3})?$/), fc.string({ maxLength: 12 })),
  fc.oneof(fc.constant(''), date),
  text(50),
  fc.constantFrom('yes', 'no', '', 'maybe'),
  fc.oneof(fc.constant(''), fc.string({ maxLength: 30 })),
  fc.oneof(fc.constant(''), fc.emailAddress(), fc.string({ maxLength: 10 })),
);

describe('fast validation', () => {
  it('accepts and rejects exactly the rows the zod schemas do, with the same records', () => {
    fc.assert(
      fc.property(cellRow, (cells) => {
        const a = fast.mapRow(cells, 2);
        const b = schema.mapRow(cells, 2);
        expect(a.invoice === undefined).toBe(b.invoice === undefined);
        expect(a).toEqual(b);
      }),
      { numRuns: 1500 },
    );
  });
});
