import { basename, relative, sep } from 'node:path';
import type { MarkdownRenderer } from 'vitepress';

type Token = ReturnType<MarkdownRenderer['parse']>[number];

/**
 * A code block quoted from a file says which file, so a learner can open it in their
 * clone. VitePress keeps a block's `[title]` only inside a `::: code-group` (as the tab's
 * label) and drops it everywhere else; this rule shows it as a bar above the block.
 * `<<<` imports are titled with the file's name by VitePress; we show the path from the
 * repository root instead (`solutions/01-cache-aside/src/get-or-fetch.ts`), unless the
 * page gave a title of its own. Blocks inside a code group keep their tabs.
 */
export function codeTitles(repoRoot: string) {
  return (md: MarkdownRenderer) => {
    const fence = md.renderer.rules.fence!;
    md.renderer.rules.fence = (tokens, idx, options, env, self) => {
      const token = tokens[idx]!;
      const title = titleOf(token, repoRoot);
      const html = fence(tokens, idx, options, env, self);
      if (!title || inCodeGroup(tokens, idx)) return html;
      return `<div class="code-title"><span>${md.utils.escapeHtml(title)}</span></div>${html}`;
    };
  };
}

function titleOf(token: Token, repoRoot: string): string | undefined {
  const given = token.info.match(/\[(.*)\]/)?.[1]?.trim();
  if (!given) return undefined;
  // Set by VitePress's snippet import: [absolute path of the file, region].
  const src = (token as { src?: unknown }).src;
  const file = Array.isArray(src) && typeof src[0] === 'string' ? src[0] : undefined;
  if (file && given === basename(file)) return relative(repoRoot, file).split(sep).join('/');
  return given;
}

/** True when the fence sits between a `::: code-group` opening and its closing. */
function inCodeGroup(tokens: Token[], idx: number): boolean {
  for (let i = idx - 1; i >= 0; i -= 1) {
    const type = tokens[i]!.type;
    if (type === 'container_code-group_close') return false;
    if (type === 'container_code-group_open') return true;
  }
  return false;
}
