// A process kept between runs (the server broker, the test server): started by a run, it
// serves the runs after it, and stops by itself so that nothing outlives the learner's
// session for long: ten minutes after its last run, when the terminal it was started from
// closes, or on SIGTERM or SIGHUP.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../labs.js';

/**
 * Starts `script` (a TypeScript file of the harness) in a process that outlives the run and
 * resolves with the first line it prints (its address). Its stderr goes to .course/<log>.
 */
export async function spawnKeptProcess(options: { script: string; args: string[]; env: NodeJS.ProcessEnv; log: string; what: string }): Promise<string> {
  mkdirSync(join(ROOT, '.course'), { recursive: true });
  // Its own process group is not asked for: it stays in the terminal's session, which is how it sees the terminal close.
  const log = openSync(join(ROOT, '.course', options.log), 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, options.script), ...options.args], {
    cwd: ROOT,
    env: options.env,
    stdio: ['ignore', 'pipe', log],
  });
  closeSync(log);
  child.unref();
  const lines = createInterface({ input: child.stdout! });
  try {
    return await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`${options.what} exited (code ${code}); see .course/${options.log}`)));
    });
  } finally {
    lines.close();
    child.stdout!.destroy();
  }
}

/**
 * In the kept process: calls `stop` once it has been idle for `idleMs` (idle until told
 * otherwise), when the terminal it was started from closes, or on SIGTERM or SIGHUP.
 * Ctrl-C is for the run in the foreground, not for what it left here, so SIGINT is ignored.
 */
export function stopWhenUnused(idleMs: number, stop: () => void): { busy(): void; idle(): void } {
  let idleTimer: NodeJS.Timeout | undefined;
  const idle = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(stop, idleMs);
  };
  idle(); // the run that started it may die before it asks for anything
  // The terminal's session loses its terminal when the terminal closes: /dev/tty no longer opens.
  const terminal = hasTerminal();
  setInterval(() => {
    if (terminal && !hasTerminal()) stop();
  }, 2_000);
  process.on('SIGINT', () => {});
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  return { busy: () => clearTimeout(idleTimer), idle };
}

function hasTerminal(): boolean {
  try {
    closeSync(openSync('/dev/tty', 'r'));
    return true;
  } catch {
    return false;
  }
}
