import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Static checks on the markdown that VitePress 1.6 gets wrong quietly: a `<<<` import
 * whose `#region` is missing renders the whole file, and an `@include` whose file is
 * missing renders nothing. Each finding is one line naming the page and line.
 */

export interface Finding {
  /** `docs/lessons/04-stampede.md:42` */
  at: string;
  message: string;
}

/** Every markdown file under docs/, with the lines a reader of the page would see. */
export function markdownFiles(docsDir: string): string[] {
  if (!existsSync(docsDir)) return [];
  return readdirSync(docsDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md') && !name.split(/[\\/]/).includes('node_modules'))
    .map((name) => join(docsDir, name))
    .sort();
}

/** Lines outside fenced code blocks, with 1-based numbers: `<<<` inside a fence is prose. */
function liveLines(source: string): Array<{ text: string; number: number }> {
  const out: Array<{ text: string; number: number }> = [];
  let fence: string | undefined;
  source.split(/\r?\n/).forEach((text, index) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (marker && (!fence || marker.startsWith(fence))) fence = fence ? undefined : marker;
    else if (!fence) out.push({ text, number: index + 1 });
  });
  return out;
}

// The same comment styles VitePress accepts for `#region name` / `#endregion name`.
const REGION_STYLES = [
  /^\/\/ ?#?((?:end)?region) ([\w*-]+)$/,
  /^\/\* ?#((?:end)?region) ([\w*-]+) ?\*\/$/,
  /^<!-- #?((?:end)?region) ([\w*-]+) -->$/,
  /^# ?((?:end)?region) ([\w*-]+)$/,
];

function hasRegion(file: string, name: string): { start: boolean; end: boolean } {
  const found = { start: false, end: false };
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    for (const style of REGION_STYLES) {
      const match = style.exec(line.trim());
      if (match?.[2] !== name) continue;
      if (match[1] === 'region') found.start = true;
      else if (found.start) found.end = true;
    }
  }
  return found;
}

export function checkSnippets(root: string, docsDir: string): Finding[] {
  const findings: Finding[] = [];
  for (const page of markdownFiles(docsDir)) {
    for (const { text, number } of liveLines(readFileSync(page, 'utf8'))) {
      const match = /^\s{0,3}<<<\s*(.+?)\s*$/.exec(text);
      if (!match?.[1]) continue;
      const at = `${relative(root, page)}:${number}`;
      // `path#region {1,2 ts} [title]`: only the path and region matter here.
      const spec = /^(.+?)(?:#([\w-]+))?(?:\s*\{[^}]*\})?(?:\s*\[[^\]]*\])?$/.exec(match[1]);
      const path = spec?.[1]?.trim() ?? '';
      const region = spec?.[2];
      const file = path.startsWith('@') ? join(docsDir, path.slice(1)) : resolve(dirname(page), path);
      if (!existsSync(file) || !statSync(file).isFile()) {
        findings.push({ at, message: `<<< ${path}: no such file (${relative(root, file)})` });
        continue;
      }
      if (!region) continue;
      const { start, end } = hasRegion(file, region);
      if (!start || !end) {
        const missing = !start ? `// #region ${region}` : `// #endregion ${region}`;
        findings.push({
          at,
          message: `<<< ${path}#${region}: ${relative(root, file)} has no "${missing}", so VitePress 1.6 would show the whole file`,
        });
      }
    }
  }
  return findings;
}

/**
 * A lesson teaches the pattern without handing over its lab: a `<<<` import from
 * solutions/NN-name/ may only sit inside a collapsed block titled as that lab's solution,
 * `::: details Lab NN solution: ...`, which a learner opens after the lab.
 */
export function checkSolutionsHidden(root: string, docsDir: string): Finding[] {
  const findings: Finding[] = [];
  for (const page of markdownFiles(docsDir)) {
    const containers: string[] = []; // titles of the ::: blocks the line is inside
    for (const { text, number } of liveLines(readFileSync(page, 'utf8'))) {
      const open = /^\s{0,3}:::+\s*(\S.*)$/.exec(text);
      if (open) containers.push(open[1]!.trim());
      else if (/^\s{0,3}:::+\s*$/.test(text)) containers.pop();
      const path = /^\s{0,3}<<<\s*(\S+)/.exec(text)?.[1]?.replace(/#.*$/, '');
      if (!path) continue;
      const file = relative(root, path.startsWith('@') ? join(docsDir, path.slice(1)) : resolve(dirname(page), path));
      const lab = /^solutions[\\/](\d\d)-/.exec(file)?.[1];
      if (!lab) continue;
      const title = new RegExp(`^details\\s+Lab ${lab} solution\\b`, 'i');
      if (!containers.some((container) => title.test(container))) {
        findings.push({
          at: `${relative(root, page)}:${number}`,
          message: `<<< ${path} shows lab ${lab}'s reference solution in the open; put it inside "::: details Lab ${lab} solution: ..." after the lab link, or quote examples/ instead`,
        });
      }
    }
  }
  return findings;
}

export function checkIncludes(root: string, docsDir: string): Finding[] {
  const findings: Finding[] = [];
  for (const page of markdownFiles(docsDir)) {
    for (const { text, number } of liveLines(readFileSync(page, 'utf8'))) {
      for (const match of text.matchAll(/<!--\s*@include:\s*(.*?)\s*-->/g)) {
        const path = (match[1] ?? '').replace(/(#[\w-]+)?(\{\d*,\d*\})?$/, '');
        const file = path.startsWith('@') ? join(docsDir, path.slice(1)) : resolve(dirname(page), path);
        if (!existsSync(file)) {
          findings.push({ at: `${relative(root, page)}:${number}`, message: `@include ${path}: no such file, the page would show nothing in its place` });
        }
      }
    }
  }
  return findings;
}

/** Each `<Quiz lesson>` names a quiz file, and each lesson page carries its own quiz. */
export function checkQuizTags(root: string, docsDir: string): Finding[] {
  const findings: Finding[] = [];
  for (const page of markdownFiles(docsDir)) {
    const source = readFileSync(page, 'utf8');
    for (const { text, number } of liveLines(source)) {
      for (const match of text.matchAll(/<Quiz\s+lesson="([^"]*)"/g)) {
        const lesson = match[1] ?? '';
        if (!existsSync(join(root, 'quizzes', `${lesson}.yaml`))) {
          findings.push({ at: `${relative(root, page)}:${number}`, message: `<Quiz lesson="${lesson}">: quizzes/${lesson}.yaml does not exist` });
        }
      }
    }
    const lessonMatch = /[\\/]lessons[\\/](\d{2}-[^\\/]+)\.md$/.exec(page);
    if (lessonMatch && !source.includes(`<Quiz lesson="${lessonMatch[1]}"`)) {
      findings.push({ at: relative(root, page), message: `the lesson has no <Quiz lesson="${lessonMatch[1]}" /> at its end` });
    }
  }
  return findings;
}
