import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';
import { entryPoints } from './entry-points.mjs';
import { packageLinks, verbatimBraces } from './markdown-plugins.mjs';

// The API reference's sidebar is written by typedoc (`pnpm run docs:api`) next to its pages.
const apiSidebarFile = fileURLToPath(new URL('../api/typedoc-sidebar.json', import.meta.url));
const apiSidebar: DefaultTheme.SidebarItem[] = existsSync(apiSidebarFile) ? JSON.parse(readFileSync(apiSidebarFile, 'utf8')) : [];

const guides: DefaultTheme.SidebarItem[] = [
  { text: 'The decision engine', link: '/decision-engine' },
  { text: 'The runtime', link: '/runtime' },
  { text: 'Sources', link: '/sources' },
  { text: 'Templates', link: '/templates' },
  { text: 'Channels', link: '/channels' },
  { text: 'PostgreSQL storage', link: '/storage-postgres' },
  { text: 'CSV import', link: '/csv-import' },
  { text: 'Risk scoring', link: '/risk-scoring' },
  { text: 'Metrics', link: '/metrics' },
  { text: 'The CLI', link: '/cli' },
];

export default defineConfig({
  title: 'Dueflow',
  description: "An embeddable TypeScript SDK that decides, explains and sends every invoice's next collection step, exactly once.",
  lang: 'en-US',
  // Dead links fail the build (VitePress's default, kept explicit): see docs/.vitepress/check-links.mjs
  // for the check of the built site, which also covers anchors and the API reference.
  ignoreDeadLinks: false,
  themeConfig: {
    nav: [
      { text: 'Getting started', link: '/getting-started' },
      { text: 'Guides', link: '/decision-engine' },
      { text: 'API reference', link: '/api/' },
    ],
    sidebar: [
      {
        text: 'Introduction',
        items: [
          { text: 'Dueflow', link: '/' },
          { text: 'Getting started', link: '/getting-started' },
        ],
      },
      { text: 'Guides', items: guides },
      { text: 'API reference', link: '/api/', collapsed: true, items: apiSidebar },
    ],
    outline: { level: [2, 3] },
    search: { provider: 'local' },
  },
  // The API reference has one page per entry point; @dueflow/core's is about 1.5 MB of script
  // before compression. Vite's warning stays on for anything larger.
  vite: { build: { chunkSizeWarningLimit: 2_000 } },
  markdown: {
    config(md) {
      packageLinks(md, entryPoints());
      verbatimBraces(md);
    },
  },
});
