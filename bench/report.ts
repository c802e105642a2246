/**
 * `BENCHMARKS.md`: the harness owns one marked section per suite, between
 * `<!-- bench:<suite>:start -->` and `<!-- bench:<suite>:end -->`, and rewrites only those; the
 * prose around them is left as it is. A suite without markers gets a new section at the end.
 *
 * @module
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Result } from './harness.js';
import type { Machine } from './machine.js';

/** What the report says about the run itself. */
export interface RunInfo {
  /** When the run started (ISO instant, taken by the harness at run time). */
  readonly date: string;
  readonly machine: Machine;
  readonly quick: boolean;
}

/** One suite's report. */
export interface SuiteReport {
  readonly suite: string;
  readonly description: string | undefined;
  readonly results: readonly Result[];
  readonly notes: readonly string[];
}

/** The start marker of a suite's section. */
export function startMarker(suite: string): string {
  return `<!-- bench:${suite}:start -->`;
}

/** The end marker of a suite's section. */
export function endMarker(suite: string): string {
  return `<!-- bench:${suite}:end -->`;
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function formatRatio(value: number): string {
  return value >= 10 ? `${oneDecimal.format(value)}×` : `${value.toFixed(2)}×`;
}

/**
 * The body of a suite's section (without the markers): run line, results table, targets, notes.
 *
 * @example
 * ```ts
 * renderSection(run, { suite: 'engine', description, results, notes: [] });
 * ```
 */
export function renderSection(run: RunInfo, report: SuiteReport): string {
  const m = run.machine;
  const lines: string[] = [];
  lines.push('<!-- Written by `pnpm bench`; edits between these markers are replaced on the next run. -->');
  if (report.description !== undefined) lines.push('', report.description);
  lines.push(
    '',
    `Run ${run.date}${run.quick ? ' (quick smoke run, not representative)' : ''} on ${m.cores} cores of ${m.cpu}, Node ${m.node} (${m.platform}, ${m.memoryGiB} GiB)${m.commit !== undefined ? `, commit ${m.commit}` : ''}. ` +
      'Each figure is the median of the runs shown; min and max are the slowest and fastest run. ' +
      'Ops per CPU-second divide by the CPU time the process used rather than the wall-clock time: on a shared machine it is closer to what one core does.',
    '',
    '| Case | ops/s (median) | ns/op | runs | min … max ops/s | spread | ops per CPU-second | compared with | what is timed |',
    '| --- | ---: | ---: | ---: | --- | ---: | ---: | --- | --- |',
  );
  for (const r of report.results) {
    const ratios = Object.entries(r.ratios ?? {})
      .map(([other, value]) => `${formatRatio(value)} ${other}`)
      .join(', ');
    lines.push(
      `| ${cell(r.name)} | ${int.format(r.opsPerSec)} | ${oneDecimal.format(r.nsPerOp)} | ${r.runs} | ${int.format(r.min)} … ${int.format(r.max)} | ${(r.spread * 100).toFixed(1)}% | ${int.format(r.cpuOpsPerSec)} | ${cell(ratios)} | ${cell(r.note ?? '')} |`,
    );
  }
  const targets = report.results.flatMap((r) => (r.targets ?? []).map((t) => ({ name: r.name, t })));
  if (targets.length > 0) {
    lines.push('', 'Targets:', '');
    for (const { name, t } of targets) {
      const shown = t.what.startsWith('opsPerSec')
        ? `${int.format(t.actual)} ops/s, target ≥ ${int.format(t.min)}`
        : `${oneDecimal.format(t.actual)}, target ≥ ${oneDecimal.format(t.min)}`;
      lines.push(`- ${name}, ${t.what}: ${shown}: **${t.met ? 'met' : 'missed'}**`);
    }
  }
  if (report.notes.length > 0) {
    lines.push('', 'Notes:', '');
    for (const note of report.notes) lines.push(`- ${note}`);
  }
  return lines.join('\n');
}

/**
 * Replaces the marked section of `suite` in `document` with `body`, or appends a new section
 * with a heading when the markers are absent. Text outside the markers is kept byte for byte.
 *
 * @example
 * ```ts
 * replaceSection('# B\n<!-- bench:x:start -->\nold\n<!-- bench:x:end -->\n', 'x', 'new');
 * // '# B\n<!-- bench:x:start -->\nnew\n<!-- bench:x:end -->\n'
 * ```
 */
export function replaceSection(document: string, suite: string, body: string): string {
  const start = startMarker(suite);
  const end = endMarker(suite);
  const from = document.indexOf(start);
  const to = from < 0 ? -1 : document.indexOf(end, from + start.length);
  if (from >= 0 && to >= 0) return `${document.slice(0, from + start.length)}\n${body}\n${document.slice(to)}`;
  if (from >= 0 || document.includes(end))
    throw new Error(`BENCHMARKS.md: the markers of suite "${suite}" are unbalanced; fix them by hand`);
  const sep = document.length === 0 || document.endsWith('\n\n') ? '' : document.endsWith('\n') ? '\n' : '\n\n';
  return `${document}${sep}## Suite \`${suite}\`\n\n${start}\n${body}\n${end}\n`;
}

const HEADER = '# Benchmarks\n\nMeasured by `pnpm bench`; see `bench/README.md`.\n';

/**
 * Rewrites the sections of the given suites in the file at `file`, atomically (write then
 * rename), creating the file when it does not exist.
 *
 * @example
 * ```ts
 * writeReports('/repo/BENCHMARKS.md', run, [report]);
 * ```
 */
export function writeReports(file: string, run: RunInfo, reports: readonly SuiteReport[]): void {
  let document = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  for (const report of reports) document = replaceSection(document, report.suite, renderSection(run, report));
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, document);
  renameSync(temp, file);
}
