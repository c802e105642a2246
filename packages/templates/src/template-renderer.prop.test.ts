import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { createTemplateRenderer, SMS_MAX_LENGTH } from './template-renderer.js';
import { fixtureDecision, fixtureSnapshot } from './test-fixtures.js';

const renderer = createTemplateRenderer({
  company: { name: 'Initech Holdings International', paymentUrl: 'https://pay.initech.example/i/{{ invoice.id | url_encode }}' },
});
const smsTemplates = DEFAULT_TEMPLATES.filter((t) => t.sms !== undefined);
const nasty = fc.string({
  unit: fc.constantFrom('<', '>', '&', '"', "'", 'a', 'é', ' ', '/', 's', 'c', 'r', 'i', 'p', 't', '{', '}', '%'),
  minLength: 1,
  maxLength: 120,
});

describe('default templates under arbitrary data', () => {
  it('keep every SMS within 320 characters, whatever the names and numbers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...smsTemplates),
        fc.string({ minLength: 1, maxLength: 100 }),
        fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim() !== ''),
        fc.integer({ min: 0, max: 999_999_999_999 }),
        async (t, number, name, amount) => {
          const snapshot = fixtureSnapshot(
            {
              name,
              contacts: [
                {
                  id: 'c-1',
                  name,
                  phone: '+14155550100',
                  locale: t.locale === 'en' ? 'en-US' : `${t.locale}-${String(t.locale).toUpperCase()}`,
                },
              ],
            },
            {
              invoice: {
                id: 'inv-1042',
                number,
                customerId: 'cus-1',
                issueDate: '2025-02-01',
                dueDate: '2025-03-03',
                total: { amount, currency: 'USD' },
              },
              payments: [],
            },
          );
          const m = await renderer.preview(
            fixtureDecision({ template: t.id, ...(t.tone !== undefined ? { tone: t.tone } : {}), channel: 'sms' }),
            snapshot,
          );
          expect(m.text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never let customer-controlled text open a tag in the HTML part, and keep it verbatim in the text part', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, async (name) => {
        const snapshot = fixtureSnapshot({ name, contacts: [{ id: 'c-1', email: 'a@b.example' }] });
        const m = await renderer.preview(fixtureDecision({ template: 'call.request' }), snapshot);
        expect(m.text).toContain(name);
        const body = (m.html ?? '').replace(/<\/?(p|br|a|html|head|body|meta|title|!DOCTYPE)\b[^<>]*>/g, '');
        expect(body).not.toMatch(/[<>]/);
      }),
      { numRuns: 150 },
    );
  });
});
