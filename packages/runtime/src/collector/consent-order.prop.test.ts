import fc from 'fast-check';
import { compilePolicy } from '@dueflow/core';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../memory/memory-storage.js';
import { createCollector } from './collector.js';
import type { InboundEvent } from './inbound-event.js';

// The consent rule of record(): an opt-out or opt-in applies only when no consent change of the
// same contact and channel is recorded at a later instant, and never twice for one provider
// delivery (`deliveryId`), whenever and however often that delivery is replayed.
const T0 = Date.parse('2025-03-10T16:00:00Z');
const policy = compilePolicy({
  segments: [],
  ladders: [
    {
      id: 'l',
      name: 'L',
      steps: [{ id: 's', name: 'S', offsetDays: 7, action: { type: 'message', channels: ['sms'], template: 'notice.overdue' } }],
    },
  ],
});

async function setup() {
  const storage = createMemoryStorage();
  await storage.commit({
    customers: [
      {
        id: 'acme',
        name: 'Acme',
        timeZone: 'UTC',
        tags: [],
        locale: 'en-US',
        contacts: [{ id: 'ap', role: 'billing', phone: '+14155550100', optOuts: [], suppressed: [] }],
      },
    ],
  });
  const collector = createCollector({ storage, channels: [], clock: { now: () => T0 }, policy });
  return {
    record: (event: InboundEvent) => collector.record(event),
    optedOut: async () => (await storage.getCustomer('acme'))!.contacts[0]!.optOuts.includes('sms'),
    consent: async () => (await storage.listActivities({ customerId: 'acme', types: ['contact'] })).filter((a) => a.type === 'contact'),
  };
}

type Kind = 'opt-out' | 'opt-in';
const event = (type: Kind, at: number, deliveryId?: string): InboundEvent => ({
  type,
  channel: 'sms',
  at,
  address: '+14155550100',
  ...(deliveryId === undefined ? {} : { deliveryId }),
});

describe('consent ordering in record()', () => {
  it.each<[string, [Kind, number, string?][], boolean]>([
    [
      'a later STOP wins over an earlier START',
      [
        ['opt-in', 1, 'd1'],
        ['opt-out', 2, 'd2'],
      ],
      true,
    ],
    [
      'an older START arriving after a STOP is not applied',
      [
        ['opt-out', 2, 'd2'],
        ['opt-in', 1, 'd1'],
      ],
      true,
    ],
    [
      'an older STOP arriving after a START is not applied',
      [
        ['opt-in', 2, 'd2'],
        ['opt-out', 1, 'd1'],
      ],
      false,
    ],
    [
      'a START replayed later (receipt time) after a STOP is not applied',
      [
        ['opt-in', 1, 'd1'],
        ['opt-out', 2, 'd2'],
        ['opt-in', 3, 'd1'],
      ],
      true,
    ],
    [
      'a STOP replayed later after a START is not applied',
      [
        ['opt-out', 1, 'd1'],
        ['opt-in', 2, 'd2'],
        ['opt-out', 9, 'd1'],
      ],
      false,
    ],
    [
      'a START that changed nothing is still remembered',
      [
        ['opt-in', 1, 'd1'],
        ['opt-out', 2, 'd2'],
        ['opt-in', 5, 'd1'],
        ['opt-in', 6, 'd1'],
      ],
      true,
    ],
    [
      'a new START after a STOP opts back in',
      [
        ['opt-out', 1, 'd1'],
        ['opt-in', 2, 'd2'],
      ],
      false,
    ],
    [
      'without delivery ids, an older event arriving late is not applied',
      [
        ['opt-out', 2],
        ['opt-in', 1],
      ],
      true,
    ],
  ])('%s', async (_name, sequence, optedOut) => {
    const s = await setup();
    for (const [type, minutes, id] of sequence) await s.record(event(type, T0 + minutes * 60_000, id));
    expect(await s.optedOut()).toBe(optedOut);
  });

  it('records one consent activity per delivery, with why it was not applied', async () => {
    const s = await setup();
    await s.record(event('opt-in', T0, 'd1'));
    await s.record(event('opt-out', T0 + 2_000, 'd2'));
    await s.record(event('opt-in', T0 + 1_000, 'd3'));
    await s.record(event('opt-in', T0 + 9_000, 'd1'));
    expect((await s.consent()).map((a) => [a.event, a.detail])).toEqual([
      ['opted-in', 'no change: already opted in'],
      ['opted-in', 'not applied: a later consent change of sms is recorded'],
      ['opted-out', undefined],
    ]);
  });

  it('ends in the state of the newest delivery, whatever the arrival order and replays', async () => {
    // Distinct deliveries with distinct provider times; each may be replayed later, with the same
    // signed time or with a later arrival time (providers without a signed timestamp).
    const delivery = fc.record({ type: fc.constantFrom<Kind>('opt-out', 'opt-in'), minute: fc.integer({ min: 0, max: 10_000 }) });
    const arrival = fc.uniqueArray(delivery, { minLength: 1, maxLength: 8, selector: (d) => d.minute }).chain((deliveries) =>
      fc
        .array(
          fc.record({
            index: fc.nat({ max: deliveries.length - 1 }),
            laterBy: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: undefined }),
          }),
          { maxLength: 8 },
        )
        .chain((replays) =>
          fc.shuffledSubarray([...deliveries.map((_, index) => ({ index, laterBy: undefined as number | undefined })), ...replays], {
            minLength: deliveries.length + replays.length,
          }),
        )
        .map((order) => ({ deliveries, order })),
    );
    await fc.assert(
      fc.asyncProperty(arrival, async ({ deliveries, order }) => {
        const s = await setup();
        for (const { index, laterBy } of order) {
          const d = deliveries[index]!;
          await s.record(event(d.type, T0 + (d.minute + (laterBy ?? 0)) * 60_000, `d${index}`));
        }
        // Replays are ignored however late they arrive, so what counts is each delivery's first arrival.
        const first = new Map<number, number>();
        for (const { index, laterBy } of order) if (!first.has(index)) first.set(index, deliveries[index]!.minute + (laterBy ?? 0));
        const times = [...first.values()];
        const newest = [...first].find(([, t]) => t === Math.max(...times))!;
        const ties = times.filter((t) => t === newest[1]).length;
        fc.pre(ties === 1);
        expect(await s.optedOut()).toBe(deliveries[newest[0]]!.type === 'opt-out');
        expect((await s.consent()).length).toBe(first.size);
      }),
      { numRuns: 150 },
    );
  });
});
