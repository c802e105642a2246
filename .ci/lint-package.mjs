#!/usr/bin/env node
// Checks the package in the current folder as npm users get it: packs it with pnpm (workspace
// ranges rewritten, publishConfig applied), then runs publint --strict and attw on the tarball,
// and checks that the manifest names its repository and that README links work on npmjs.com.
// Run by each package's `lint:package` script after a build; `--profile esm-only` for packages
// without a CommonJS build. Usage: node ../../.ci/lint-package.mjs [--profile esm-only]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const profileAt = process.argv.indexOf('--profile');
const profile = profileAt === -1 ? undefined : process.argv[profileAt + 1];
const pnpm = process.env.npm_execpath;
if (pnpm === undefined || !/pnpm/.test(pnpm)) {
  console.error('lint-package: run it through pnpm (pnpm run lint:package, or pnpm lint:packages at the root)');
  process.exit(2);
}

const run = (command, args, options = {}) => execFileSync(command, args, { stdio: 'inherit', ...options });
const out = mkdtempSync(join(tmpdir(), 'dueflow-lint-'));
const problems = [];
try {
  run(process.execPath, [pnpm, 'pack', '--pack-destination', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = join(
    out,
    readdirSync(out).find((f) => f.endsWith('.tgz')),
  );
  const read = (file) => execFileSync('tar', ['-xOzf', tarball, `package/${file}`], { encoding: 'utf8' });

  const pkg = JSON.parse(read('package.json'));
  if (typeof pkg.repository !== 'object' || !pkg.repository.url || !pkg.repository.directory)
    problems.push('package.json: repository needs url and directory');
  if (typeof pkg.homepage !== 'string') problems.push('package.json: no homepage');
  if (typeof pkg.bugs !== 'object' || typeof pkg.bugs.url !== 'string') problems.push('package.json: no bugs.url');
  let readme = '';
  try {
    readme = read('README.md');
  } catch {
    problems.push('no README.md in the tarball');
  }
  // npmjs.com renders the README away from the repository: a relative link leads nowhere there.
  for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (!/^(https?:|mailto:|#)/.test(target))
      problems.push(`README.md: relative link ${target} (make it https://github.com/dueflow/dueflow/blob/main/...)`);
  }

  try {
    run('publint', ['--strict', tarball]);
  } catch {
    problems.push('publint --strict failed (above)');
  }
  try {
    run('attw', [tarball, ...(profile === undefined ? [] : ['--profile', profile])]);
  } catch {
    problems.push(`attw${profile === undefined ? '' : ` --profile ${profile}`} failed (above)`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(problems.map((p) => `✖ ${p}`).join('\n'));
  process.exit(1);
}
