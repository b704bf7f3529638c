import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, type Lab } from '../labs.js';

export interface CheckOutcome {
  id: string;
  title: string;
  passed: boolean;
  /** The first line of the failure message, for the report. */
  failure?: string;
}

export interface SuiteOutcome {
  /** Wall time of the vitest run, start-up included. */
  seconds?: number;
  /** Why the suite did not run its checks (an import or type error), if it did not. */
  loadError?: string;
  checks: CheckOutcome[];
}

export interface VitestJson {
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { title: string; status: string; failureMessages?: string[] }[];
  }[];
}

const CHECK_TITLE = /^(\d\d\.\d+)\s/;

/** Runs one lab's suite against one target (starter, solution, or a mistake file) in a fresh vitest. */
export async function runSuite(lab: Lab, target: string, env: Record<string, string>): Promise<SuiteOutcome> {
  const started = Date.now();
  const outcome = await readSuite(lab, target, env);
  return { ...outcome, seconds: (Date.now() - started) / 1000 };
}

async function readSuite(lab: Lab, target: string, env: Record<string, string>): Promise<SuiteOutcome> {
  const { report, stderr } = await runVitestReport([`labs/${lab.name}/`], { ...env, LAB_TARGET: target });
  if (!report) return { loadError: `vitest wrote no report: ${lastLines(stderr)}`, checks: [] };
  const broken = report.testResults.find((file) => file.status === 'failed' && file.assertionResults.length === 0);
  if (broken) return { loadError: lastLines(broken.message ?? stderr), checks: [] };
  if (report.testResults.length === 0) return { loadError: 'no test file found', checks: [] };
  return {
    checks: report.testResults.flatMap((file) =>
      file.assertionResults.map((result) => ({
        id: CHECK_TITLE.exec(result.title)?.[1] ?? result.title,
        title: result.title,
        passed: result.status === 'passed',
        failure: result.failureMessages?.[0]?.split('\n')[0],
      })),
    ),
  };
}

/** Runs vitest on `paths` with the JSON reporter; the report is missing if vitest could not start. */
export async function runVitestReport(
  paths: string[],
  env: Record<string, string>,
): Promise<{ report?: VitestJson; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'course-verify-'));
  const outputFile = join(dir, 'report.json');
  try {
    const stderr = await runVitest([...paths, '--reporter=json', `--outputFile=${outputFile}`], env);
    try {
      return { report: JSON.parse(readFileSync(outputFile, 'utf8')) as VitestJson, stderr };
    } catch {
      return { stderr };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runVitest(args: string[], env: Record<string, string>): Promise<string> {
  const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const child = spawn(process.execPath, [vitest, 'run', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', () => resolve(stderr)));
}

export function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ').slice(0, 300);
}
