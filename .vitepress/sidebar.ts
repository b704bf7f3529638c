import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { DefaultTheme } from 'vitepress';

/**
 * The sidebar is built from the pages' own front matter, so adding a lesson or a lab is
 * one new file and never a config edit. Folders or parts with nothing in them yet are
 * simply left out.
 */

export const PARTS = ['Core patterns', 'Redis in production'] as const;

export interface PageEntry {
  /** `lessons/04-stampede`, the link without extension. */
  link: string;
  title: string;
  part?: string;
}

/** Reads `NN-name.md` files of one docs folder, sorted by file name. */
export function readPages(docsDir: string, folder: string): PageEntry[] {
  const dir = join(docsDir, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^\d{2}-.+\.md$/.test(name))
    .sort()
    .map((name) => {
      const meta = frontMatter(readFileSync(join(dir, name), 'utf8'));
      const slug = name.slice(0, -3);
      const title = typeof meta.title === 'string' ? meta.title : slug;
      return { link: `/${folder}/${slug}`, title, ...(typeof meta.part === 'string' ? { part: meta.part } : {}) };
    });
}

function frontMatter(source: string): Record<string, unknown> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  if (!match?.[1]) return {};
  try {
    const data: unknown = parse(match[1]);
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  } catch {
    return {}; // VitePress itself reports broken front matter when it builds the page
  }
}

/** "04 · Cache stampedes": the number keeps the order visible, unless the title has it. */
const item = (page: PageEntry): DefaultTheme.SidebarItem => {
  const number = page.link.split('/').pop()?.slice(0, 2) ?? '';
  const numbered = new RegExp(`^(?:[A-Za-z]+ )?0?${Number(number)}\\b`).test(page.title);
  return { text: numbered ? page.title : `${number} · ${page.title}`, link: page.link };
};

export function buildSidebar(docsDir: string): DefaultTheme.SidebarItem[] {
  const lessons = readPages(docsDir, 'lessons');
  const labs = readPages(docsDir, 'labs');
  // Lessons whose part is missing or misspelled still show up, in a group of their own.
  const known = new Set<string>(PARTS);
  const groups: DefaultTheme.SidebarItem[] = PARTS.map((part) => ({
    text: part,
    collapsed: false,
    items: lessons.filter((page) => page.part === part).map(item),
  }));
  groups.push({ text: 'More lessons', collapsed: false, items: lessons.filter((p) => !known.has(p.part ?? '')).map(item) });
  groups.push({ text: 'Labs', collapsed: false, items: labs.map(item) });
  groups.push({
    text: 'Practice',
    items: [
      { text: 'Interview questions', link: '/interview' },
      { text: 'Mock interview', link: '/practice/mock-interview' },
      { text: 'Review what is due', link: '/practice/review' },
      { text: 'What caching buys (measured)', link: '/bench' },
    ],
  });
  return groups.filter((group) => (group.items?.length ?? 0) > 0);
}

/** First lesson and first lab, for the nav bar; null while none exists. */
export function firstLinks(docsDir: string) {
  return {
    lesson: readPages(docsDir, 'lessons')[0]?.link ?? null,
    lab: readPages(docsDir, 'labs')[0]?.link ?? null,
  };
}
