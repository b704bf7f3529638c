import { join } from 'node:path';
import { threadId, Worker } from 'node:worker_threads';
import { afterEach, beforeEach } from 'vitest';

/**
 * A setup file for the learner's runs (`npm test`, `npm run watch`; the CLI sets
 * COURSE_WATCHDOG_DIR). A synchronous infinite loop in learner code blocks the event
 * loop, so no timer of this process can fire, the test's own timeout included, and the
 * run would hang for ever. A thread beside it watches a heartbeat the main thread beats
 * every 100 ms; after LIMIT_MS of silence it writes which check was running to
 * COURSE_WATCHDOG_DIR and kills the process, and `npm test` reports it. (An awaited
 * promise that never settles is vitest's timeout; timeout-messages.ts words it.)
 */
const directory = process.env.COURSE_WATCHDOG_DIR;
const LIMIT_MS = Number(process.env.COURSE_WATCHDOG_LIMIT_MS ?? 10_000);

// One per thread, started by the thread's first file: a thread runs many files (and a watch
// run keeps it for many runs), and a watcher per file cost 40 ms of CPU each time.
const WATCHDOG = Symbol.for('course.watchdog');
type Running = (text: string) => void;

if (directory) {
  const slot = globalThis as { [WATCHDOG]?: Running };
  const running = (slot[WATCHDOG] ??= startWatchdog(directory));
  beforeEach((context) => running(`${context.task.file.name}\n${context.task.name}`));
  afterEach((context) => running(context.task.file.name));
}

/** Starts the thread's heartbeat and its watcher; returns how to tell it what runs now. */
function startWatchdog(dir: string): Running {
  // [0] heartbeat, [1] byte length of "file\ncheck" (the file alone between checks), then that text.
  const shared = new SharedArrayBuffer(8 + 1024);
  const beat = new Int32Array(shared, 0, 2);
  const name = new Uint8Array(shared, 8);
  // An eval'd worker is CommonJS; it runs while the main thread is stuck. Unreferenced, it
  // ends with the thread.
  const watcher = new Worker(
    `const { workerData } = require('node:worker_threads');
     const beat = new Int32Array(workerData.shared, 0, 2);
     const name = new Uint8Array(workerData.shared, 8);
     let last = -1, since = Date.now();
     setInterval(() => {
       const now = Atomics.load(beat, 0);
       if (now !== last) { last = now; since = Date.now(); return; }
       if (Date.now() - since < workerData.limitMs) return;
       const [file, check] = Buffer.from(name.slice(0, Atomics.load(beat, 1))).toString('utf8').split('\\n');
       try { require('node:fs').writeFileSync(workerData.report, JSON.stringify({ file, check, limitMs: workerData.limitMs })); }
       finally { process.kill(process.pid, 'SIGKILL'); }
     }, 200);`,
    {
      eval: true,
      workerData: { shared, limitMs: LIMIT_MS, report: join(dir, `hang-${process.pid}-${threadId}.json`) },
    },
  );
  watcher.unref();
  setInterval(() => Atomics.add(beat, 0, 1), 100).unref();
  return (text) => {
    const bytes = Buffer.from(text).subarray(0, name.length);
    name.set(bytes);
    Atomics.store(beat, 1, bytes.length);
  };
}
