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
import { runOnTestServer, serverRequestOf, testServerWanted } from './test-server-client.js';

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

export interface LearnerRunOptions {
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
}

/**
 * Runs vitest for the learner (`npm test`, `npm run watch`): the course's reporters
 * (timeouts in the course's words; progress recorded for the learner's own code), the
 * watchdog for infinite loops, and output passed through until an interrupt, after which
 * nothing more is printed: the caller says the run was interrupted, and that is all. The
 * servers are found here while vitest boots, handed to it, and stopped once it is gone; if
 * none can be found, the CourseError saying what to do is thrown instead of any output.
 */
export async function runLearnerVitest(options: LearnerRunOptions): Promise<LearnerRun> {
  const env = { ...process.env, ...options.env };
  // The checks alone, as a learner types them: the test server kept from the last run takes
  // them (test-server-client.ts), unless it is busy with another terminal's run.
  const request = options.watchLab || !testServerWanted(env) ? undefined : serverRequestOf(options.args, runWorkers(options.lab));
  const served = request && (await runOnTestServer({ request, env, target: options.target, output: learnerOutput(options), signal: options.signal }));
  return served || runOwnVitest(options, env);
}

async function runOwnVitest(options: LearnerRunOptions, env: NodeJS.ProcessEnv): Promise<LearnerRun> {
  mkdirSync(join(ROOT, '.course'), { recursive: true });
  const watchdogDir = mkdtempSync(join(ROOT, '.course', 'run-'));
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
      ...learnerReporters(options.target).flatMap((reporter) => ['--reporter', reporter]),
    ],
    {
      cwd: ROOT,
      stdio: ['inherit', 'pipe', 'pipe', 'ipc'],
      env: {
        ...env,
        [CONTEXT_FROM_CLI_ENV]: '1',
        LAB_TARGET: options.target,
        COURSE_WATCHDOG_DIR: watchdogDir,
        ...(options.watchLab ? { COURSE_WARM_THREADS: '1' } : {}),
        ...colours(),
      },
    },
  );
  const output = learnerOutput(options);
  // No Redis or Postgres could be found or started: thrown once vitest is gone, instead of its output.
  let servicesError: CourseError | undefined;
  // The servers are found, and clusters started, while vitest boots: imported only now, so
  // loading ioredis and pg does not delay the spawn above either.
  const services: Promise<RunServices | undefined> = import('../services/run-services.js')
    .then(({ startRunServices }) =>
      // The broker's lines go where vitest's output goes, in turn with it.
      startRunServices(env, topologyNeeds(options.args), (line) => output.out(`Using ${line}.\n`), { keep: keepsServers(env) }),
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
        output.silence();
        return undefined;
      },
    );
  const shown = services.then((run) => output.begin(run?.summary));
  // Both are pipes (stdio above); the IPC channel only widens the type.
  child.stdout!.on('data', (chunk: Buffer) => output.out(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.err(chunk.toString()));
  const stopInterrupts = onInterrupt(options.signal, () => {
    output.interrupt();
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
  });
  try {
    const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? 1)));
    if (!output.interrupted) await shown.catch(() => {});
    if (servicesError) throw servicesError;
    return { code, interrupted: output.interrupted, hangs: readHangs(watchdogDir) };
  } finally {
    await (await services)?.stop();
    stopInterrupts();
    rmSync(watchdogDir, { recursive: true, force: true });
  }
}

/** The course's reporters around vitest's own: timeouts in the course's words; progress for the learner's own code. */
export function learnerReporters(target: string): string[] {
  return ['./harness/vitest/timeout-messages.ts', 'default', ...(target === 'starter' ? ['./harness/vitest/progress-reporter.ts'] : [])];
}

/** vitest writes to a pipe, not the terminal: colours as the terminal would have them. */
export function colours(): Record<string, string> {
  return process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {};
}

/** What a run writes: nothing before `first`, and nothing at all after an interrupt. */
export interface LearnerOutput {
  out(text: string): void;
  err(text: string): void;
  /** Writes `first(summary)` (once it resolves), then what was held back. */
  begin(summary: string | undefined): Promise<void>;
  /** Ctrl-C: nothing more is written. */
  interrupt(): void;
  readonly interrupted: boolean;
  /** The run failed before it began (no servers): nothing of it is written. */
  silence(): void;
}

function learnerOutput(options: LearnerRunOptions): LearnerOutput {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const writeError = options.write ?? ((text: string) => process.stderr.write(text));
  let interrupted = false;
  let silent = false;
  let held: (() => void)[] | undefined = options.first ? [] : undefined;
  const pass = (to: (text: string) => unknown) => (text: string) => {
    const show = () => interrupted || silent || to(text);
    if (held) held.push(show);
    else show();
  };
  return {
    out: pass(write),
    err: pass(writeError),
    async begin(summary) {
      try {
        const text = summary !== undefined && options.first ? await options.first(summary) : '';
        if (!interrupted && !silent && text) write(text);
      } finally {
        for (const show of held ?? []) show();
        held = undefined;
      }
    },
    interrupt: () => void (interrupted = true),
    get interrupted() {
      return interrupted;
    },
    silence: () => void (silent = true),
  };
}

/** Calls `stop` on Ctrl-C, a kill, a closed terminal or the caller's abort; returns how to stop listening. */
export function onInterrupt(signal: AbortSignal | undefined, stop: () => void): () => void {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const name of signals) process.on(name, stop);
  signal?.addEventListener('abort', stop, { once: true });
  return () => {
    for (const name of signals) process.off(name, stop);
    signal?.removeEventListener('abort', stop);
  };
}

export function readHangs(dir: string): Hang[] {
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
