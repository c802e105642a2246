import { addDays, compilePolicy, DEFAULT_LADDER, LadderSchema, nextAction } from '@dueflow/core';
import { describe, expect, it } from 'vitest';
import { createTemplateRenderer } from './template-renderer.js';
import { fixtureSnapshot } from './test-fixtures.js';

const renderer = createTemplateRenderer({ company: { name: 'Initech', paymentUrl: 'https://pay.initech.example/i/{{ invoice.id }}' } });

describe('decisions of the engine', () => {
  it('render for every step of the default ladder, for standard and strategic customers', async () => {
    const policy = compilePolicy({ segments: [{ id: 'strategic', name: 'Strategic', tone: 'partnership' }] });
    const ladder = LadderSchema.parse(DEFAULT_LADDER);
    const seen = new Set<string>();
    for (const segment of ['standard', 'strategic']) {
      const snapshot = fixtureSnapshot({ segment });
      for (const step of ladder.steps) {
        // Probe the step's day and the next few, since weekends move steps to a working day.
        for (let extra = 0; extra < 4; extra++) {
          const now = `${addDays(snapshot.invoice.dueDate, step.offsetDays + extra)}T15:00:00Z`;
          const decision = nextAction(snapshot, Date.parse(now), policy);
          if (decision.kind !== 'act' || decision.step.id !== step.id) continue;
          const message = await renderer.render({ decision, snapshot, tenantId: 't', now: Date.parse(now) });
          const header = message.headers?.['X-Dueflow-Template'] ?? '';
          expect(header.startsWith(`${decision.action.template}/`), `${segment} ${step.id}: ${header}`).toBe(true);
          expect(message.text.length).toBeGreaterThan(40);
          if (segment === 'strategic' && decision.action.channel !== undefined) expect(header).toContain('/partnership/');
          seen.add(`${segment}:${step.id}`);
          break;
        }
      }
    }
    expect(seen.size).toBe(17);
    // Every step is reached for someone (the plan offer only for strategic customers).
    for (const step of ladder.steps) expect([...seen].some((s) => s.endsWith(`:${step.id}`)), step.id).toBe(true);
  });
});
