import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePolicy,
  isoWeekday,
  nextAction,
  parseSnapshot,
  ZoneCache,
  type ActDecision,
  type ActivityInput,
  type ChannelKind,
  type PolicyInput,
  type Snapshot,
} from '../src/index.js';
import { parseClock } from '../src/calendar/index.js';

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'America/Santiago',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
];
const CHANNELS: ChannelKind[] = ['email', 'sms', 'voice'];
const DAY = 86_400_000;
const START = Date.parse('2025-01-01T00:00:00Z');
const cache = new ZoneCache();

const arbPolicy: fc.Arbitrary<PolicyInput> = fc
  .record({
    start: fc.integer({ min: 6, max: 12 }),
    length: fc.integer({ min: 2, max: 10 }),
    zone: fc.constantFrom(...ZONES),
    steps: fc.array(
      fc.record({
        offset: fc.integer({ min: -10, max: 40 }),
        channels: fc.subarray(CHANNELS, { minLength: 1 }),
        every: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    perDay: fc.integer({ min: 1, max: 2 }),
    perWeek: fc.integer({ min: 2, max: 5 }),
    quiet: fc.integer({ min: 0, max: 3 }),
    profile: fc.constantFrom('b2b' as const, 'us-consumer' as const),
  })
  .map(({ start, length, zone, steps, perDay, perWeek, quiet, profile }) => ({
    calendar: {
      timeZone: zone,
      businessDays: [1, 2, 3, 4, 5, 6],
      sendWindow: { start: `${String(start).padStart(2, '0')}:00`, end: `${String(Math.min(start + length, 23)).padStart(2, '0')}:30` },
    },
    ladders: [
      {
        id: 'l',
        name: 'L',
        steps: steps.map((s, i) => ({
          id: `s${i}`,
          name: `Step ${i}`,
          offsetDays: s.offset,
          action: { type: 'message' as const, channels: s.channels, template: 't' },
          ...(s.every !== undefined ? { repeat: { everyDays: s.every } } : {}),
        })),
      },
    ],
    segments: [],
    guardrails: { maxPerDay: perDay, maxPerWeek: perWeek, quietDaysAfterConversation: quiet, profile },
  }));

const arbContact = fc.record({
  zone: fc.constantFrom(...ZONES),
  other: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
  optOuts: fc.subarray(CHANNELS),
  suppressed: fc.subarray(CHANNELS),
});

const arbTouches = fc.array(
  fc.record({
    hoursAgo: fc.integer({ min: 0, max: 24 * 9 }),
    kind: fc.constantFrom('message' as const, 'call-attempt' as const, 'conversation' as const),
    other: fc.boolean(),
  }),
  { maxLength: 8 },
);

function buildSnapshot(contact: ValueOf<typeof arbContact>, touches: ValueOf<typeof arbTouches>, nowMs: number): Snapshot {
  const activities: ActivityInput[] = [];
  const recentContacts: { at: string; invoiceId: string; kind: 'message' | 'call-attempt' | 'conversation' }[] = [];
  touches.forEach((t, i) => {
    const atIso = new Date(nowMs - t.hoursAgo * 3_600_000).toISOString();
    if (t.other) recentContacts.push({ at: atIso, invoiceId: 'other', kind: t.kind });
    else if (t.kind === 'conversation')
      activities.push({ id: `c${i}`, type: 'call', at: atIso, customerId: 'c', invoiceId: 'i', outcome: 'reached' });
    else if (t.kind === 'call-attempt')
      activities.push({ id: `c${i}`, type: 'call', at: atIso, customerId: 'c', invoiceId: 'i', outcome: 'no-answer' });
    else
      activities.push({
        id: `m${i}`,
        type: 'action',
        at: atIso,
        customerId: 'c',
        invoiceId: 'i',
        stepId: 'ad-hoc',
        action: 'message',
        channel: 'email',
        outcome: 'sent',
      });
  });
  return parseSnapshot({
    invoice: {
      id: 'i',
      number: 'I-1',
      customerId: 'c',
      issueDate: '2025-01-01',
      dueDate: '2025-01-31',
      total: { amount: 10_000, currency: 'EUR' },
    },
    customer: {
      id: 'c',
      name: 'C',
      timeZone: contact.zone,
      contacts: [
        {
          id: 'k',
          email: 'k@c.example',
          phone: '+33612345678',
          timeZone: contact.zone,
          ...(contact.other !== undefined ? { otherTimeZones: [contact.other] } : {}),
          optOuts: contact.optOuts,
          suppressed: contact.suppressed,
        },
      ],
    },
    activities,
    recentContacts,
  });
}

function insideWindow(zone: string, nowMs: number, start: string, end: string, businessDays: readonly number[]): boolean {
  const minute = cache.localMinute(zone, nowMs);
  const day = cache.localDay(zone, nowMs);
  return businessDays.includes(isoWeekday(day)) && minute >= parseClock(start) && minute < parseClock(end);
}

function countSince(snapshot: Snapshot, since: number, kinds: readonly string[], sameInvoiceOnly: boolean): number {
  let n = 0;
  for (const a of snapshot.activities) {
    const t = Date.parse(a.at);
    if (t <= since) continue;
    const kind =
      a.type === 'call'
        ? a.outcome === 'reached'
          ? 'conversation'
          : 'call-attempt'
        : a.type === 'action'
          ? a.channel === 'voice'
            ? 'call-attempt'
            : 'message'
          : undefined;
    if (kind !== undefined && kinds.includes(kind)) n++;
  }
  if (!sameInvoiceOnly) for (const c of snapshot.recentContacts) if (Date.parse(c.at) > since && kinds.includes(c.kind)) n++;
  return n;
}

describe('guardrails hold for arbitrary ladders, contacts, histories and time zones', () => {
  it('never acts outside the window, on an opted-out or suppressed channel, or beyond a cap', () => {
    fc.assert(
      fc.property(arbPolicy, arbContact, arbTouches, fc.integer({ min: 0, max: 120 * 96 }), (input, contact, touchList, quarter) => {
        const policy = compilePolicy(input);
        const nowMs = START + quarter * 900_000;
        const snapshot = buildSnapshot(contact, touchList, nowMs);
        const d = nextAction(snapshot, nowMs, policy);
        // Internal actions (the write-off warning) reach no customer and follow the business's hours.
        if (d.kind !== 'act' || d.action.channel === undefined) return;
        const act = d as ActDecision;
        const g = policy.source.guardrails;
        const win = policy.calendar;
        const start = `${String(Math.floor(win.windowStart / 60)).padStart(2, '0')}:${String(win.windowStart % 60).padStart(2, '0')}`;
        const end = `${String(Math.floor(win.windowEnd / 60)).padStart(2, '0')}:${String(win.windowEnd % 60).padStart(2, '0')}`;
        const common = !act.reasons.some((r) => r.code === 'no-common-window');
        for (const zone of [contact.zone, ...(contact.other !== undefined && common ? [contact.other] : [])]) {
          expect(insideWindow(zone, nowMs, start, end, policy.source.calendar.businessDays), `inside the window in ${zone}`).toBe(true);
        }
        expect(Date.parse(act.window.start)).toBeLessThanOrEqual(nowMs);
        expect(Date.parse(act.window.end)).toBeGreaterThan(nowMs);
        const channel = act.action.channel!;
        expect(contact.optOuts).not.toContain(channel);
        expect(contact.suppressed).not.toContain(channel);
        if (channel !== 'voice') {
          expect(countSince(snapshot, nowMs - DAY, ['message'], false)).toBeLessThan(g.maxPerDay);
          expect(countSince(snapshot, nowMs - 7 * DAY, ['message'], false)).toBeLessThan(g.maxPerWeek);
        }
        expect(countSince(snapshot, nowMs - g.quietDaysAfterConversation * DAY, ['conversation'], false)).toBe(0);
        if (g.profile === 'us-consumer' && channel === 'voice') {
          expect(countSince(snapshot, nowMs - 7 * DAY, ['call-attempt', 'conversation'], true)).toBeLessThan(7);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the us-consumer profile never allows an eighth call attempt within 7 days', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 29 }), minute: fc.integer({ min: 0, max: 1439 }), reached: fc.boolean() }), {
          maxLength: 12,
        }),
        fc.integer({ min: 1, max: 3 }),
        (zone, manualCalls, ticksPerDay) => {
          const policy = compilePolicy({
            calendar: { timeZone: zone, businessDays: [1, 2, 3, 4, 5, 6, 7], sendWindow: { start: '00:00', end: '24:00' } },
            ladders: [
              {
                id: 'l',
                name: 'L',
                steps: [
                  {
                    id: 'robo',
                    name: 'Automated call',
                    offsetDays: 0,
                    action: { type: 'message', channels: ['voice'], template: 'voice.reminder' },
                    repeat: { everyDays: 1 },
                  },
                ],
              },
            ],
            segments: [],
            guardrails: { profile: 'us-consumer', quietDaysAfterConversation: 0 },
          });
          const activities: ActivityInput[] = [];
          const base = Date.parse('2025-01-31T00:00:00Z');
          const events = manualCalls.map((c, i) => ({ at: base + c.day * DAY + c.minute * 60_000, reached: c.reached, id: `manual${i}` }));
          const attempts: number[] = [];
          for (let day = 0; day < 30; day++) {
            for (let k = 0; k < ticksPerDay * 8; k++) {
              const nowMs = base + day * DAY + (k * DAY) / (ticksPerDay * 8);
              for (const e of events) {
                if (e.at <= nowMs && !activities.some((a) => a.id === e.id)) {
                  activities.push({
                    id: e.id,
                    type: 'call',
                    at: new Date(e.at).toISOString(),
                    customerId: 'c',
                    invoiceId: 'i',
                    outcome: e.reached ? 'reached' : 'no-answer',
                  });
                  attempts.push(e.at);
                }
              }
              const snapshot = parseSnapshot({
                invoice: {
                  id: 'i',
                  number: 'I',
                  customerId: 'c',
                  issueDate: '2025-01-01',
                  dueDate: '2025-01-31',
                  total: { amount: 5000, currency: 'USD' },
                },
                customer: { id: 'c', name: 'C', timeZone: zone, contacts: [{ id: 'k', phone: '+12025550100' }] },
                activities,
              });
              const d = nextAction(snapshot, nowMs, policy);
              if (d.kind !== 'act' || d.action.channel !== 'voice') continue;
              const recent = attempts.filter((t) => t > nowMs - 7 * DAY).length;
              expect(recent, `call attempts in the 7 days before ${new Date(nowMs).toISOString()}`).toBeLessThan(7);
              const lastConversation = events.filter((e) => e.reached && e.at <= nowMs).reduce((m, e) => Math.max(m, e.at), -Infinity);
              expect(nowMs - lastConversation).toBeGreaterThanOrEqual(7 * DAY);
              activities.push({
                id: d.idempotencyKey,
                type: 'action',
                at: new Date(nowMs).toISOString(),
                customerId: 'c',
                invoiceId: 'i',
                stepId: d.step.id,
                occurrence: d.step.occurrence,
                action: d.action.type,
                channel: d.action.channel,
                outcome: 'sent',
                idempotencyKey: d.idempotencyKey,
              });
              attempts.push(nowMs);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
