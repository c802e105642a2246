// Checks every internal link of the built site (docs/.vitepress/dist): the page or file it
// points at exists, and so does the anchor, when it names one. VitePress's own check covers
// links between markdown pages when it builds; this one also covers anchors, links to files
// (`../examples/x.ts` would be a broken download), the navigation, the sidebar and the API
// reference. Links with a scheme (https:, mailto:) are not fetched.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), 'dist');
if (!existsSync(dist)) {
  console.error(`No built site at ${relative(process.cwd(), dist)}: run \`pnpm run docs\` first.`);
  process.exit(1);
}

function* htmlFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* htmlFiles(path);
    else if (name.endsWith('.html')) yield path;
  }
}

const decode = (text) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
const idsCache = new Map();
function idsOf(file) {
  if (!idsCache.has(file)) {
    const html = readFileSync(file, 'utf8');
    idsCache.set(file, new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decode(m[1]))));
  }
  return idsCache.get(file);
}

/** The file a site path is served from, as VitePress's output and `vitepress preview` do. */
function fileFor(pathname) {
  const path = join(dist, decodeURIComponent(pathname));
  const candidates = pathname.endsWith('/') ? [join(path, 'index.html')] : [path, `${path}.html`, join(path, 'index.html')];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile());
}

const problems = [];
let checked = 0;
const pages = [...htmlFiles(dist)];
if (pages.length === 0) {
  console.error(`No page in ${relative(process.cwd(), dist)}: the site did not build.`);
  process.exit(1);
}
for (const page of pages) {
  const html = readFileSync(page, 'utf8');
  const pageUrl = new URL(`http://site/${relative(dist, page).split('\\').join('/')}`);
  for (const match of html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)) {
    const href = decode(match[1]);
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue; // external: not fetched
    const url = new URL(href, pageUrl);
    const target = url.pathname === pageUrl.pathname ? page : fileFor(url.pathname);
    checked += 1;
    if (target === undefined) {
      problems.push(`${relative(dist, page)}: ${href} (no such page or file)`);
      continue;
    }
    const anchor = decodeURIComponent(url.hash.slice(1));
    if (anchor && target.endsWith('.html') && !idsOf(target).has(anchor)) {
      problems.push(`${relative(dist, page)}: ${href} (no anchor #${anchor} in ${relative(dist, target)})`);
    }
  }
}

if (problems.length > 0) {
  console.error(`${problems.length} broken internal link(s) in the built site:\n  ${[...new Set(problems)].join('\n  ')}`);
  process.exit(1);
}
console.log(`Links: ${checked} internal links on ${pages.length} pages, none broken.`);
