// `npm test [lab | check ...] [--solution | --target T] [vitest flags]`: runs lab suites
// against the learner's code (default), the reference solution, or one known mistake.
// See test-args.ts for every accepted spelling.
import { findLabName, listLabNames, ROOT } from '../labs.js';
import { parseTarget } from '../vitest/lab-target.js';
import { typecheckLabs } from './lab-typecheck.js';
import { explainHang, runLearnerVitest } from './learner-vitest.js';
import { runCli } from './run-cli.js';
import { parseTestArgs, suiteArgs } from './test-args.js';

runCli(async () => {
  const request = parseTestArgs(process.argv.slice(2), process.env);
  parseTarget(request.target, ROOT); // a bad target is one line here, not a stack trace from inside vitest
  const labs = request.labs.length || request.paths.length ? request.labs : listLabNames();
  const learnerCode = request.target === 'starter';
  // An unknown check is one line now, before any server is looked for.
  const suites = suiteArgs(labs, request.checks);
  // The type check runs beside the checks, not before them; its errors still print first.
  const typeErrors = learnerCode && labs.length ? typecheckLabs(labs) : Promise.resolve([]);
  const typeReport = typeErrors.then((errors) =>
    errors.length
      ? `TypeScript found ${errors.length} error(s) in your code. Fix them first: a check can pass by luck while the types are wrong.\n${errors.map((line) => `  ${line}`).join('\n')}`
      : '',
  );
  // vitest starts at once and finds the servers itself; its output waits for this line.
  const testing = `Testing: ${learnerCode ? 'your code in labs/' : request.target}.`;
  const run = await runLearnerVitest({
    first: async (services) => {
      const report = await typeReport;
      return `${services} ${testing}\n${report ? `\n${report}\n\n` : ''}`;
    },
    args: [...suites, ...request.paths, ...request.vitestArgs],
    target: request.target,
    lab: labs.length === 1 ? labs[0] : undefined,
  });
  if (run.interrupted) {
    console.log('\nRun interrupted: nothing more was checked.');
    return 130;
  }
  for (const hang of run.hangs) console.log(`\n${explainHang(hang)}`);
  const report = await typeReport;
  if (report) console.log(`\n${report}`);
  const failed = run.code !== 0 || report !== '';
  if (failed && learnerCode) await footer(labs);
  return failed ? 1 : 0;
});

/** Points at the first failing check of the labs that just ran, by its own ID. */
async function footer(labs: string[]): Promise<void> {
  // Loaded only here: its schema library costs every run a tenth of a second to load.
  const { firstFailing, readProgress } = await import('../learner/progress.js');
  const progress = readProgress();
  for (const lab of labs.map((name) => findLabName(name))) {
    const first = firstFailing(progress.labs[lab]);
    if (first) {
      console.log(`\nStuck on ${first}? \`npm run hint ${first}\` shows a hint (add 2 or 3 for more); \`npm run status\` shows every lab.`);
      return;
    }
  }
}
