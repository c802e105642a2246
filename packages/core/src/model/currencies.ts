/**
 * ISO 4217 active currency codes and their minor-unit exponents.
 *
 * An explicit table rather than `Intl`: CLDR's display digits differ from ISO 4217 for some
 * currencies (IQD, ISK, ...) and vary by ICU build, and money must mean the same everywhere.
 *
 * @module
 */

const EXPONENT_0 = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const EXPONENT_3 = 'BHD IQD JOD KWD LYD OMR TND';
const EXPONENT_4 = 'CLF UYW';
const EXPONENT_2 =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL ' +
  'GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD ' +
  'LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN ' +
  'PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL ' +
  'THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL';

function table(): ReadonlyMap<string, number> {
  const map = new Map<string, number>();
  for (const [codes, exponent] of [
    [EXPONENT_0, 0],
    [EXPONENT_2, 2],
    [EXPONENT_3, 3],
    [EXPONENT_4, 4],
  ] as const) {
    for (const code of codes.split(' ')) map.set(code, exponent);
  }
  return map;
}

/** Minor-unit exponent of every supported ISO 4217 currency code (`JPY` 0, `USD` 2, `KWD` 3, `CLF` 4). */
export const CURRENCY_EXPONENTS: ReadonlyMap<string, number> = table();

/**
 * The minor-unit exponent of a currency, or `undefined` for an unknown code.
 *
 * @example
 * ```ts
 * currencyExponent('JPY'); // 0
 * currencyExponent('KWD'); // 3
 * ```
 */
export function currencyExponent(code: string): number | undefined {
  return CURRENCY_EXPONENTS.get(code);
}

/**
 * Whether `code` is a supported ISO 4217 currency code (upper case).
 *
 * @example
 * ```ts
 * isCurrencyCode('EUR'); // true
 * isCurrencyCode('eur'); // false
 * ```
 */
export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && CURRENCY_EXPONENTS.has(code);
}
