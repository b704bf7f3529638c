// `npm run mutate NN`: mutation testing of one lab's reference solution with the lab's own
// suite (StrykerJS and its vitest runner), written to solutions/NN-name/mutation.md. Too
// slow for verify, which only reads that file's score (harness/mutate/mutation-report.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';
import { runCli } from '../cli/run-cli.js';
import { findLabName, ROOT } from '../labs.js';
import { BadInputError } from '../services/errors.js';
import { resolveServices } from '../services/resolve.js';
import { carryExplanations, readReport, renderReport, scoreOf } from './mutation-report.js';

const CAUGHT = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

/** The source a mutant replaced (Stryker's lines count from 1, its columns from 0). */
function originalText(file: string, location: { start: { line: number; column: number }; end: { line: number; column: number } }): string {
  const lines = readFileSync(file, 'utf8').split('\n').slice(location.start.line - 1, location.end.line);
  if (lines.length === 0) return '';
  lines[lines.length - 1] = lines.at(-1)!.slice(0, location.end.column);
  lines[0] = lines[0]!.slice(location.start.column);
  return lines.join(' ');
}

runCli(async () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new BadInputError('Usage: npm run mutate NN   e.g. npm run mutate 04 (one lab at a time; it takes minutes)');
  const lab = findLabName(positionals[0]!);
  const services = await resolveServices();
  console.log(`${services.summary} Mutating solutions/${lab}/src with labs/${lab}'s suite...`);
  // Stryker's workers inherit the environment: the suite runs against the solution, on these servers.
  Object.assign(process.env, services.env, { LAB_TARGET: 'solution', COURSE_MUTATE_LAB: lab });
  try {
    const results = await new Stryker({
      testRunner: 'vitest',
      plugins: ['@stryker-mutator/vitest-runner'],
      vitest: { configFile: 'harness/mutate/vitest.config.ts', related: false },
      mutate: [`solutions/${lab}/src/**/*.ts`],
      coverageAnalysis: 'perTest',
      concurrency: 2,
      // A timed-out mutant counts as caught. On a busy machine a surviving mutant can simply
      // run slow, so allow three times the clean run plus 15 s before calling it a hang.
      timeoutFactor: 3,
      timeoutMS: 15_000,
      reporters: ['clear-text', 'progress'],
      tempDirName: '.course/stryker-tmp',
      // tsconfig.json stays out of the sandbox: Stryker rewrites a tsconfig's extends and
      // references with TypeScript's JS API, which TypeScript 7 no longer ships. Ours has
      // neither, and vitest strips the types without it.
      ignorePatterns: ['/docs', '/.vitepress', '/.course', '/bench', '/quizzes', '/examples', '/.git', '/tsconfig.json'],
      cleanTempDir: 'always',
    }).runMutationTest();

    const counted = results.filter((r) => COUNTED.has(r.status));
    const file = join(ROOT, 'solutions', lab, 'mutation.md');
    const survivors = counted
      .filter((r) => !CAUGHT.has(r.status))
      .sort((a, b) => a.fileName.localeCompare(b.fileName) || a.location.start.line - b.location.start.line)
      .map((r) => ({
        where: `${r.fileName.replace(/^.*\/src\//, '')}:${r.location.start.line}`,
        mutation: `${r.mutatorName}: ${originalText(r.fileName, r.location)} -> ${r.replacement ?? ''}`.replace(/\s+/g, ' ').slice(0, 140),
        why: '',
      }));
    const summary = {
      date: new Date().toISOString().slice(0, 10),
      mutants: counted.length,
      caught: counted.filter((r) => CAUGHT.has(r.status)).length,
      survivors: carryExplanations(survivors, readReport(file)?.survivors),
    };
    writeFileSync(file, renderReport(lab, summary));
    console.log(`\n${scoreOf(summary)}% of the mutants that could be caught were caught; written to solutions/${lab}/mutation.md.`);
    return 0;
  } finally {
    await services.stop();
  }
});
