// `npm run hint 01.5 [tier]`: one hint for one check, gentlest first.
import { parseArgs } from 'node:util';
import { readLab } from '../lab-meta.js';
import { findLabName } from '../labs.js';
import { BadInputError } from '../services/errors.js';
import { runCli } from './run-cli.js';

runCli(async () => {
  const { positionals } = parseArgs({ allowPositionals: true });
  const [check, tierArg = '1'] = positionals;
  if (!check || !/^\d\d?\.\d+$/.test(check)) {
    throw new BadInputError('Usage: npm run hint <check> [tier], e.g. npm run hint 01.5 (the check IDs start each test name).');
  }
  const lab = readLab(findLabName(check.split('.')[0]!));
  const id = check.padStart(4, '0');
  const hints = lab.meta.hints[id];
  if (!hints) throw new BadInputError(`Check ${id} has no hints; the checks with hints are ${Object.keys(lab.meta.hints).join(', ')}.`);
  const tier = Number(tierArg);
  if (!Number.isInteger(tier) || tier < 1 || tier > hints.length) {
    throw new BadInputError(`Check ${id} has hints 1 to ${hints.length}.`);
  }
  console.log(`Hint ${tier} of ${hints.length} for ${id} (${lab.meta.title}):\n\n  ${hints[tier - 1]}\n`);
  if (tier < hints.length) console.log(`More: npm run hint ${id} ${tier + 1}`);
  else console.log(`Still stuck? Compare with solutions/${lab.name}/src/, or run: npm run test:solution labs/${lab.name}`);
  return 0;
});
