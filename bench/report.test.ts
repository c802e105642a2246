import { describe, expect, it } from 'vitest';
import type { Result } from './harness.js';
import { renderSection, replaceSection } from './report.js';

const result: Result = {
  name: 'nextAction',
  opsPerSec: 1_234_567,
  nsPerOp: 810,
  runs: 7,
  min: 1_200_000,
  max: 1_300_000,
  spread: 0.081,
  cpuOpsPerSec: 1_500_000,
  opsPerRun: 1_000_000,
  ratios: { 'json-rules-engine': 205.3 },
};

describe('BENCHMARKS.md sections', () => {
  it('replaces only the text between the markers', () => {
    const doc = '# Benchmarks\n\nProse before.\n\n<!-- bench:engine:start -->\nold table\n<!-- bench:engine:end -->\n\nProse after.\n';
    const out = replaceSection(doc, 'engine', 'new table');
    expect(out).toBe(
      '# Benchmarks\n\nProse before.\n\n<!-- bench:engine:start -->\nnew table\n<!-- bench:engine:end -->\n\nProse after.\n',
    );
    expect(replaceSection(out, 'engine', 'new table')).toBe(out);
  });

  it('leaves other suites alone and appends a missing one', () => {
    const doc = '<!-- bench:risk:start -->\nrisk\n<!-- bench:risk:end -->\n';
    const out = replaceSection(doc, 'csv', 'csv table');
    expect(out.startsWith(doc)).toBe(true);
    expect(out).toContain('<!-- bench:csv:start -->\ncsv table\n<!-- bench:csv:end -->');
  });

  it('refuses unbalanced markers', () => {
    expect(() => replaceSection('<!-- bench:engine:start -->\nno end\n', 'engine', 'x')).toThrow(/unbalanced/);
  });

  it('renders the table, machine and date', () => {
    const body = renderSection(
      {
        date: '2026-03-11T14:00:00Z',
        quick: false,
        machine: { cores: 2, cpu: 'AMD EPYC', node: 'v20.20.2', platform: 'linux x64', memoryGiB: 23.5, commit: 'abc1234' },
      },
      { suite: 'engine', description: undefined, results: [result], notes: ['A note.'] },
    );
    expect(body).toContain('2026-03-11T14:00:00Z');
    expect(body).toContain('2 cores of AMD EPYC, Node v20.20.2');
    expect(body).toContain('| nextAction | 1,234,567 | 810 | 7 | 1,200,000 … 1,300,000 | 8.1% | 1,500,000 | 205.3× json-rules-engine |');
    expect(body).toContain('- A note.');
  });
});
