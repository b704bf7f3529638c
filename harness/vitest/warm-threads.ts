import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PoolOptions, PoolRunnerInitializer, PoolWorker, WorkerRequest } from 'vitest/node';

/**
 * vitest's thread pool for `npm run watch`, with threads that outlive a run. vitest 4 ends
 * every worker when its run ends, so each rerun after a save started its threads again and
 * loaded vitest, the harness, ioredis and pg in each before the first check (lab 01: a
 * 2.1 s rerun, 1.1 s with threads kept; npm run bench:watch). Here a thread whose run has
 * ended waits, idle, and a runner of the next run takes it over: vitest's "start" and
 * "stop" requests are answered on the thread's behalf, so it keeps what it loaded.
 *
 * What it loaded from `labs/` and `solutions/` is loaded again on every run, as in a new
 * thread: a runner's first request tells its thread to forget every module of those two
 * folders, and every file any run saw change (a thread may have sat out the run that saw
 * it). So the learner's code (and its module state) never carries over from one run to the
 * next; only vitest, the harness and node_modules stay warm. A thread serves at most
 * MAX_RUNS runs, so that timers or connections the learner's code left open go with it.
 */
export function warmThreads(root: string): PoolRunnerInitializer {
  return { name: NAME, createPoolWorker: (options) => new WarmThread(options, root) };
}

const NAME = 'warm-threads';
const MAX_RUNS = 20;

interface Kept {
  thread: Worker;
  /** The project config the thread was started with: it is reused only under the same one. */
  config: string;
  runs: number;
}

const idle = new Set<Kept>();
/** Every file a run was told had changed since the pool started. */
const changedSoFar = new Set<string>();
/** The course's files as walked for a run, keyed by the run's list of changed files. */
const walks = new WeakMap<string[], string[]>();

type Listener = (arg: unknown) => void;

class WarmThread implements PoolWorker {
  readonly name = NAME;
  private kept: Kept | undefined;
  private reused = false;
  private stopRequested = false;
  private firstRequest = true;
  private readonly listeners: [string, Listener][] = [];
  private readonly config: string;

  constructor(
    private readonly options: PoolOptions,
    private readonly root: string,
  ) {
    // A name filter (-t) is a RegExp, which JSON writes as {}: two filters would look the same.
    this.config = JSON.stringify(options.project.serializedConfig, (_key, value: unknown) => (value instanceof RegExp ? String(value) : value));
  }

  async start(): Promise<void> {
    if (this.kept) return;
    // Threads started under another config (a filter typed in watch mode) are of no use now.
    for (const stale of [...idle].filter((kept) => kept.config !== this.config)) end(stale);
    const [kept] = idle;
    if (kept) {
      idle.delete(kept);
      kept.thread.ref();
      this.kept = kept;
      this.reused = true;
      return;
    }
    const thread = new Worker(resolve(this.options.distPath, 'workers/threads.js'), {
      env: this.options.env,
      execArgv: this.options.execArgv,
      stdout: true,
      stderr: true,
    });
    const { outputStream, errorStream } = this.options.project.vitest.logger;
    pipe(thread.stdout, outputStream);
    pipe(thread.stderr, errorStream);
    const fresh: Kept = { thread, config: this.config, runs: 0 };
    thread.once('exit', () => idle.delete(fresh));
    this.kept = fresh;
  }

  on(event: string, callback: Listener): void {
    this.listeners.push([event, callback]);
    this.thread.on(event, callback);
  }

  off(event: string, callback: Listener): void {
    this.thread.off(event, callback);
  }

  send(message: WorkerRequest): void {
    if (message.type === 'start' && this.reused) return this.answer('started');
    if (message.type === 'stop') {
      this.stopRequested = true;
      return this.answer('stopped');
    }
    if (message.type === 'run' || message.type === 'collect') {
      message.context.invalidates = this.toForget(message.context.invalidates);
    }
    this.thread.postMessage(message);
  }

  async stop(): Promise<void> {
    const kept = this.kept;
    if (!kept) return;
    this.kept = undefined;
    for (const [event, callback] of this.listeners) kept.thread.off(event, callback);
    kept.runs += 1;
    // Stopped without a "stop" request, the runner was forced (a failed or cancelled run).
    if (!this.stopRequested || kept.runs >= MAX_RUNS) return end(kept);
    kept.thread.unref();
    idle.add(kept);
  }

  deserialize(data: unknown): unknown {
    return data;
  }

  private get thread(): Worker {
    if (!this.kept) throw new Error('warm-threads: the thread was stopped or never started');
    return this.kept.thread;
  }

  /** The thread's answer to a request it never saw, as vitest's worker would send it. */
  private answer(type: 'started' | 'stopped'): void {
    const response = { type, __vitest_worker_response__: true };
    setImmediate(() => {
      for (const [event, listener] of this.listeners) if (event === 'message') listener(response);
    });
  }

  /** The modules the thread must load again before this request (see warmThreads). */
  private toForget(changed: string[] = []): string[] {
    for (const file of changed) changedSoFar.add(file);
    if (!this.firstRequest) return changed;
    this.firstRequest = false;
    // Every runner of one run is handed the same array: walk labs/ and solutions/ once per run.
    let files = walks.get(changed);
    if (!files) walks.set(changed, (files = courseFiles(this.root)));
    return [...new Set([...changedSoFar, ...files])];
  }
}

/** A module a lab may load: TypeScript, JavaScript or JSON, whatever the learner wrote it in. */
const MODULE = /\.([cm]?[jt]sx?|json)$/;

/** Every module of labs/ and solutions/ (the learner's code, the suites and what they load), or of `dirs`. */
export function courseFiles(root: string, dirs = ['labs', 'solutions']): string[] {
  return dirs
    .map((dir) => join(root, dir))
    .filter((dir) => existsSync(dir))
    .flatMap((dir) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && MODULE.test(entry.name))
        .map((entry) => join(entry.parentPath, entry.name)),
    );
}

function pipe(from: NodeJS.ReadableStream, to: NodeJS.WritableStream): void {
  if ('setMaxListeners' in to && 'getMaxListeners' in to) to.setMaxListeners(to.getMaxListeners() + 1);
  from.pipe(to, { end: false }); // the thread ends; the run's output goes on
}

function end(kept: Kept): void {
  idle.delete(kept);
  void kept.thread.terminate();
}
