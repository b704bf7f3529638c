import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core. Never a downloaded browser: the course
 * must run offline and on machines where downloads are blocked.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/**
 * How long a page, or what it draws once hydrated (diagrams, quizzes, search results), may
 * take before a check gives up on it: verify shares two cores with every lab's suite, and
 * on a busy machine it has run 2.6 times slower than on an idle one.
 */
export const LOAD_TIMEOUT_MS = 30_000;
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export class BrowserMissingError extends Error {
  readonly code = 'E_BROWSER_MISSING';
  constructor(path: string) {
    super(`No Chromium at ${path}: install it with \`apt-get install -y chromium\` (the checks never download a browser).`);
  }
}

export interface Browser {
  /** A fresh tab that records console errors, page errors and failed requests. */
  open(): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new BrowserMissingError(CHROMIUM_PATH);
  // A fresh profile per run: no localStorage, cache or cookies from an earlier run.
  const profile = await mkdtemp(join(tmpdir(), 'course-site-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: FLAGS,
      timeout: 30_000,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(10_000);
  // Loading and hydrating a page only takes long when the machine is busy (verify runs the
  // labs beside it): a page that never loads still fails, later.
  context.setDefaultNavigationTimeout(LOAD_TIMEOUT_MS);
  return {
    async open() {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      page.on('response', (response) => {
        if (response.status() >= 400) errors.push(`HTTP ${response.status()} for ${response.url()}`);
      });
      return { page, errors };
    },
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Navigates and waits until Vue has hydrated the page and the network is quiet. */
export async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  // Vue keeps its app on the mount element once hydration has run.
  await page.waitForFunction('Boolean(document.getElementById("app")?.__vue_app__)', undefined, { timeout: LOAD_TIMEOUT_MS });
  await page.waitForLoadState('networkidle');
}
