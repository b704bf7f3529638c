// `npm run bench:watch [NN]`: how long `npm run watch` takes to answer after a save. Starts
// the learner's watch run on the lab's reference solution (a passing lab), touches one of
// its source files the way an editor's save does, and times each rerun from the save to
// vitest's "waiting for file changes" line. Prints the median and the worst of the reruns.
import { readdirSync, utimesSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { runLearnerVitest } from '../harness/cli/learner-vitest.js';
import { runCli } from '../harness/cli/run-cli.js';
import { findLabName, ROOT } from '../harness/labs.js';
import { median } from './stats.js';

const RERUNS = 7;
// vitest ends a passing run with "Waiting for file changes", a failing one with "Watching for file changes".
const RUN_FINISHED = /(?:Waiting|Watching) for file changes/;
// A run that has not finished this long after its start or a save never will: say so rather than wait.
const STUCK_MS = 60_000;

runCli(async () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const lab = findLabName(positionals[0] ?? '07');
  const sourceDir = join(ROOT, 'solutions', lab, 'src');
  const saved = join(sourceDir, readdirSync(sourceDir).filter((name) => name.endsWith('.ts')).sort()[0]!);
  const stop = new AbortController();
  const timings: number[] = [];
  let savedAt = 0;
  let failed = false;
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
    if (/Tests\s.*\d+ failed/.test(stripVTControlCharacters(text))) failed = true;
    if (!RUN_FINISHED.test(text)) return;
    clearTimeout(watchdog);
    if (savedAt) timings.push(performance.now() - savedAt);
    if (timings.length === RERUNS) stop.abort();
    // A short pause lets vitest settle its file watcher before the next save.
    else setTimeout(save, 300);
  };

  console.log(`Timing ${RERUNS} reruns of labs/${lab} after a save of ${saved.slice(ROOT.length)}...`);
  expectRun();
  await runLearnerVitest({ args: [`labs/${lab}/`], target: 'solution', watchLab: lab, write: onOutput, signal: stop.signal });
  clearTimeout(watchdog);
  if (stuck) throw new Error(`no run of labs/${lab} finished within ${STUCK_MS / 1000} s (after ${timings.length} of ${RERUNS} reruns)`);
  if (timings.length < RERUNS) throw new Error(`the watch run ended after ${timings.length} of ${RERUNS} reruns`);
  const ms = (value: number) => `${Math.round(value)} ms`;
  console.log(`rerun after a save: median ${ms(median(timings))}, worst ${ms(Math.max(...timings))}` +
    ` (load average ${loadavg()[0]!.toFixed(1)}${failed ? '; some checks failed' : ''})`);
  return 0;
});
