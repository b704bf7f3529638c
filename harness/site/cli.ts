import { verifySite } from './verify-site.js';

/**
 * Runs only the site checks (build, snippet regions, the built site in Chromium):
 *   npx tsx harness/site/cli.ts
 * `npm run verify` runs the same checks among all the others.
 */
const started = Date.now();
const results = await verifySite();
for (const result of results) {
  console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.name}`);
  if (!result.ok && result.detail) console.log(result.detail.replace(/^/gm, '       '));
}
const failed = results.filter((result) => !result.ok).length;
console.log(`\n${results.length - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exitCode = failed ? 1 : 0;
