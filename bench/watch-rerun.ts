// `npm run bench:watch [NN | NN.K ...]`: how long `npm run watch` takes to answer after a
// save. For each lab (all of them by default) or check named it starts the learner's watch
// run on the reference solution (a passing lab), touches one of its source files the way an
// editor's save does, and times each rerun from the save to vitest's "waiting for file
// changes" line. Prints per lab the median and the worst rerun, and the slowest check of
// the median rerun: a rerun cannot answer before its longest check has, and some checks
// wait by design (a Redis that answers 1.1 s late, a lock wait of LOCK_WAIT_MS, a
// failover), so that column is the floor.
import { readdirSync, utimesSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { runLearnerVitest } from '../harness/cli/learner-vitest.js';
import { runCli } from '../harness/cli/run-cli.js';
import { parseTestArgs, suiteArgs } from '../harness/cli/test-args.js';
import { listLabNames, ROOT } from '../harness/labs.js';

const RERUNS = 7;
// vitest ends a passing run with "Waiting for file changes", a failing one with "Watching for file changes".
const RUN_FINISHED = /(?:Waiting|Watching) for file changes/;
// A check's line as vitest's default reporter prints one slower than its threshold: `✓ 02.14 ... 1201ms`.
const TIMED_CHECK = /^\s*[✓×]\s+(\d\d\.\d+)\s.*?\s(\d+)ms$/gm;
// A failed check's line: `× 02.14 ...`.
const FAILED_CHECK = /^\s*×\s+(\d\d\.\d+)\s/gm;
// A run that has not finished this long after its start or a save never will: say so rather than wait.
const STUCK_MS = 60_000;

interface Rerun {
  ms: number;
  /** The slowest check vitest reported, if any took longer than its slow-test threshold. */
  slowest?: { check: string; ms: number };
  /** Checks that failed on the reference solution: a check that depends on luck. */
  failed: string[];
}

runCli(async () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  console.log(`Timing ${RERUNS} reruns of the reference solution after a save, in npm run watch...`);
  console.log('watched                   median    worst     slowest check of the median rerun');
  let failed = false;
  for (const { lab, checks } of watchedOf(positionals)) {
    const reruns = await timeReruns(lab, checks);
    const failures = reruns.flatMap((rerun) => rerun.failed);
    // RERUNS is odd: the median rerun is the middle one.
    const sorted = [...reruns].sort((a, b) => a.ms - b.ms);
    const middle = sorted[(RERUNS - 1) / 2]!;
    const ms = (value: number) => `${Math.round(value)} ms`;
    const slowest = middle.slowest ? `${middle.slowest.check}: ${ms(middle.slowest.ms)}` : 'none over 300 ms';
    console.log(`${(checks[0] ?? lab).padEnd(26)}${ms(middle.ms).padEnd(10)}${ms(sorted.at(-1)!.ms).padEnd(10)}${slowest}`);
    if (failures.length) {
      failed = true;
      console.log(`  failed on the reference solution: ${[...new Set(failures)].map((check) => `${check} (${failures.filter((f) => f === check).length} of ${RERUNS} reruns)`).join(', ')}`);
    }
  }
  console.log(`(load average ${loadavg()[0]!.toFixed(1)} at the end)`);
  return failed ? 1 : 0;
});

/** What to watch: each check named (in its lab), each lab named for itself, or every lab. */
function watchedOf(positionals: string[]): { lab: string; checks: string[] }[] {
  if (positionals.length === 0) return listLabNames().map((lab) => ({ lab, checks: [] }));
  const { labs, checks } = parseTestArgs(positionals, {});
  const labOf = (id: string) => labs.find((lab) => lab.startsWith(id.slice(0, 2)))!;
  return [
    ...labs.filter((lab) => !checks.some((id) => labOf(id) === lab)).map((lab) => ({ lab, checks: [] })),
    ...checks.map((id) => ({ lab: labOf(id), checks: [id] })),
  ];
}

/** RERUNS reruns of a watch run of `lab` (or of its `checks`) on the solution, each timed from a save to its end. */
async function timeReruns(lab: string, checks: string[]): Promise<Rerun[]> {
  const sourceDir = join(ROOT, 'solutions', lab, 'src');
  const saved = join(sourceDir, readdirSync(sourceDir).filter((name) => name.endsWith('.ts')).sort()[0]!);
  const stop = new AbortController();
  const reruns: Rerun[] = [];
  let savedAt = 0;
  let output = '';
  let stuck = false;
  let watchdog: NodeJS.Timeout | undefined;
  const expectRun = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      stuck = true;
      stop.abort();
    }, STUCK_MS);
  };
  const save = () => {
    savedAt = performance.now();
    const now = new Date();
    utimesSync(saved, now, now);
    expectRun();
  };
  const onOutput = (text: string) => {
    output += text;
    if (!RUN_FINISHED.test(text)) return;
    clearTimeout(watchdog);
    if (savedAt) reruns.push({ ms: performance.now() - savedAt, ...checksOf(output) });
    output = ''; // the next rerun's output only
    if (reruns.length === RERUNS) stop.abort();
    // A short pause lets vitest settle its file watcher before the next save.
    else setTimeout(save, 300);
  };
  expectRun();
  await runLearnerVitest({ args: suiteArgs([lab], checks), target: 'solution', watchLab: lab, write: onOutput, signal: stop.signal });
  clearTimeout(watchdog);
  if (stuck) throw new Error(`no run of labs/${lab} finished within ${STUCK_MS / 1000} s (after ${reruns.length} of ${RERUNS} reruns)`);
  if (reruns.length < RERUNS) throw new Error(`the watch run of labs/${lab} ended after ${reruns.length} of ${RERUNS} reruns`);
  return reruns;
}

/** The slowest and the failed checks of one rerun's output. */
function checksOf(output: string): Omit<Rerun, 'ms'> {
  const plain = stripVTControlCharacters(output);
  const timed = [...plain.matchAll(TIMED_CHECK)].map(([, check, ms]) => ({ check: check!, ms: Number(ms) }));
  const failed = [...plain.matchAll(FAILED_CHECK)].map(([, check]) => check!);
  return { failed, ...(timed.length ? { slowest: timed.reduce((a, b) => (b.ms > a.ms ? b : a)) } : {}) };
}
