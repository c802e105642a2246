/**
 * The public surface is deliberate: every name each entry point exports is listed, with its kind,
 * in `api/<package>/<entry>.api.md`, and this test fails when the sources export a name the
 * reports do not list, or no longer export one they do. Run `pnpm api:update` to rewrite the
 * reports, and review their diff: it is the change of the public API. A name is exported by one
 * entry point of its package only, so users find it in one place.
 */
import { describe, expect, it } from 'vitest';
import { currentReports, readReport, reportFiles, reportPath, reportsDir, type EntryReport } from '../scripts/api-report.js';
import { relative } from 'node:path';

/** What differs between the sources and the checked-in reports, one line per name. */
function apiDifferences(reports: readonly EntryReport[]): string[] {
  const problems: string[] = [];
  const expected = new Set(reports.map((r) => relative(reportsDir, reportPath(r.entry)).split('\\').join('/')));
  for (const { entry, lines } of reports) {
    const recorded = readReport(entry);
    if (recorded === undefined) {
      problems.push(
        `${entry.specifier}: no report (${relative(reportsDir, reportPath(entry))}): a new entry point exporting ${lines.length} names`,
      );
      continue;
    }
    const before = new Set(recorded);
    const now = new Set(lines);
    for (const line of lines) if (!before.has(line)) problems.push(`${entry.specifier}: added ${line}`);
    for (const line of recorded) if (!now.has(line)) problems.push(`${entry.specifier}: removed ${line}`);
  }
  for (const file of reportFiles())
    if (!expected.has(file)) problems.push(`api/${file}: the report of an entry point that no longer exists`);
  return problems;
}

/** Names a package exports from more than one of its entry points: each name has one home. */
function secondHomes(reports: readonly EntryReport[]): string[] {
  const homes = new Map<string, string[]>();
  for (const { entry, lines } of reports) {
    for (const line of lines) {
      const key = `${entry.folder}\u0000${line.slice(line.indexOf(' ') + 1)}`;
      homes.set(key, [...(homes.get(key) ?? []), entry.specifier]);
    }
  }
  return [...homes]
    .filter(([, specifiers]) => specifiers.length > 1)
    .map(([key, specifiers]) => `${key.split('\u0000')[1]} is exported by ${specifiers.join(' and ')}`);
}

describe('public API report', () => {
  let computed: EntryReport[] | undefined;
  const reports = (): EntryReport[] => (computed ??= currentReports());

  it('lists exactly what every entry point exports', () => {
    const problems = apiDifferences(reports());
    expect(
      problems,
      `The public API changed; if that is intended, run \`pnpm api:update\` and commit api/:\n  ${problems.join('\n  ')}\n`,
    ).toEqual([]);
  });

  it('exports each name from one entry point of its package', () => {
    expect(secondHomes(reports())).toEqual([]);
  });
});
