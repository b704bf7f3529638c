// `npm test [lab ...] [--solution | --target T] [vitest flags]`: runs lab suites against
// the learner's code (default), the reference solution, or one known mistake.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findLabName, ROOT } from '../labs.js';
import { resolveServices } from '../services/resolve.js';
import { parseTarget } from '../vitest/lab-target.js';
import { runCli } from './run-cli.js';

runCli(async () => {
  const { values, positionals, tokens } = parseArgs({
    options: { solution: { type: 'boolean' }, target: { type: 'string' } },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const labArgs = positionals.filter((arg) => !arg.startsWith('harness/'));
  const paths = labArgs.length ? labArgs.map((arg) => `labs/${findLabName(arg)}/`) : ['labs/'];
  paths.push(...positionals.filter((arg) => arg.startsWith('harness/')));
  const passThrough = tokens
    .filter((t) => t.kind === 'option' && t.name !== 'solution' && t.name !== 'target')
    .map((t) => (t.kind === 'option' ? t.rawName + (t.value === undefined ? '' : `=${t.value}`) : ''));
  const target = values.solution
    ? 'solution'
    : typeof values.target === 'string'
      ? values.target
      : (process.env.LAB_TARGET ?? 'starter');

  parseTarget(target, ROOT); // a bad target is one line here, not a stack trace from inside vitest
  const services = await resolveServices();
  console.log(`${services.summary} Testing: ${target === 'starter' ? 'your code in labs/' : target}.`);
  try {
    const code = await runVitest([...paths, ...passThrough], { ...services.env, LAB_TARGET: target });
    if (code !== 0 && target === 'starter') {
      console.log('\nStuck on a check? `npm run hint 01.5` shows a hint for check 01.5 (add 2 or 3 for more).');
    }
    return code;
  } finally {
    await services.stop();
  }
});

function runVitest(args: string[], env: Record<string, string>): Promise<number> {
  const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const child = spawn(process.execPath, [vitest, 'run', ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const stop = () => child.kill('SIGINT');
  process.once('SIGINT', stop);
  return new Promise((resolve) => child.on('exit', (code) => (process.off('SIGINT', stop), resolve(code ?? 1))));
}
