import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidTwilioSignature, twilioSignature } from './signature.js';

const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const params: [string, string][] = [
  ['CallSid', 'CA1234567890ABCDE'],
  ['Caller', '+14158675309'],
  ['Digits', '1234'],
  ['From', '+14158675309'],
  ['To', '+18005551212'],
];

describe('twilioSignature', () => {
  it("matches the example of Twilio's security documentation", () => {
    expect(twilioSignature('12345', url, params)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(twilioSignature('12345', url, [...params].reverse())).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
  });

  it('accepts the right signature and refuses a missing or wrong one', () => {
    expect(isValidTwilioSignature('12345', url, params, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(true);
    expect(isValidTwilioSignature('12345', url, params, undefined)).toBe(false);
    expect(isValidTwilioSignature('12345', url, params, '')).toBe(false);
    expect(isValidTwilioSignature('12345', url, params, 'AAAA')).toBe(false);
    expect(isValidTwilioSignature('12346', url, params, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(false);
    expect(isValidTwilioSignature('12345', `${url}&baz=3`, params, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(false);
  });

  it('refuses any change to a parameter value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: params.length - 1 }), fc.string({ minLength: 1, maxLength: 20 }), (index, suffix) => {
        const changed = params.map(([k, v], i): [string, string] => [k, i === index ? v + suffix : v]);
        expect(isValidTwilioSignature('12345', url, changed, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(false);
      }),
    );
  });
});
