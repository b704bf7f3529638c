import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../labs.js';
import type { CheckResult } from './check.js';
import { lastLines } from './run-suite.js';

/** Far above the quick run's usual 10 to 20 s, so only a hang trips it. */
const LIMIT_MS = 120_000;
const TABLES = ['1. Read path', '2. Stampede', '3. Hit path', '4. Codecs', '5. Rate limiting', '6. LLM cache', '7. One node vs cluster'];

/**
 * Runs `npm run bench -- --quick --no-write` in a child process against the servers in
 * `env` (REDIS_URL, DATABASE_URL), so the bench cannot rot: it must exit 0 and print every
 * section's table. Its numbers are not judged; that is what the full run and the site are for.
 */
export async function verifyBench(env: Record<string, string>): Promise<CheckResult[]> {
  const name = `bench: quick mode runs and prints its ${TABLES.length} tables (npm run bench -- --quick)`;
  const { code, output, timedOut } = await runQuickBench(env);
  if (timedOut) return [{ name, ok: false, detail: `stopped after ${LIMIT_MS / 1000} s: ${lastLines(output)}` }];
  if (code !== 0) return [{ name, ok: false, detail: `exit code ${code}: ${lastLines(output)}` }];
  const missing = TABLES.filter((title) => !output.includes(title));
  if (missing.length > 0) return [{ name, ok: false, detail: `no table "${missing.join('", "')}" in: ${lastLines(output)}` }];
  return [{ name, ok: true }];
}

function runQuickBench(env: Record<string, string>): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, 'bench/main.ts', '--quick', '--no-write'], {
    cwd: ROOT,
    env: { ...process.env, ...env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let timedOut = false;
  // SIGTERM lets the bench remove its keys and schema before it exits.
  const timer = setTimeout(() => ((timedOut = true), child.kill('SIGTERM')), LIMIT_MS);
  return new Promise((resolve) => {
    child.on('error', (error) => (output += `\n${error.message}`));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}
