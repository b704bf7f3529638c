// Lab 14, part 1: the learner's checks against the working cache. A check that fails here
// would fail on every cache, so it catches nothing; one that passes only sometimes, or
// reaches beyond its prefix, is a check nobody can keep in a shared CI.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { createProductCache } from './src/product-cache.js';
import { LAB_OPTIONS, loadChecks, useGrader, type CacheFactory } from './grading.support.js';
import { failedOf, listOutcomes } from './report.support.js';

const lab = useLab('14', LAB_OPTIONS);
const grader = useGrader(lab);

/**
 * A second working cache, with other key names and another encoding, loaded at run time
 * from the solution's folder: a check that spells a key or parses a value fails there.
 */
async function otherWorkingCache(): Promise<CacheFactory> {
  const path = fileURLToPath(new URL('../../solutions/14-testing-a-cache/broken/working-with-other-keys.ts', import.meta.url));
  return ((await import(path)) as { createProductCache: CacheFactory }).createProductCache;
}

describe('lab 14: your checks on the working cache', () => {
  it('14.1 every check passes on the working cache, and on a second one keyed and encoded differently', { timeout: 20_000 }, async () => {
    const checks = await loadChecks();
    // A failure names its check: each needs a name of its own, or a report says nothing.
    const names = checks.map((c) => c.name.trim());
    expect(names.filter((name) => !name).length, 'A check has an empty name; name each for the behaviour it demands.').toBe(0);
    const twice = names.filter((name, i) => names.indexOf(name) !== i);
    expect(twice, `Two checks share the name "${twice[0]}"; give each its own, so a failure says which one it was.`).toEqual([]);
    const [outcomes, elsewhere] = await Promise.all([grader.run(checks, createProductCache), grader.run(checks, await otherWorkingCache())]);
    console.log(`Your checks on the working cache (src/product-cache.ts):\n${listOutcomes(outcomes)}`);
    expect(
      failedOf(outcomes).length,
      `${failedOf(outcomes).length} of your checks failed on the working cache:\n${listOutcomes(outcomes)}\n` +
        'Expected every check to pass on it: a check that fails on working code cannot tell a bug from no bug. ' +
        'Compare what the check expects with the README\'s description of the cache (lesson 14, "The lab: checks that catch bugs").',
    ).toBe(0);
    expect(
      failedOf(elsewhere).length,
      `${failedOf(elsewhere).length} of your checks failed on a second working cache, one that keeps every promise of the README ` +
        `with other key names and another encoding of the values:\n${listOutcomes(elsewhere)}\n` +
        'Expected every check to pass on it too: a check that spells a key name, parses what Redis stores or expects the ' +
        '"not found" marker\'s text tests one way of writing the cache, not what its users see. Find keys with SCAN under ' +
        'the prefix and judge them by their TTLs and by what reads return (lesson 14, "Look at what Redis holds").',
    ).toBe(0);
  });

  it('14.3 they touch only keys under tools.prefix, and never the whole server', { timeout: 20_000 }, async () => {
    const outcomes = await grader.run(await loadChecks(), createProductCache);
    const refused = outcomes.flatMap((o) => o.refused.map((command) => `  ${o.name}: ${command}`));
    expect(
      refused.length,
      `Your checks sent commands that reach beyond their prefix; the grader refused them:\n${refused.slice(0, 5).join('\n')}\n` +
        'Expected every key a check names to start with tools.prefix, SCAN with MATCH <prefix>*, and no KEYS, FLUSHDB or CONFIG: ' +
        'the Redis is shared with other suites and people (lesson 14, "Isolation on a shared server").',
    ).toBe(0);
  });
});
