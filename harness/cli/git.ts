import { spawn } from 'node:child_process';
import { ROOT } from '../labs.js';
import { BadInputError } from '../services/errors.js';

/** Runs git in the course folder; rejects with one readable line when git or the repository is missing. */
export function git(args: string[], options: { inherit?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: ROOT, stdio: ['ignore', options.inherit ? 'inherit' : 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', () => reject(new BadInputError('git is not installed; install it (it is how the course restores and compares lab files).')));
    child.on('close', (code) =>
      // `git diff` exits 1 when the files differ: that is an answer, not a failure.
      code === 0 || (code === 1 && args[0] === 'diff')
        ? resolve(output)
        : reject(new BadInputError(`git ${args[0]} failed: ${errors.trim().split('\n')[0] ?? `exit code ${code}`}. Is this folder a clone of the course?`)),
    );
  });
}
