// `npm run watch 04`: the lab's checks again every time a file of the lab changes. The
// servers are found once and vitest stays up, so a rerun costs only the checks themselves.
import { parseArgs } from 'node:util';
import { findLabName } from '../labs.js';
import { BadInputError } from '../services/errors.js';
import { typecheckLabs } from './lab-typecheck.js';
import { explainHang, runLearnerVitest } from './learner-vitest.js';
import { runCli } from './run-cli.js';

runCli(async () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new BadInputError('Usage: npm run watch 04   (one lab; its checks rerun on every save)');
  const lab = findLabName(positionals[0]!);
  const typeErrors = typecheckLabs([lab]);
  const run = await runLearnerVitest({
    args: [`labs/${lab}/`],
    target: 'starter',
    watchLab: lab,
    first: async (services) => {
      const errors = await typeErrors;
      const report = errors.length ? `\nTypeScript errors in your code (fix them first):\n${errors.map((line) => `  ${line}`).join('\n')}\n\n` : '';
      return `${services} Watching labs/${lab}: save a file to run its checks again; Ctrl-C to stop.\n${report}`;
    },
  });
  for (const hang of run.hangs) console.log(`\n${explainHang(hang)}\nFix the loop, then start npm run watch again.`);
  if (run.interrupted) console.log('\nStopped watching.');
  return 0;
});
