// typedoc for the site's API reference: markdown pages (typedoc-plugin-markdown) in VitePress's
// layout (typedoc-vitepress-theme), written to docs/api/, which is generated and not committed.
// One TypeScript program for all packages keeps the run short; warnings fail the build.
import { entryPoints } from './.vitepress/entry-points.mjs';

/** @type {Partial<import('typedoc').TypeDocOptions & import('typedoc-plugin-markdown').PluginOptions>} */
export default {
  entryPoints: entryPoints().map((entry) => entry.file),
  entryPointStrategy: 'resolve',
  tsconfig: './tsconfig.typedoc.json',
  plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme', 'typedoc-plugin-zod', './.vitepress/typedoc-module-names.mjs', './.vitepress/typedoc-zod-references.mjs'],
  out: './api',
  docsRoot: '.',
  name: 'API reference',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  skipErrorChecking: true,
  treatWarningsAsErrors: true,
  gitRevision: 'main',
  disableSources: true,
  excludeScopesInPaths: true,
  hidePageHeader: true,
  hideBreadcrumbs: false,
  sidebar: { autoConfiguration: true, pretty: true, collapsed: true },
  outputFileStrategy: 'modules',
  parametersFormat: 'table',
  interfacePropertiesFormat: 'table',
  typeDeclarationFormat: 'table',
  useCodeBlocks: true,
  // Anchors of its own on headings: its links then never depend on how VitePress slugs them.
  useHTMLAnchors: true,
  expandObjects: false,
};
