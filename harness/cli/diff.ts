// `npm run diff 04`: the learner's code beside the reference solution, file by file, once
// the lab is green. Before that it would hand over the answer, so it asks for --force.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readLab } from '../lab-meta.js';
import { findLabName, ROOT } from '../labs.js';
import { labSummaries } from '../learner/lab-summary.js';
import { BadInputError } from '../services/errors.js';
import { git } from './git.js';
import { runCli } from './run-cli.js';

runCli(async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean' } } });
  if (positionals.length !== 1) throw new BadInputError('Usage: npm run diff 04   (your code against the reference solution, once the lab is green)');
  const lab = readLab(findLabName(positionals[0]!));
  const summary = labSummaries().find((s) => s.lab === lab.name)!;
  const green = summary.passed === summary.total;
  const force = values.force === true || process.env.npm_config_force === 'true';
  if (!green && !force) {
    throw new BadInputError(
      `labs/${lab.name} is not green yet (${summary.passed} of ${summary.total} checks pass; next: ${summary.firstToFix}): the diff would show you the answer. ` +
        `Try npm run hint ${summary.firstToFix} first, or run npm run diff ${lab.number} -- --force to see it anyway.`,
    );
  }
  if (!green) console.log(`Warning: labs/${lab.name} is not green yet; this shows the reference solution's answer.\n`);
  const solution = join(ROOT, 'solutions', lab.name, 'src');
  if (!existsSync(solution)) throw new BadInputError(`solutions/${lab.name}/src is missing.`);
  // Both sides as a learner reads them: your file on the left, the solution's on the right.
  await git(['diff', '--no-index', '--color=auto', '--', `labs/${lab.name}/src`, `solutions/${lab.name}/src`], { inherit: true });
  return 0;
});
