/**
 * Summarises a V8 CPU profile (`pnpm bench -- --only engine --cpu-prof` writes them to
 * `bench/.out/profiles/`): self time per function, largest first, with each function's file and
 * line, and optionally only the samples under one function (`--under nextAction`).
 *
 * Usage: `tsx bench/profile-summary.ts <file.cpuprofile> [--top 30] [--under name] [--lines name]`
 * (`--lines nextAction`: the most sampled source lines of that function, inlined callees included).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
  /** Samples per source line (1-based), where V8 recorded them. */
  readonly positionTicks?: readonly { readonly line: number; readonly ticks: number }[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function isProfile(value: unknown): value is Profile {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return Array.isArray(p.nodes) && Array.isArray(p.samples) && Array.isArray(p.timeDeltas);
}

/** One function's share of the profile. */
export interface FunctionTime {
  readonly name: string;
  readonly location: string;
  readonly selfMs: number;
  readonly share: number;
}

/**
 * Self time per function of a profile, largest first; with `under`, only samples whose stack
 * contains a function of that name, and shares relative to those samples.
 *
 * @example
 * ```ts
 * summarize(JSON.parse(text), 'nextAction').slice(0, 10);
 * ```
 */
export function summarize(profile: unknown, under?: string): FunctionTime[] {
  if (!isProfile(profile)) throw new Error('not a V8 CPU profile');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inside = new Map<number, boolean>();
  const isUnder = (id: number): boolean => {
    if (under === undefined) return true;
    const known = inside.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const p = parent.get(id);
    const result = node !== undefined && (node.callFrame.functionName === under || (p !== undefined && isUnder(p)));
    inside.set(id, result);
    return result;
  };
  const self = new Map<string, { name: string; location: string; us: number }>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (node === undefined || !isUnder(id)) return;
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    const f = node.callFrame;
    const location = f.url === '' ? '' : `${path.basename(f.url)}:${f.lineNumber + 1}`;
    const key = `${f.functionName}@${location}`;
    const entry = self.get(key) ?? { name: f.functionName === '' ? '(anonymous)' : f.functionName, location, us: 0 };
    entry.us += us;
    self.set(key, entry);
  });
  return [...self.values()]
    .sort((a, b) => b.us - a.us)
    .map((e) => ({ name: e.name, location: e.location, selfMs: Math.round(e.us / 100) / 10, share: total === 0 ? 0 : e.us / total }));
}

/**
 * Self samples per source line of the functions named `name`, most sampled first.
 *
 * @example
 * ```ts
 * hotLines(JSON.parse(text), 'nextAction').slice(0, 10); // [{ location: 'index.js:2351', ticks: 120, share: 0.08 }, ...]
 * ```
 */
export function hotLines(profile: unknown, name: string): { location: string; ticks: number; share: number }[] {
  if (!isProfile(profile)) throw new Error('not a V8 CPU profile');
  const ticks = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    if (node.callFrame.functionName !== name) continue;
    for (const t of node.positionTicks ?? []) {
      const key = `${path.basename(node.callFrame.url)}:${t.line}`;
      ticks.set(key, (ticks.get(key) ?? 0) + t.ticks);
      total += t.ticks;
    }
  }
  return [...ticks.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([location, n]) => ({ location, ticks: n, share: total === 0 ? 0 : n / total }));
}

function main(): void {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: { top: { type: 'string', default: '30' }, under: { type: 'string' }, lines: { type: 'string' } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (file === undefined) throw new Error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [--top 30] [--under name]');
  if (values.lines !== undefined) {
    for (const r of hotLines(JSON.parse(readFileSync(file, 'utf8')) as unknown, values.lines).slice(0, Number(values.top))) {
      process.stdout.write(`${(r.share * 100).toFixed(1).padStart(5)}%  ${String(r.ticks).padStart(7)} samples  ${r.location}\n`);
    }
    return;
  }
  const rows = summarize(JSON.parse(readFileSync(file, 'utf8')) as unknown, values.under).slice(0, Number(values.top));
  for (const r of rows)
    process.stdout.write(`${(r.share * 100).toFixed(1).padStart(5)}%  ${String(r.selfMs).padStart(9)} ms  ${r.name}  ${r.location}\n`);
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1]))) main();
