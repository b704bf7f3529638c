import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult } from '../verify/check.js';
import { REPO_ROOT } from '../quiz/load.js';
import { BrowserMissingError, launchBrowser } from './browser.js';
import { practiceRoundTrip, quizRoundTrip, searchFinds, visitAllPages } from './browser-checks.js';
import { buildSite, lastLines } from './build.js';
import { checkIncludes, checkQuizTags, checkSnippets, checkSolutionsHidden, type Finding } from './doc-references.js';
import { serveStatic } from './serve.js';

export interface SiteSources {
  results: CheckResult[];
  /** The built site, when the build succeeded. */
  dist?: string;
}

/**
 * The site checks that need no browser: the markdown references VitePress would get
 * wrong quietly, then the build itself. verify starts this early, beside the labs, whose
 * checks mostly wait on Redis and Postgres and leave the CPU to the build.
 */
export async function checkSiteSources(root: string = REPO_ROOT): Promise<SiteSources> {
  const docs = join(root, 'docs');
  const results: CheckResult[] = [
    fromFindings('site: every <<< snippet import names an existing file and #region', checkSnippets(root, docs)),
    fromFindings('site: every @include names an existing file', checkIncludes(root, docs)),
    fromFindings('site: lessons show a lab\'s reference solution only in a collapsed "Lab NN solution" block', checkSolutionsHidden(root, docs)),
    fromFindings('site: every lesson ends with its <Quiz>, and each names a quiz file', checkQuizTags(root, docs)),
  ];
  const build = await buildSite(root);
  if (build.ok) return { results: [...results, { name: 'site: vitepress build succeeds', ok: true }], dist: join(root, '.vitepress', 'dist') };
  return {
    results: [
      ...results,
      { name: 'site: vitepress build succeeds', ok: false, detail: `${lastLines(build.output, 25)}\nRun npx vitepress build for the full output.` },
      { name: 'site: browser checks', ok: false, detail: 'skipped: the site did not build' },
    ],
  };
}

/**
 * verify's site checks: the sources and the build (started by the caller, or here), then
 * the built site in a real headless Chromium. Never throws: every problem, including a
 * missing browser, comes back as a failed CheckResult.
 */
export async function verifySite(sources: Promise<SiteSources> = checkSiteSources()): Promise<CheckResult[]> {
  const { results, dist } = await sources;
  return dist ? [...results, ...(await browserChecks(dist))] : results;
}

async function browserChecks(dist: string): Promise<CheckResult[]> {
  const pages = builtPages(dist);
  const withText = (text: string) => pages.filter((page) => readFileSync(page.file, 'utf8').includes(text));
  const mermaidPages = withText('class="mermaid"').map((page) => page.path);
  const quizPage = withText('class="course-quiz"')
    .filter((page) => /type="(radio|checkbox)"/.test(readFileSync(page.file, 'utf8')))
    .map((page) => page.path)[0];

  let browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    const detail = error instanceof BrowserMissingError ? error.message : `Chromium did not start: ${(error as Error).message}`;
    return [{ name: 'site: headless Chromium starts', ok: false, detail }];
  }
  const server = await serveStatic(dist);
  try {
    return [
      ...(await visitAllPages(browser, server.url, pages.map((page) => page.path), new Set(mermaidPages))),
      await searchFinds(browser, server.url, 'stampede'),
      ...(await quizRoundTrip(browser, server.url, quizPage)),
      await practiceRoundTrip(browser, server.url),
    ];
  } catch (error) {
    return [{ name: 'site: browser checks', ok: false, detail: (error as Error).message.split('\n')[0] }];
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Every built page but 404.html, as clean URLs: `lessons/04-stampede.html` → `/lessons/04-stampede`. */
function builtPages(dist: string): Array<{ path: string; file: string }> {
  if (!existsSync(dist)) return [];
  return readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html') && name !== '404.html' && !name.startsWith('assets'))
    .sort()
    .map((name) => ({
      file: join(dist, name),
      path: `/${name.replace(/\\/g, '/').replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '')}`,
    }));
}

function fromFindings(name: string, findings: Finding[]): CheckResult {
  return findings.length === 0
    ? { name, ok: true }
    : { name, ok: false, detail: findings.map((finding) => `${finding.at}: ${finding.message}`).join('\n') };
}
