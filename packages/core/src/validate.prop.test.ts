import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbPolicyInput, arbSnapshot } from '@dueflow/testing/arbitraries';
import { ConfigError, formatPath, ValidationError } from './errors.js';
import { compilePolicy } from './model/policy.js';
import { parseSnapshot } from './engine/snapshot.js';

type Path = (string | number)[];

/** Every path into a JSON-like value (objects and array elements included). */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
      : [];
  for (const [key, child] of children) {
    out.push([...prefix, key]);
    pathsOf(child, [...prefix, key], out);
  }
  return out;
}

function setAt(root: unknown, path: Path, replacement: unknown): unknown {
  const copy = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = replacement;
  return copy;
}

const arbBadValue = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, -1, 1.5, Number.NaN, Infinity, '', 'Mars/Olympus', 'XXX', '2025-02-30', true, [], {}, 2 ** 53),
  fc.anything({ maxDepth: 2 }),
);

/** Runs `fn`; only a ValidationError or a ConfigError may escape, and it must name a field. */
function onlyTypedErrors(fn: () => unknown): ValidationError | ConfigError | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (e instanceof ValidationError) {
      expect(e.issues.length).toBeGreaterThan(0);
      for (const issue of e.issues) {
        expect(issue.field.length).toBeGreaterThan(0);
        expect(issue.message.length).toBeGreaterThan(0);
      }
      expect(e.message).toContain(e.issues[0]!.field);
      return e;
    }
    if (e instanceof ConfigError) {
      expect(e.message).toMatch(/^[a-z]+[.[]/);
      return e;
    }
    throw e;
  }
}

/** Whether some issue is about the mutated field, an enclosing object, or a field inside it. */
function namesMutatedField(error: ValidationError, mutated: Path): boolean {
  const dotted = formatPath(mutated);
  return error.issues.some((issue) => {
    const p = issue.path;
    const shared = p.findIndex((k, i) => i >= mutated.length || k !== mutated[i]);
    const common = shared === -1 ? p.length : shared;
    // Cross-references name the field they are checked against ("does not match customer.id"),
    // from the record both fields belong to ("more than the payment's amount.amount").
    if (issue.message.includes(dotted) || (common < mutated.length && issue.message.includes(formatPath(mutated.slice(common)))))
      return true;
    // Cross-field rules (due before issue, currency of a payment) report a sibling of the mutated field.
    return common >= Math.min(p.length, mutated.length) || common >= mutated.length - 1;
  });
}

describe('schema fuzzing: only typed errors escape, naming the field', () => {
  it('compilePolicy on anything', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => void onlyTypedErrors(() => compilePolicy(input as never))),
      { numRuns: 300 },
    );
  });

  it('parseSnapshot on anything', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => void onlyTypedErrors(() => parseSnapshot(input))),
      { numRuns: 300 },
    );
  });

  it('compilePolicy on mutated valid policies', () => {
    fc.assert(
      fc.property(arbPolicyInput(), fc.nat(), arbBadValue, (input, pick, bad) => {
        const paths = pathsOf(input);
        if (paths.length === 0) return;
        const path = paths[pick % paths.length]!;
        const error = onlyTypedErrors(() => compilePolicy(setAt(input, path, bad) as never));
        if (error instanceof ValidationError)
          expect(
            namesMutatedField(error, path),
            `mutated ${path.join('.')}; issues at ${error.issues.map((i) => i.field).join(', ')}`,
          ).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it('parseSnapshot on mutated valid snapshots', () => {
    fc.assert(
      fc.property(arbSnapshot({}, { maxMoves: 4 }), fc.nat(), arbBadValue, (input, pick, bad) => {
        const paths = pathsOf(input);
        const path = paths[pick % paths.length]!;
        const error = onlyTypedErrors(() => parseSnapshot(setAt(input, path, bad)));
        if (error instanceof ValidationError)
          expect(
            namesMutatedField(error, path),
            `mutated ${path.join('.')}; issues at ${error.issues.map((i) => i.field).join(', ')}`,
          ).toBe(true);
      }),
      { numRuns: 120 },
    );
  });
});
