import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../labs.js';
import type { CheckResult } from './check.js';

/** `tsc --noEmit` over labs, solutions, harness, examples and the site config. */
export function typecheck(): Promise<CheckResult> {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  // One thread: verify runs this beside the labs on two cores, where parallel checkers
  // only add CPU (TypeScript 7: 4.4 s wall single-threaded, 6.8 s with its default four).
  const child = spawn(process.execPath, [tsc, '--noEmit', '--singleThreaded', '-p', ROOT], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) =>
      resolve({
        name: 'TypeScript: everything type-checks (strict)',
        ok: code === 0,
        detail: `${output.trim().split('\n').slice(0, 5).join(' | ')} Run: npm run typecheck`,
      }),
    ),
  );
}
