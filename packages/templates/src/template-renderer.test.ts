import { ConfigError, DEFAULT_LADDER, LadderSchema, ToneSchema, ValidationError, type ChannelKind } from '@dueflow/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { TemplateNotFoundError, TemplateRenderError } from './template-errors.js';
import { createTemplateRenderer, SMS_MAX_LENGTH } from './template-renderer.js';
import { fallbackKeys, indexTemplates } from './template-set.js';
import { fixtureDecision, fixtureSnapshot } from './test-fixtures.js';

const company = {
  name: 'Initech',
  replyTo: 'ar@initech.example',
  phone: '+1 555 0100',
  paymentUrl: 'https://pay.initech.example/i/{{ invoice.id | url_encode }}',
};
const renderer = createTemplateRenderer({ company });
const PRE_DUE_AT = '2025-02-24T15:00:00.000Z';

describe('default templates', () => {
  it('render the overdue notice in each standard tone (golden)', async () => {
    const snapshot = fixtureSnapshot();
    for (const tone of ['friendly', 'neutral', 'firm'] as const) {
      const m = await renderer.preview(fixtureDecision({ template: 'notice.overdue', tone, channel: 'email' }), snapshot);
      expect(`${m.subject}\n\n${m.text}`).toMatchSnapshot(`notice.overdue/${tone}/en`);
    }
  });

  it('render the partnership overdue notice warmly, offering a call or a plan', async () => {
    const m = await renderer.preview(
      fixtureDecision({ template: 'notice.overdue', tone: 'partnership', channel: 'email' }),
      fixtureSnapshot(),
    );
    expect(m.subject).toBe('Checking in about invoice INV-1042');
    expect(m.text).toMatchInlineSnapshot(`
      "Hello Ann,

      I wanted to check in personally about invoice INV-1042 for $4,000.00, which was due on March 3, 2025. It has not reached us yet, and we want to make sure nothing is stuck on either side.

      Invoice: INV-1042
      Issued: February 1, 2025
      Due: March 3, 2025
      Amount due: $4,000.00

      You can pay online here: https://pay.initech.example/i/inv-1042

      If the timing is difficult right now, we value working with you and are glad to find an arrangement that fits: a short call, a few more days, or a payment plan in instalments. Just reply to this message and we will set it up.

      Warm regards,
      Initech
      on behalf of Dana Reyes, your account manager"
    `);
  });

  it('render every variant and part of the default set (golden)', async () => {
    const snapshot = fixtureSnapshot();
    for (const t of DEFAULT_TEMPLATES) {
      const locale = t.locale ?? 'en';
      const contactLocale = {
        contacts: [
          {
            id: 'c-1',
            name: 'Ann Smith',
            email: 'ann@globex.example',
            phone: '+14155550100',
            locale: locale === 'en' ? 'en-US' : `${locale}-${locale.toUpperCase()}`,
          },
        ],
      };
      const s = fixtureSnapshot(contactLocale);
      const at = t.id === 'reminder.pre-due' ? PRE_DUE_AT : t.id === 'notice.due' ? '2025-03-03T15:00:00.000Z' : '2025-03-10T14:00:00.000Z';
      const internal = t.id.startsWith('internal.') || t.id === 'call.request';
      const channels: (ChannelKind | undefined)[] = internal
        ? [undefined]
        : ['email', ...(t.sms !== undefined ? (['sms'] as const) : []), ...(t.voice !== undefined ? (['voice'] as const) : [])];
      // Internal templates speak to colleagues, in the business's locale rather than the customer's.
      const speaker = internal && locale !== 'en' ? createTemplateRenderer({ company, locale }) : renderer;
      for (const channel of channels) {
        const m = await speaker.preview(
          fixtureDecision({
            template: t.id,
            ...(t.tone !== undefined ? { tone: t.tone } : {}),
            ...(channel !== undefined ? { channel } : {}),
            at,
          }),
          internal ? snapshot : s,
        );
        expect(m.headers?.['X-Dueflow-Template']).toBe(`${t.id}/${t.tone ?? 'neutral'}/${locale}`);
        expect(m.text).not.toMatch(/\{\{|\{%|undefined|NaN/);
        expect(m.subject === undefined ? m.text : `${m.subject}\n\n${m.text}`).toMatchSnapshot(
          `${t.id}/${t.tone}/${locale}/${channel ?? 'internal'}`,
        );
      }
    }
  });

  it('speak French and German for every template id, tone and part English has', () => {
    const key = (t: (typeof DEFAULT_TEMPLATES)[number]): string => `${t.id}/${t.tone ?? 'neutral'}`;
    const parts = (t: (typeof DEFAULT_TEMPLATES)[number]): string[] =>
      (['subject', 'html', 'sms', 'voice'] as const).filter((p) => t[p] !== undefined);
    const english = new Map(DEFAULT_TEMPLATES.filter((t) => (t.locale ?? 'en') === 'en').map((t) => [key(t), t]));
    for (const locale of ['fr', 'de']) {
      const translated = new Map(DEFAULT_TEMPLATES.filter((t) => t.locale === locale).map((t) => [key(t), t]));
      expect(
        [...english.keys()].filter((k) => !translated.has(k)),
        locale,
      ).toEqual([]);
      for (const [k, t] of translated) expect(parts(t), `${k}/${locale}`).toEqual(parts(english.get(k)!));
    }
  });

  it('cover every template id of the default ladder in every tone', async () => {
    const ladder = LadderSchema.parse(DEFAULT_LADDER);
    for (const step of ladder.steps) {
      const template = 'template' in step.action ? step.action.template : undefined;
      expect(template).toBeDefined();
      for (const tone of ToneSchema.options) {
        const found = renderer.resolve(template!, tone, 'en-US');
        expect(found.id).toBe(template);
      }
    }
  });

  it('keep partnership variants free of threats', () => {
    const partnership = DEFAULT_TEMPLATES.filter((t) => t.tone === 'partnership');
    expect(partnership.length).toBeGreaterThanOrEqual(10);
    for (const t of partnership) {
      const words = `${t.subject ?? ''} ${t.text} ${t.sms ?? ''} ${t.voice ?? ''}`;
      expect(words).not.toMatch(/agency|legal|credit hold|demand|immediately|final notice|agence|Inkasso|mise en demeure/i);
      expect(words).toMatch(/call|plan|appel|échéancier|Gespräch|Zahlungsplan|Ratenzahlung|help|aider|helfen/i);
    }
  });

  it('address internal templates to colleagues, in the business locale', async () => {
    const fr = createTemplateRenderer({ company, locale: 'fr-FR' });
    const m = await fr.preview(fixtureDecision({ template: 'internal.credit-hold' }), fixtureSnapshot({ locale: 'de-DE' }));
    // The colleague reads French (the business locale), not the customer's German.
    expect(m.headers?.['X-Dueflow-Template']).toBe('internal.credit-hold/neutral/fr');
    expect(m.text.startsWith("Bonjour l'équipe,")).toBe(true);
    const en = await renderer.preview(fixtureDecision({ template: 'internal.credit-hold' }), fixtureSnapshot({ locale: 'de-DE' }));
    expect(en.headers?.['X-Dueflow-Template']).toBe('internal.credit-hold/neutral/en');
    expect(en.text.startsWith('Hi team,')).toBe(true);
  });

  it('format money and dates by the recipient locale when the words are in their language', async () => {
    const m = await renderer.preview(
      fixtureDecision({ template: 'notice.overdue', tone: 'firm', channel: 'email' }),
      fixtureSnapshot({ locale: 'de-CH', contacts: [{ id: 'c-1', name: 'Ann Smith', email: 'ann@globex.example' }] }),
    );
    expect(m.headers?.['X-Dueflow-Template']).toBe('notice.overdue/firm/de');
    expect(m.text).toContain('3. März 2025');
    expect(m.text).toContain(new Intl.NumberFormat('de-CH', { style: 'currency', currency: 'USD' }).format(4000));
  });
});

describe('escaping', () => {
  const evil = '<script>alert("x")</script> & Co';
  const snapshot = fixtureSnapshot({ name: evil, contacts: [{ id: 'c-1', name: evil, email: 'ann@globex.example' }] });

  it('escapes customer text in the HTML part and leaves it readable in the text part', async () => {
    const m = await renderer.preview(fixtureDecision({ template: 'notice.overdue', tone: 'neutral', channel: 'email' }), snapshot);
    expect(m.text.startsWith('Hello <script>alert("x")</script>,')).toBe(true);
    expect(m.html).not.toMatch(/<script/i);
    expect(m.html).toContain('<p>Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,</p>');
    const task = await renderer.preview(fixtureDecision({ template: 'call.request' }), snapshot);
    expect(task.text).toContain('Please call <script>alert("x")</script> & Co about invoice');
    expect(task.html).toContain('Please call &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co about invoice');
  });

  it('auto-escapes outputs of a user-written HTML template, unless marked raw', async () => {
    const r = createTemplateRenderer({
      company,
      templates: [
        {
          id: 'notice.overdue',
          tone: 'neutral',
          locale: 'en',
          subject: 'Hi {{ customer.name }}',
          text: '{{ customer.name }}',
          html: '<p>{{ customer.name }}</p><p>{{ customer.name | raw }}</p>',
        },
      ],
    });
    const m = await r.preview(fixtureDecision({ template: 'notice.overdue', tone: 'neutral', channel: 'email' }), snapshot);
    expect(m.html).toBe('<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co</p><p><script>alert("x")</script> & Co</p>');
    expect(m.text).toBe(evil);
    expect(m.subject).toBe(`Hi ${evil}`);
  });

  it('keeps the subject on one line, so a name cannot inject headers', async () => {
    const s = fixtureSnapshot({ name: 'Evil\r\nBcc: all@example.com' });
    const m = await renderer.preview(fixtureDecision({ template: 'call.request' }), s);
    expect(m.subject).not.toMatch(/[\r\n]/);
  });
});

describe('safety', () => {
  const decision = fixtureDecision({ template: 'custom', tone: 'neutral', channel: 'email' });
  const withText = (text: string, limits = {}) =>
    createTemplateRenderer({ company, defaults: [], templates: [{ id: 'custom', text }], limits }).preview(decision, fixtureSnapshot());

  it('refuses prototype access', async () => {
    for (const text of [
      '{{ customer.constructor.name }}',
      '{{ invoice.total.__proto__ }}',
      '{{ customer.name.constructor }}',
      '{{ invoices.constructor }}',
    ]) {
      await expect(withText(text), text).rejects.toBeInstanceOf(TemplateRenderError);
    }
  });

  it('refuses misspelt variables instead of rendering them empty', async () => {
    await expect(withText('{{ invoice.numbr }}')).rejects.toThrow(/undefined variable: invoice.numbr/);
    await expect(withText('{{ contact.name | default: "there" }}')).resolves.toMatchObject({ text: 'Ann Smith' });
  });

  it('bounds loops, memory and output', async () => {
    await expect(
      withText('{% for i in (1..1000) %}{% for j in (1..1000) %}{% for k in (1..1000) %}x{% endfor %}{% endfor %}{% endfor %}', {
        renderLimit: 50,
      }),
    ).rejects.toThrow(/template render limit exceeded/);
    await expect(withText('{% for i in (1..100000000) %}{{ i }}{% endfor %}')).rejects.toThrow(/limit exceeded/);
    await expect(
      withText('{% assign s = "xxxxxxxxxx" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}'),
    ).rejects.toThrow(/limit exceeded/);
    await expect(withText('{% for i in (1..500) %}0123456789{% endfor %}', { outputLimit: 1000 })).rejects.toThrow(
      /exceeds the limit of 1000/,
    );
  });

  it('never reads files', async () => {
    await expect(withText('{% include "/etc/passwd" %}')).rejects.toBeInstanceOf(TemplateRenderError);
    await expect(withText('{% render "../../package.json" %}')).rejects.toBeInstanceOf(TemplateRenderError);
    await expect(withText('{% layout "/etc/hosts" %}x')).rejects.toBeInstanceOf(TemplateRenderError);
    // Files under the working directory would be found by Liquid's default file system.
    await expect(withText('{% include package.json %}')).rejects.toThrow(/Failed to lookup/);
    await expect(withText('{% render package.json %}')).rejects.toThrow(/Failed to lookup/);
    await expect(withText('{% include "package.json" %}')).rejects.toThrow(/Failed to lookup/);
  });

  it('rejects unknown filters and syntax errors when the renderer is created', () => {
    expect(() => createTemplateRenderer({ company, templates: [{ id: 'x', text: '{{ 1 | evil }}' }] })).toThrow(ConfigError);
    expect(() => createTemplateRenderer({ company, templates: [{ id: 'x', text: '{% if %}' }] })).toThrow(
      /templates\.x\/neutral\/en\.text/,
    );
    expect(() =>
      createTemplateRenderer({ company, limits: { parseLimit: 10 }, defaults: [], templates: [{ id: 'x', text: 'a'.repeat(11) }] }),
    ).toThrow(ConfigError);
  });

  it('validates options and template sets with field paths', () => {
    expect(() => createTemplateRenderer({ company: { name: '' } })).toThrow(ValidationError);
    try {
      createTemplateRenderer({ company, templates: [{ id: 'x', tone: 'angry' as 'firm', text: 'x' }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues[0]?.field).toBe('[0].tone');
    }
  });
});

describe('template choice', () => {
  it('lists the fallback order', () => {
    expect(fallbackKeys('notice.due', 'firm', 'fr-ca')).toEqual([
      'notice.due/firm/fr-CA',
      'notice.due/firm/fr',
      'notice.due/firm/en',
      'notice.due/neutral/fr-CA',
      'notice.due/neutral/fr',
      'notice.due/neutral/en',
    ]);
    expect(fallbackKeys('x', 'neutral', 'en')).toEqual(['x/neutral/en']);
  });

  it('falls back locale by locale, then tone', () => {
    expect(renderer.resolve('notice.due', 'neutral', 'fr-CA').locale).toBe('fr');
    expect(renderer.resolve('notice.due', 'neutral', 'es-ES').locale).toBe('en');
    expect(renderer.resolve('notice.overdue', 'firm', 'de-AT')).toMatchObject({ tone: 'firm', locale: 'de' });
    expect(renderer.resolve('notice.due', 'final', 'de-DE')).toMatchObject({ tone: 'neutral', locale: 'de' });
    expect(renderer.resolve('letter.demand', 'partnership', 'fr-FR')).toMatchObject({ tone: 'partnership', locale: 'fr' });
    expect(renderer.resolve('letter.demand', 'partnership', 'es-ES')).toMatchObject({ tone: 'partnership', locale: 'en' });
    expect(renderer.resolve('call.request', 'firm', 'en-GB')).toMatchObject({ tone: 'neutral', locale: 'en' });
  });

  it('prefers an exact regional variant over the language', () => {
    const r = createTemplateRenderer({
      company,
      templates: [{ id: 'notice.due', tone: 'neutral', locale: 'fr-CA', subject: 'Québec', text: 'Bonjour' }],
    });
    expect(r.resolve('notice.due', 'neutral', 'fr-CA').subject).toBe('Québec');
    expect(r.resolve('notice.due', 'neutral', 'fr-FR').locale).toBe('fr');
  });

  it('skips variants lacking the part the channel needs', () => {
    const r = createTemplateRenderer({
      company,
      defaults: [],
      templates: [
        { id: 'x', tone: 'firm', text: 'long', locale: 'de' },
        { id: 'x', text: 'text', sms: 'short' },
      ],
    });
    expect(r.resolve('x', 'firm', 'de-DE', 'sms')).toMatchObject({ tone: 'neutral', locale: 'en' });
    expect(r.resolve('x', 'firm', 'de-DE', 'text')).toMatchObject({ tone: 'firm', locale: 'de' });
  });

  it('names what is missing when nothing matches', async () => {
    expect(() => renderer.resolve('notice.nope', 'firm', 'fr-FR')).toThrow(TemplateNotFoundError);
    await expect(
      renderer.preview(fixtureDecision({ template: 'internal.credit-hold', channel: 'voice' }), fixtureSnapshot()),
    ).rejects.toThrow(
      'templates: no template "internal.credit-hold" with a voice part; tried internal.credit-hold/neutral/en-US, internal.credit-hold/neutral/en',
    );
  });

  it('lets later variants replace earlier ones', () => {
    const index = indexTemplates([{ id: 'a', text: 'one' }], [{ id: 'a', locale: 'en', tone: 'neutral', text: 'two' }]);
    expect(index.get('a/neutral/en')?.text).toBe('two');
  });
});

describe('rendering', () => {
  it('renders a short SMS with the SMS part and nothing else', async () => {
    const m = await renderer.preview(fixtureDecision({ template: 'notice.overdue', tone: 'firm', channel: 'sms' }), fixtureSnapshot());
    expect(m).toEqual({
      text: 'Initech: invoice INV-1042 ($4,000.00) is 7 days overdue. Please pay now. Pay: https://pay.initech.example/i/inv-1042 Reply STOP to opt out.',
      headers: { 'X-Dueflow-Template': 'notice.overdue/firm/en' },
    });
  });

  it('refuses an SMS longer than 320 characters', async () => {
    const r = createTemplateRenderer({
      company,
      templates: [{ id: 'notice.overdue', tone: 'firm', text: 'x', sms: '{% for i in (1..33) %}0123456789{% endfor %}' }],
    });
    await expect(
      r.preview(fixtureDecision({ template: 'notice.overdue', tone: 'firm', channel: 'sms' }), fixtureSnapshot()),
    ).rejects.toThrow(`more than ${SMS_MAX_LENGTH}`);
  });

  it('renders a spoken script for voice', async () => {
    const m = await renderer.preview(fixtureDecision({ template: 'notice.overdue', tone: 'firm', channel: 'voice' }), fixtureSnapshot());
    expect(m.subject).toBeUndefined();
    expect(m.html).toBeUndefined();
    expect(m.text).toMatch(/^Hello, this is Initech calling about invoice INV-1042\./);
  });

  it('previews exactly what render sends', async () => {
    const decision = fixtureDecision({ template: 'notice.due', tone: 'neutral', channel: 'email', at: '2025-03-03T15:00:00.000Z' });
    const snapshot = fixtureSnapshot();
    const rendered = await renderer.render({ decision, snapshot, tenantId: 't1', now: Date.parse('2025-03-03T15:00:00.000Z') });
    expect(await renderer.preview(decision, snapshot)).toEqual(rendered);
    expect(rendered.headers).toEqual({ 'X-Dueflow-Template': 'notice.due/neutral/en', 'Reply-To': 'ar@initech.example' });
  });

  it('computes days from the instant of sending in the recipient zone', async () => {
    const decision = fixtureDecision({ template: 'notice.overdue', tone: 'firm', channel: 'email' });
    // 2025-03-11T03:00Z is still March 10 in New York.
    const m = await renderer.render({ decision, snapshot: fixtureSnapshot(), tenantId: 't', now: Date.parse('2025-03-11T03:00:00Z') });
    expect(m.subject).toBe('Overdue: invoice INV-1042 is 7 days past due');
  });

  it('leaves the payment link out when none is configured', async () => {
    const r = createTemplateRenderer({ company: { name: 'Initech' } });
    const m = await r.preview(fixtureDecision({ template: 'notice.overdue', tone: 'neutral', channel: 'email' }), fixtureSnapshot());
    expect(m.text).not.toContain('pay online');
    expect(m.headers?.['Reply-To']).toBeUndefined();
  });

  it('url-encodes invoice fields in the payment link', async () => {
    const s = fixtureSnapshot(
      {},
      {
        invoice: {
          id: 'a/b?c',
          number: 'N 1',
          customerId: 'cus-1',
          issueDate: '2025-02-01',
          dueDate: '2025-03-03',
          total: { amount: 100, currency: 'EUR' },
        },
      },
    );
    const m = await renderer.preview(fixtureDecision({ template: 'notice.overdue', tone: 'firm', channel: 'sms' }), s);
    expect(m.text).toContain('https://pay.initech.example/i/a%2Fb%3Fc');
  });
});
