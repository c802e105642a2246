// typedoc for the site's API reference: markdown pages (typedoc-plugin-markdown) in VitePress's
// layout (typedoc-vitepress-theme), written to docs/api/, which is generated and not committed.
// Warnings fail the build.
import { entryPoints } from './.vitepress/entry-points.mjs';

/** @type {Partial<import('typedoc').TypeDocOptions & import('typedoc-plugin-markdown').PluginOptions>} */
export default {
  // One TypeScript program for every package (a program per package took minutes); the modules
  // are named after their import specifiers by typedoc-module-names.mjs.
  entryPoints: entryPoints().map((entry) => entry.file),
  entryPointStrategy: 'resolve',
  tsconfig: './tsconfig.typedoc.json',
  plugin: [
    'typedoc-plugin-markdown',
    'typedoc-vitepress-theme',
    'typedoc-plugin-zod',
    './.vitepress/typedoc-module-names.mjs',
    './.vitepress/typedoc-zod-references.mjs',
  ],
  out: './api',
  docsRoot: '.',
  name: 'API reference',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  // `pnpm test` typechecks; typedoc only reads the types.
  skipErrorChecking: true,
  treatWarningsAsErrors: true,
  // Source links would need a repository URL and a revision; the reference stands on its own.
  disableSources: true,
  excludeScopesInPaths: true,
  hidePageHeader: true,
  sidebar: { autoConfiguration: true, pretty: true, collapsed: true },
  // One page per entry point: a page per member made a site of a thousand pages and a build of
  // several minutes.
  outputFileStrategy: 'modules',
  parametersFormat: 'table',
  interfacePropertiesFormat: 'table',
  typeDeclarationFormat: 'table',
  useCodeBlocks: true,
  // Anchors of its own on headings: its links then never depend on how VitePress slugs them.
  useHTMLAnchors: true,
};
