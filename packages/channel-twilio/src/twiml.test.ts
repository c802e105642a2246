import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callTwiml, dialTwiml, escapeXml, hangupTwiml } from './twiml.js';

const unescapeXml = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

// Markup and XML-forbidden characters mixed into ordinary text.
const textWithMarkup = fc.string({
  unit: fc.oneof(
    fc.constantFrom('&', '<', '>', '"', "'", ';', '&amp;', '\u0000', '\u000B', '\u001F', '\uFFFE', '\n'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 80,
});

describe('TwiML', () => {
  it('says the script and offers a transfer through Gather', () => {
    const xml = callTwiml({
      text: 'Hello from Acme & Co about <INV-1042>.',
      transferTo: '+14155550199',
      gatherUrl: 'https://api.example.com/twilio/gather?x=1',
      voiceName: 'Polly.Joanna',
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        '<Gather numDigits="1" timeout="6" method="POST" action="https://api.example.com/twilio/gather?x=1&amp;transferTo=%2B14155550199">' +
        '<Say voice="Polly.Joanna" language="en-US">Hello from Acme &amp; Co about &lt;INV-1042&gt;.</Say>' +
        '<Say voice="Polly.Joanna" language="en-US">To speak to someone now, press 1.</Say>' +
        '</Gather><Say voice="Polly.Joanna" language="en-US">Thank you. Goodbye.</Say></Response>',
    );
  });

  it('only says the script when there is nowhere to transfer', () => {
    expect(callTwiml({ text: 'Hi', language: 'en-GB' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say language="en-GB">Hi</Say></Response>',
    );
    expect(callTwiml({ text: 'Hi', transferTo: '+14155550199' })).not.toContain('<Gather');
  });

  it('dials or hangs up', () => {
    expect(dialTwiml('+14155550199')).toContain('<Dial>+14155550199</Dial>');
    expect(hangupTwiml()).toContain('<Hangup/>');
  });

  it('escapes any text so that it cannot open or close an element, and round-trips it', () => {
    fc.assert(
      fc.property(textWithMarkup, (text) => {
        const escaped = escapeXml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
        expect(unescapeXml(escaped)).toBe(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
      }),
    );
  });
});
