import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { topologyNeeds } from '../lab/topology-needs.js';
import { labSuiteFiles, labWorkers, ROOT } from '../labs.js';
import { CourseError } from '../services/errors.js';
import { keepsServers } from '../services/kept-servers.js';
import type { RunServices } from '../services/run-services.js';
import { CONTEXT_FROM_CLI_ENV } from '../vitest/context-from-cli.js';

/** A check that never gave the event loop a turn, as harness/vitest/watchdog.ts reported it. */
export interface Hang {
  file: string;
  check: string;
  limitMs: number;
}

export interface LearnerRun {
  code: number;
  /** Ctrl-C, a kill or a closed terminal ended the run. */
  interrupted: boolean;
  hangs: Hang[];
}

/**
 * Runs vitest for the learner (`npm test`, `npm run watch`): the course's reporters
 * (timeouts in the course's words; progress recorded for the learner's own code), the
 * watchdog for infinite loops, and output passed through until an interrupt, after which
 * nothing more is printed: the caller says the run was interrupted, and that is all. The
 * servers are found here while vitest boots, handed to it, and stopped once it is gone; if
 * none can be found, the CourseError saying what to do is thrown instead of any output.
 */
export async function runLearnerVitest(options: {
  args: string[];
  /** Where to look for the servers (REDIS_URL, DATABASE_URL) before the usual places. */
  env?: Record<string, string>;
  target: string;
  /** Watches this lab: its checks run again on every save, until an interrupt. */
  watchLab?: string;
  /** The one lab a run checks, whose lab.yaml may ask for more workers (labWorkers). */
  lab?: string;
  /** Where vitest's output goes; the terminal by default. */
  write?: (text: string) => void;
  /** Ends the run as Ctrl-C would (a script driving a watch run stops it this way). */
  signal?: AbortSignal;
  /**
   * Written before any of vitest's output, which is held until it arrives: given the line
   * saying which servers the run uses, it may wait for more (the type check's errors).
   */
  first?: (services: string) => Promise<string>;
}): Promise<LearnerRun> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const writeError = options.write ?? ((text: string) => process.stderr.write(text));
  mkdirSync(join(ROOT, '.course'), { recursive: true });
  const watchdogDir = mkdtempSync(join(ROOT, '.course', 'run-'));
  const reporters = ['./harness/vitest/timeout-messages.ts', 'default', ...(options.target === 'starter' ? ['./harness/vitest/progress-reporter.ts'] : [])];
  const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const child = spawn(
    process.execPath,
    [
      vitest,
      // A lab's files run in a few workers that load the harness, ioredis and pg once and
      // then take file after file (no isolation between them, as verify runs the labs): on
      // two cores a worker per file cost more than most labs' checks (03, 06, 10: 0.5 to
      // 0.9 s of 3). The workers are threads, which start in about half the time of a
      // process (warm npm test of labs 01, 05, 09, 12: 0.1 to 0.25 s less each). A lab whose
      // checks wait for seconds rather than compute asks for more in its lab.yaml, so its
      // long files run side by side. A watch run keeps its threads from one run to the next
      // (vitest.config.ts, COURSE_WARM_THREADS), so each file gets one of its own (watchWorkers).
      // A synchronous infinite loop ends the whole run, which says so.
      ...(options.watchLab
        ? ['--watch', `--maxWorkers=${watchWorkers(options.watchLab)}`]
        : ['run', `--maxWorkers=${runWorkers(options.lab)}`, '--pool=threads']),
      '--no-isolate',
      // Transformed modules kept on disk between runs: a warm run skips most of the transform.
      '--experimental.fsModuleCache',
      ...options.args,
      ...reporters.flatMap((reporter) => ['--reporter', reporter]),
    ],
    {
      cwd: ROOT,
      stdio: ['inherit', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        ...options.env,
        [CONTEXT_FROM_CLI_ENV]: '1',
        LAB_TARGET: options.target,
        COURSE_WATCHDOG_DIR: watchdogDir,
        ...(options.watchLab ? { COURSE_WARM_THREADS: '1' } : {}),
        ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}),
      },
    },
  );
  let interrupted = false;
  // No Redis or Postgres could be found or started: thrown once vitest is gone, instead of its output.
  let servicesError: CourseError | undefined;
  // The servers are found, and clusters started, while vitest boots: imported only now, so
  // loading ioredis and pg does not delay the spawn above either.
  const services: Promise<RunServices | undefined> = import('../services/run-services.js')
    .then(({ startRunServices }) =>
      // The broker's lines go where vitest's output goes, in turn with it.
      startRunServices({ ...process.env, ...options.env }, topologyNeeds(options.args), (line) => pass(write)(`Using ${line}.\n`), {
        keep: keepsServers({ ...process.env, ...options.env }),
      }),
    )
    .then(
      (run) => {
        if (child.connected) child.send(run.context);
        return run;
      },
      (error: unknown) => {
        child.kill('SIGTERM'); // it would wait for the servers for ever
        if (!(error instanceof CourseError)) throw error;
        servicesError = error;
        return undefined;
      },
    );
  let held: (() => void)[] | undefined = options.first ? [] : undefined;
  const shown = services
    .then((run) => (run && options.first ? options.first(run.summary) : ''))
    .then((text) => interrupted || servicesError !== undefined || !text || write(text))
    .finally(() => {
      for (const show of held ?? []) show();
      held = undefined;
    });
  const pass = (out: (text: string) => unknown) => (chunk: Buffer | string) => {
    const show = () => interrupted || servicesError !== undefined || out(chunk.toString());
    if (held) held.push(show);
    else show();
  };
  // Both are pipes (stdio above); the IPC channel only widens the type.
  child.stdout!.on('data', pass(write));
  child.stderr!.on('data', pass(writeError));
  const stop = () => {
    interrupted = true;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, stop);
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? 1)));
    if (!interrupted) await shown.catch(() => {});
    if (servicesError) throw servicesError;
    return { code, interrupted, hangs: readHangs(watchdogDir) };
  } finally {
    await (await services)?.stop();
    for (const signal of signals) process.off(signal, stop);
    options.signal?.removeEventListener('abort', stop);
    rmSync(watchdogDir, { recursive: true, force: true });
  }
}

function readHangs(dir: string): Hang[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith('hang-'))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Hang);
}

/** What a hang means, for the learner. */
export function explainHang(hang: Hang): string {
  const what = hang.check ? `"${hang.check}" (${hang.file})` : `${hang.file}, outside any check,`;
  return (
    `✗ ${what} never returned: for ${hang.limitMs / 1000} s it did not give Node's event loop a single turn, so the run was stopped.\n` +
    '  That is a synchronous infinite loop: a while/for whose condition never changes, a retry loop with no await inside, or a ' +
    'busy wait such as while (Date.now() < deadline). Timers, Redis replies and the check\'s own timeout can only run when your code awaits.'
  );
}

/** Three workers, or as many as the lab a run checks asks for (labWorkers). */
function runWorkers(lab: string | undefined): number {
  return Math.max((lab ? labWorkers(lab) : undefined) ?? 3, availableParallelism());
}

/**
 * A thread per file: a watch run keeps its threads (harness/vitest/warm-threads.ts), so after
 * the first run a rerun costs only the checks, and the lab's files wait on Redis side by side
 * (npm run bench:watch 01: 2.1 s with three threads started afresh each run, 1.4 s with
 * three kept, 1.1 s with seven kept). The first run pays for starting them all.
 */
function watchWorkers(lab: string): number {
  return labSuiteFiles(lab).length;
}
