import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { MarkdownRenderer } from 'vitepress';

/**
 * Lab READMEs are written to be read on GitHub and in an editor, so they link with
 * paths relative to themselves: `../../docs/lessons/01-cache-aside.md`, `./src/cache.ts`.
 * The site shows them through `<!--@include: ../../labs/NN/README.md-->`, where those
 * paths would resolve against the page instead. This rule finds what each relative link
 * points at on disk (from the page, then from each included file) and rewrites it:
 *   - a page under docs/ becomes a site link (`/lessons/01-cache-aside.md#ttl`), which
 *     VitePress then turns into a URL and checks for dead links as usual;
 *   - any other file in the repository (starter code, a solution) is not on the site,
 *     so the link becomes its text plus the path, to open in the learner's clone.
 * A link whose target exists nowhere is left alone for VitePress to report.
 */
export function repoLinks(srcDir: string, repoRoot: string) {
  return (md: MarkdownRenderer) => {
    md.core.ruler.push('course_repo_links', (state) => {
      const env = state.env as { path?: string; realPath?: string; includes?: string[] };
      const page = env.realPath ?? env.path;
      if (!page) return;
      const bases = [dirname(page), ...(env.includes ?? []).map((file) => dirname(file))];
      for (const block of state.tokens) {
        for (const token of block.children ?? []) {
          if (token.type !== 'link_open') continue;
          const href = token.attrGet('href');
          if (!href || /^([a-z][a-z\d+.-]*:|\/|#)/i.test(href)) continue;
          const [path = '', hash = ''] = splitHash(href);
          const target = bases
            .map((base) => resolve(base, decodeURIComponent(path)))
            .find((file) => existsSync(file) && (!isInside(srcDir, file) || isPage(file)));
          if (!target) continue;
          if (isInside(srcDir, target)) {
            token.attrSet('href', `/${relative(srcDir, target).split(sep).join('/')}${hash}`);
          } else if (isInside(repoRoot, target)) {
            asRepoPath(block.children ?? [], token, relative(repoRoot, target).split(sep).join('/'));
          }
        }
      }
    });
  };
}

type Token = ReturnType<MarkdownRenderer['parseInline']>[number];

/** Swaps the link for its text, followed by the path unless the text already shows it. */
function asRepoPath(tokens: Token[], open: Token, shown: string) {
  const start = tokens.indexOf(open);
  const end = tokens.findIndex((token, i) => i > start && token.type === 'link_close');
  if (end === -1) return;
  const text = tokens.slice(start + 1, end).map((token) => token.content).join('');
  const name = shown.split('/').pop() ?? shown;
  open.type = 'html_inline';
  open.content = '<span class="repo-path">';
  const close = tokens[end];
  if (!close) return;
  close.type = 'html_inline';
  close.content = text.includes(name) && text.length >= name.length ? '</span>' : ` (<code>${escapeHtml(shown)}</code>)</span>`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Inside docs/, a link must reach a file or a folder with an index page to be a page. */
function isPage(file: string): boolean {
  return statSync(file).isFile() || existsSync(join(file, 'index.md'));
}

function splitHash(href: string): [string, string] {
  const at = href.search(/[?#]/);
  return at === -1 ? [href, ''] : [href.slice(0, at), href.slice(at)];
}

function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep);
}
