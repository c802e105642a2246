// The guides link to package folders (`../packages/source-csv`) so that they read well on a
// repository host. In the site those folders are not pages; each such link goes to the package's
// page of the API reference instead. Any other link leaving docs/ is left for the dead-link
// checks to report.
import { posix } from 'node:path';

/**
 * @param {import('markdown-it')} md
 * @param {{ folder: string, specifier: string, subpath: string }[]} entries
 */
export function packageLinks(md, entries) {
  const pages = new Map();
  for (const entry of entries) {
    if (entry.subpath !== '.') continue;
    // typedoc writes one page per module, named without the scope (excludeScopesInPaths).
    pages.set(entry.folder, `/api/${entry.specifier.replace(/^@[^/]+\//, '')}.md`);
  }
  const render = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const href = token.attrGet('href');
    if (href && env.relativePath) {
      const target = packageFolderOf(href, env.relativePath);
      if (target !== undefined && pages.has(target)) token.attrSet('href', pages.get(target));
    }
    return render(tokens, idx, options, env, self);
  };
}

/** The package folder a relative link from a page of docs/ points at (`packages/<folder>` or its README), if any. */
function packageFolderOf(href, relativePath) {
  if (/^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(href)) return undefined;
  const path = posix.normalize(posix.join('docs', posix.dirname(relativePath), href.split('#')[0]));
  const match = /^packages\/([^/]+)\/?(?:README\.md)?$/.exec(path);
  return match?.[1];
}

/**
 * Double braces are shown as written: the guides quote Liquid templates (`{{ invoice.number }}`)
 * in code and the API reference quotes them in default values, which Vue would otherwise read as
 * its own interpolations. Inline code gets `v-pre`; in text, the braces become entities, which
 * Vue decodes only after it has looked for interpolations.
 *
 * @param {import('markdown-it')} md
 */
export function verbatimBraces(md) {
  const renderCode = md.renderer.rules.code_inline ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.code_inline = (tokens, idx, options, env, self) => {
    tokens[idx].attrSet('v-pre', '');
    return renderCode(tokens, idx, options, env, self);
  };
  const renderText = md.renderer.rules.text ?? ((tokens, idx) => md.utils.escapeHtml(tokens[idx].content));
  md.renderer.rules.text = (tokens, idx, options, env, self) =>
    renderText(tokens, idx, options, env, self).replace(/\{\{|\}\}/g, (braces) => (braces === '{{' ? '&#123;&#123;' : '&#125;&#125;'));
}
