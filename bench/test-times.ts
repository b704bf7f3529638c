// `npm run bench:test [NN ...] [--runs N]`: how long a warm `npm test NN -- --solution`
// takes, the command a learner runs. Runs each lab's suite on its reference solution a few
// times, one run at a time, and prints per lab the median of vitest's own Duration (boot to
// last check) and of the whole command, from Enter to prompt (npm, the CLI, vitest's start
// and its teardown included). The first run of each lab warms the caches and is not counted.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { runCli } from '../harness/cli/run-cli.js';
import { findLabName, listLabNames, ROOT } from '../harness/labs.js';
import { median } from './stats.js';

runCli(async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '3' } } });
  const labs = positionals.length ? positionals.map(findLabName) : listLabNames();
  const runs = Math.max(1, Number(values.runs) || 3);
  console.log(`lab                       vitest Duration   Enter to prompt   (medians of ${runs} warm runs)`);
  let failed = false;
  for (const lab of labs) {
    const timings: { durationS: number; wallS: number }[] = [];
    for (let run = 0; run <= runs; run++) {
      const timing = await timeTestRun(lab);
      if (!timing) failed = true;
      else if (run > 0) timings.push(timing);
    }
    const shown = (values: number[]) => (values.length ? `${median(values).toFixed(2)} s` : 'failed');
    console.log(`${lab.padEnd(26)}${shown(timings.map((t) => t.durationS)).padEnd(18)}${shown(timings.map((t) => t.wallS))}`);
  }
  console.log(`(load average ${loadavg()[0]!.toFixed(1)} at the end)`);
  return failed ? 1 : 0;
});

/** One `npm test NN -- --solution`: vitest's Duration and the wall time, or undefined if it failed. */
function timeTestRun(lab: string): Promise<{ durationS: number; wallS: number } | undefined> {
  const started = performance.now();
  const child = spawn('npm', ['test', lab, '--', '--solution'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      const wallS = (performance.now() - started) / 1000;
      const duration = /Duration\s+([\d.]+)(m?s)/.exec(stripVTControlCharacters(output));
      if (code !== 0 || !duration) return resolve(undefined);
      resolve({ durationS: Number(duration[1]) / (duration[2] === 'ms' ? 1000 : 1), wallS });
    }),
  );
}
