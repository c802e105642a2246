import { Liquid } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import {
  daysOverdueFilter,
  FORMAT_CONTEXT,
  formatDateFilter,
  formatMoneyFilter,
  registerDueflowFilters,
  type FormatContext,
} from './filters.js';

const en: FormatContext = { locale: 'en-US', timeZone: 'America/New_York', today: '2025-03-10' };

describe('money', () => {
  it('formats minor units with the currency exponent, by locale', () => {
    expect(formatMoneyFilter({ amount: 420_000, currency: 'USD' }, 'en-US')).toBe('$4,200.00');
    expect(formatMoneyFilter({ amount: 420_000, currency: 'EUR' }, 'de-DE')).toBe('4.200,00\u00a0€');
    expect(formatMoneyFilter({ amount: 1500, currency: 'JPY' }, 'ja-JP')).toBe('￥1,500');
    expect(formatMoneyFilter({ amount: 1_234_567, currency: 'KWD' }, 'en-US', 'code')).toBe('KWD\u00a01,234.567');
  });

  it('refuses anything that is not money', () => {
    expect(() => formatMoneyFilter(12.5, 'en-US')).toThrow(/expected \{ amount, currency \}/);
    expect(() => formatMoneyFilter({ amount: 1.5, currency: 'USD' }, 'en-US')).toThrow(TypeError);
    expect(() => formatMoneyFilter({ amount: 1, currency: 'usd' }, 'en-US')).toThrow(TypeError);
    expect(() => formatMoneyFilter({ amount: 1, currency: 'USD' }, 'en-US', 'name')).toThrow(/display/);
  });
});

describe('date', () => {
  it('writes calendar dates in the locale, long by default, without shifting the day', () => {
    expect(formatDateFilter('2025-03-31', en)).toBe('March 31, 2025');
    expect(formatDateFilter('2025-03-31', en, 'short')).toBe('3/31/25');
    expect(formatDateFilter('2025-03-31', { ...en, locale: 'fr-FR', timeZone: 'Pacific/Kiritimati' })).toBe('31 mars 2025');
    expect(formatDateFilter('2025-03-31', { ...en, locale: 'de-DE' }, 'short')).toBe('31.03.25');
  });

  it('shows instants as their date in the recipient zone', () => {
    expect(formatDateFilter('2025-03-11T03:00:00Z', en)).toBe('March 10, 2025');
  });

  it('refuses other values and styles', () => {
    expect(() => formatDateFilter('2025-02-30', en)).toThrow(/expected a date/);
    expect(() => formatDateFilter(20250301, en)).toThrow(/expected a date/);
    expect(() => formatDateFilter('2025-03-01', en, '%Y')).toThrow(/style must be one of/);
  });
});

describe('days_overdue', () => {
  it('counts whole days to the day of sending, never below zero', () => {
    expect(daysOverdueFilter('2025-03-03', en)).toBe(7);
    expect(daysOverdueFilter('2025-03-20', en)).toBe(0);
    expect(() => daysOverdueFilter('soon', en)).toThrow(TypeError);
  });
});

describe('registration', () => {
  it('reads the format context of the render, invisible to templates', () => {
    const liquid = new Liquid({ strictFilters: true, strictVariables: true });
    registerDueflowFilters(liquid);
    const out = liquid.parseAndRenderSync(
      '{{ m | money }} {{ d | date: "short" }} {{ d | days_overdue }}',
      { m: { amount: 100, currency: 'EUR' }, d: '2025-03-01' },
      {
        globals: { [FORMAT_CONTEXT]: { locale: 'fr-FR', timeZone: 'UTC', today: '2025-03-04' } },
      },
    );
    expect(out).toBe('1,00\u00a0€ 01/03/2025 3');
    expect(() => liquid.parseAndRenderSync('{{ 1 | money }}')).toThrow(/format context/);
  });
});
