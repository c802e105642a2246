/**
 * The public surface is deliberate: every name each entry point exports is listed, with its kind,
 * in `api/<package>/<entry>.api.md`, and this test fails when the sources export a name the
 * reports do not list, or no longer export one they do. Run `pnpm api:update` to rewrite the
 * reports, and review their diff: it is the change of the public API.
 */
import { describe, expect, it } from 'vitest';
import { currentReports, readReport, reportFiles, reportPath, reportsDir } from '../scripts/api-report.js';
import { relative } from 'node:path';

/** What differs between the sources and the checked-in reports, one line per name. */
function apiDifferences(): string[] {
  const problems: string[] = [];
  const reports = currentReports();
  const expected = new Set(reports.map((r) => relative(reportsDir, reportPath(r.entry)).split('\\').join('/')));
  for (const { entry, lines } of reports) {
    const recorded = readReport(entry);
    if (recorded === undefined) {
      problems.push(`${entry.specifier}: no report (${relative(reportsDir, reportPath(entry))}): a new entry point exporting ${lines.length} names`);
      continue;
    }
    const before = new Set(recorded);
    const now = new Set(lines);
    for (const line of lines) if (!before.has(line)) problems.push(`${entry.specifier}: added ${line}`);
    for (const line of recorded) if (!now.has(line)) problems.push(`${entry.specifier}: removed ${line}`);
  }
  for (const file of reportFiles()) if (!expected.has(file)) problems.push(`api/${file}: the report of an entry point that no longer exists`);
  return problems;
}

describe('public API report', () => {
  it('lists exactly what every entry point exports', () => {
    const problems = apiDifferences();
    expect(problems, `The public API changed; if that is intended, run \`pnpm api:update\` and commit api/:\n  ${problems.join('\n  ')}\n`).toEqual([]);
  });
});
