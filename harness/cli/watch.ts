// `npm run watch 04` (or `npm run watch 04.5`, one check): the lab's checks again every
// time a file of the lab changes. The servers are found once and vitest stays up, so a
// rerun costs only the checks themselves. Arguments are read as `npm test` reads them
// (test-args.ts): a lab or check IDs of one lab, `-t pattern`, `--solution`.
import { ROOT } from '../labs.js';
import { BadInputError } from '../services/errors.js';
import { parseTarget } from '../vitest/lab-target.js';
import { typecheckLabs } from './lab-typecheck.js';
import { explainHang, runLearnerVitest } from './learner-vitest.js';
import { runCli } from './run-cli.js';
import { parseTestArgs, suiteArgs } from './test-args.js';

const USAGE = 'Usage: npm run watch 04   (a lab: its checks rerun on every save)   or   npm run watch 04.5   (one check)';

runCli(async () => {
  const request = parseTestArgs(process.argv.slice(2), process.env);
  if (request.labs.length !== 1 || request.paths.length > 0) throw new BadInputError(USAGE);
  parseTarget(request.target, ROOT);
  const [lab] = request.labs as [string];
  const learnerCode = request.target === 'starter';
  const watched = request.checks.length ? request.checks.join(', ') : `labs/${lab}`;
  const typeErrors = learnerCode ? typecheckLabs([lab]) : Promise.resolve([]);
  const run = await runLearnerVitest({
    args: [...suiteArgs([lab], request.checks), ...request.vitestArgs],
    target: request.target,
    watchLab: lab,
    first: async (services) => {
      const errors = await typeErrors;
      const report = errors.length ? `\nTypeScript errors in your code (fix them first):\n${errors.map((line) => `  ${line}`).join('\n')}\n\n` : '';
      const code = learnerCode ? '' : ` against ${request.target}`;
      return `${services} Watching ${watched}${code}: save a file to run the checks again; Ctrl-C to stop.\n${report}`;
    },
  });
  for (const hang of run.hangs) console.log(`\n${explainHang(hang)}\nFix the loop, then start npm run watch again.`);
  if (run.interrupted) console.log('\nStopped watching.');
  return 0;
});
