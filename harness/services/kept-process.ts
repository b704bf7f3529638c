// A process kept between runs (the server broker, the test server): started by a run, it
// serves the runs after it, and stops by itself so that nothing outlives the learner's
// session for long: ten minutes after its last run, when the terminal it was started from
// closes, or on SIGTERM or SIGHUP.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../labs.js';
import { isAlive } from './redis-process.js';

/** Where a kept process can be reached, as it writes it to its state file in .course/. */
export interface KeptState {
  url: string;
  pid: number;
}

export function readState(path: string): KeptState | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as KeptState;
  } catch {
    return undefined; // none yet, or half written by a process starting this very moment
  }
}

/** The state files in .course/ whose names match `name`. */
export function keptStateFiles(name: RegExp): string[] {
  const dir = join(ROOT, '.course');
  return existsSync(dir) ? readdirSync(dir).filter((file) => name.test(file)).map((file) => join(dir, file)) : [];
}

/**
 * In the kept process, once it listens at `url`: writes its state file and prints its URL
 * for the run that started it. Two runs that found none at the same moment each start one:
 * if another live process holds `state`, its URL is printed instead and false returned,
 * and the caller stops (releaseState is then not for it to call).
 */
export function claimState(state: string, url: string): boolean {
  const other = readState(state);
  const mine = !(other && other.pid !== process.pid && isAlive(other.pid));
  if (mine) writeFileSync(state, JSON.stringify({ url, pid: process.pid }));
  process.stdout.on('error', () => {}); // the run that started it reads one line, then closes the pipe
  process.stdout.write(`${mine ? url : other!.url}\n`);
  return mine;
}

/** In the kept process, as it stops: its state file goes, unless another process's is there now. */
export function releaseState(state: string): void {
  if (readState(state)?.pid === process.pid) rmSync(state, { force: true });
}

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
