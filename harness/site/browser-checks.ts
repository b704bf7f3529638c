import type { Page } from 'playwright-core';
import type { CheckResult } from '../verify/check.js';
import { LOAD_TIMEOUT_MS, visit, type Browser } from './browser.js';
import { readabilityOf, VIEWPORT_WIDTH } from './readability.js';

/**
 * What a learner would notice in a real browser. Each check returns one CheckResult;
 * `site` is the base URL of the built site, `pages` its paths (`/lessons/04-stampede`).
 */

const fail = (name: string, problems: string[]): CheckResult =>
  problems.length ? { name, ok: false, detail: problems.join('\n') } : { name, ok: true };

/**
 * Visits every page once, a few tabs at a time, and returns four results: no page logs a
 * console error, every ```mermaid diagram on the way became an SVG, and on the lessons no
 * code block scrolls sideways and every diagram stays legible (readability.ts).
 */
export async function visitAllPages(
  browser: Browser,
  site: string,
  pages: string[],
  mermaidPages: ReadonlySet<string>,
): Promise<CheckResult[]> {
  const errorsFound: string[] = [];
  const diagramProblems: string[] = [];
  const wideCode: string[] = [];
  const illegible: string[] = [];
  const queue = [...pages];
  const worker = async () => {
    const { page, errors } = await browser.open();
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      errors.length = 0;
      try {
        await visit(page, site + path);
        if (mermaidPages.has(path)) diagramProblems.push(...(await diagramsOn(page, path)));
        if (path.startsWith('/lessons/')) {
          const { code, diagrams } = await readabilityOf(page, path);
          wideCode.push(...code);
          illegible.push(...diagrams);
        }
      } catch (error) {
        errors.push((error as Error).message.split('\n')[0] ?? 'did not load');
      }
      errorsFound.push(...errors.map((error) => `${path}: ${error}`));
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: Math.min(4, pages.length) }, worker));
  const mermaidName = 'site: mermaid diagrams render as SVG';
  return [
    fail(`site: all ${pages.length} pages load without console errors`, errorsFound.sort()),
    mermaidPages.size === 0
      ? fail(mermaidName, ['no page has a ```mermaid diagram yet; lessons should draw their flows'])
      : fail(mermaidName, diagramProblems.sort()),
    fail(`site: at ${VIEWPORT_WIDTH} px no lesson code block scrolls sideways`, wideCode.sort()),
    fail('site: lesson diagrams are legible: shown at 75% or more, labels of 11 px or more, none cut off', illegible.sort()),
  ];
}

/**
 * Mermaid draws after hydration, each diagram on its own and in no set order (the last may
 * come first): wait until every one is an SVG, with room for a busy machine, then look for
 * error pictures.
 */
async function diagramsOn(page: Page, path: string): Promise<string[]> {
  const total = await page.locator('.vp-doc .mermaid').count();
  if (total > 0) {
    await page
      .waitForFunction((n) => document.querySelectorAll('.vp-doc .mermaid > svg').length >= n, total, { timeout: LOAD_TIMEOUT_MS })
      .catch(() => {});
  }
  const svgs = await page.locator('.vp-doc .mermaid > svg').count();
  const broken = await page.locator('.vp-doc .mermaid svg[aria-roledescription="error"]').count();
  return [
    ...(svgs < total ? [`${path}: ${total - svgs} of ${total} diagrams did not become SVG`] : []),
    ...(broken > 0 ? [`${path}: ${broken} diagram(s) show mermaid's syntax-error picture; fix the fence`] : []),
  ];
}

export async function searchFinds(browser: Browser, site: string, word: string): Promise<CheckResult> {
  const name = `site: local search finds "${word}"`;
  const { page, errors } = await browser.open();
  try {
    await visit(page, `${site}/`);
    await page.click('.VPNavBarSearch button');
    await page.fill('#localsearch-input', word);
    const results = page.locator('.VPLocalSearchBox .result');
    await results.first().waitFor({ timeout: LOAD_TIMEOUT_MS }).catch(() => {});
    const count = await results.count();
    return fail(name, [...(count === 0 ? [`no results for "${word}": is there a page about it?`] : []), ...errors]);
  } catch (error) {
    return fail(name, [(error as Error).message.split('\n')[0] ?? 'search failed', ...errors]);
  } finally {
    await page.close();
  }
}

const scoreText = (page: Page) => page.locator('.course-quiz .quiz-score').first().innerText();

/** Each choice question's options as file indexes in the order shown, e.g. ["2,0,3,1", ...]. */
const shownOrders = (page: Page) =>
  page
    .locator('.course-quiz .quiz-options')
    .evaluateAll((lists) => lists.map((list) => [...list.querySelectorAll('li[data-option]')].map((li) => li.getAttribute('data-option')).join(',')));
const inFileOrder = (order: string) => order === order.split(',').map((_, i) => i).join(',');

/** Answers one question by keyboard, checks the why, reloads, then resets. */
export async function quizRoundTrip(browser: Browser, site: string, lessonPath: string | undefined): Promise<CheckResult[]> {
  const kept = 'site: quiz options are shuffled per learner, stable across reloads; an answer shows why and its score survives a reload';
  const reset = 'site: resetting a quiz clears its score';
  if (!lessonPath) {
    return [fail(kept, ['no lesson page has a <Quiz> with a choice question yet']), fail(reset, ['nothing to reset'])];
  }
  const { page, errors } = await browser.open();
  const problems: string[] = [];
  const resetProblems: string[] = [];
  try {
    await visit(page, site + lessonPath);
    await page.locator('.course-quiz[data-ready]').first().waitFor({ timeout: LOAD_TIMEOUT_MS });
    const orders = await shownOrders(page);
    if (orders.every(inFileOrder)) problems.push('every question shows its options in the file\'s order: the shuffle did not run');
    const question = page.locator('.course-quiz .quiz-question:has(input)').first();
    const options = await question.locator('input').count();
    // Keyboard only: focus the first option, Space to choose it, Enter on Check.
    await question.locator('input').first().focus();
    await page.keyboard.press('Space');
    await question.getByRole('button', { name: 'Check' }).focus();
    await page.keyboard.press('Enter');
    const whys = await question.locator('.quiz-why').count();
    if (whys !== options) problems.push(`after Check, ${whys} of ${options} options show their why`);
    const before = await scoreText(page);
    if (!before.includes('(1 answered)')) problems.push(`score after one answer reads "${before}"`);

    await visit(page, site + lessonPath);
    await page.locator('.course-quiz[data-ready]').first().waitFor({ timeout: LOAD_TIMEOUT_MS });
    await question.locator('.quiz-why').first().waitFor({ timeout: LOAD_TIMEOUT_MS }).catch(() => {});
    const after = await scoreText(page);
    if (after !== before) problems.push(`after a reload the score reads "${after}", before it read "${before}"`);
    const reloadedOrders = await shownOrders(page);
    if (reloadedOrders.join('|') !== orders.join('|')) problems.push('after a reload the options are in another order: the shuffle must be stable for a learner');
    if ((await question.locator('.quiz-why').count()) !== options) problems.push('after a reload the explanations are gone');

    await visit(page, `${site}/`);
    const row = (await page.locator('.quiz-scores tbody tr').allInnerTexts()).find((text) => text.includes('answered'));
    if (!row) problems.push('the home page does not show the lesson\'s score');

    await visit(page, site + lessonPath);
    // Enabled once the saved answers are read back, which happens after hydration.
    const resetButton = page.locator('.course-quiz .quiz-reset:not([disabled])').first();
    await resetButton.waitFor({ timeout: LOAD_TIMEOUT_MS });
    await resetButton.focus();
    await page.keyboard.press('Enter');
    const cleared = await scoreText(page);
    if (!cleared.includes('(0 answered)')) resetProblems.push(`after Reset the score reads "${cleared}"`);
    if ((await question.locator('.quiz-why').count()) !== 0) resetProblems.push('after Reset the explanations still show');
    await visit(page, site + lessonPath);
    const reloaded = await scoreText(page);
    if (!reloaded.includes('(0 answered)')) resetProblems.push(`after Reset and a reload the score reads "${reloaded}"`);
  } catch (error) {
    problems.push((error as Error).message.split('\n')[0] ?? 'the quiz did not respond');
  } finally {
    await page.close();
  }
  return [fail(kept, [...problems, ...errors]), fail(reset, resetProblems)];
}

/** A one-question mock interview, graded, and the review page that a fresh answer is not yet due on. */
export async function practiceRoundTrip(browser: Browser, site: string): Promise<CheckResult> {
  const name = 'site: a mock interview asks, times, shows the model answer and takes a grade; the review page loads';
  const { page, errors } = await browser.open();
  const problems: string[] = [];
  try {
    await visit(page, `${site}/practice/mock-interview`);
    await page.locator('.mock-setup input').first().fill('1');
    await page.locator('.mock-start').click();
    // One question, then the design prompt when the bank has one: each is answered the same way.
    for (let asked = 0; asked < 3 && (await page.locator('.mock-question').count()) > 0; asked += 1) {
      const question = page.locator('.mock-question');
      if ((await question.locator('.quiz-prompt').innerText()).trim() === '') problems.push(`question ${asked + 1} has no prompt`);
      if (!/left|over by/.test(await question.locator('.mock-clock').innerText())) problems.push('no clock shows the time left');
      await page.locator('.mock-done').click();
      if ((await question.locator('.quiz-answer').innerText()).length < 40) problems.push('no model answer after "I\'m done"');
      await question.getByRole('button', { name: 'Covered it' }).click();
    }
    if (!(await page.locator('.mock-setup li').count())) problems.push('no summary after the last question');
    await visit(page, `${site}/practice/review`);
    await page.locator('.review-due[data-ready]').waitFor({ timeout: LOAD_TIMEOUT_MS });
  } catch (error) {
    problems.push((error as Error).message.split('\n')[0] ?? 'the mock interview did not respond');
  } finally {
    await page.close();
  }
  return fail(name, [...problems, ...errors]);
}
