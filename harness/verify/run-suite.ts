import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkIdOf } from '../check-id.js';
import { topologyNeeds } from '../lab/topology-needs.js';
import { ROOT } from '../labs.js';
import type { ModuleOutcome } from '../vitest/outcome-reporter.js';
import { writePlan, type PlannedRun } from '../vitest/verify-plan.js';

export interface CheckOutcome {
  id: string;
  title: string;
  passed: boolean;
  /** The first lines of the failure message, for the report. */
  failure?: string;
}

export interface SuiteOutcome {
  /** Time the suite's files spent in tests and hooks. */
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

/**
 * Runs lab suites against every planned target (starter, solution, mistake files) in one
 * vitest process (harness/vitest/targets.config.ts) and returns each target's outcome in
 * the same order. `label` names the run's folder under .course/.
 */
export async function runTargets(label: string, runs: PlannedRun[], env: Record<string, string>, workers: number): Promise<SuiteOutcome[]> {
  // Generated files live inside the repository so vite resolves packages from it; .course/ is git-ignored.
  mkdirSync(join(ROOT, '.course'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.course', `verify-${label}-`));
  const planFile = join(dir, 'plan.json');
  const outcomeFile = join(dir, 'outcomes.json');
  try {
    writeFileSync(planFile, JSON.stringify(writePlan(ROOT, dir, runs)));
    const stderr = await runVitest(['--config', 'harness/vitest/targets.config.ts', '--reporter', './harness/vitest/outcome-reporter.ts'], {
      ...env,
      COURSE_VERIFY_PLAN: planFile,
      COURSE_VERIFY_WORKERS: String(workers),
      COURSE_OUTCOME_FILE: outcomeFile,
      COURSE_TOPOLOGY_NEEDS: JSON.stringify(topologyNeeds([...new Set(runs.flatMap((run) => run.files))])),
    });
    let modules: ModuleOutcome[];
    try {
      modules = JSON.parse(readFileSync(outcomeFile, 'utf8')) as ModuleOutcome[];
    } catch {
      return runs.map(() => ({ loadError: `vitest wrote no report: ${lastLines(stderr)}`, checks: [] }));
    }
    return runs.map((run, index) => outcomeOf(modules.filter((module) => module.run === index), run.checks));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A run's outcome from its files'. A run limited to some checks reports only those: the
 * others were skipped in the worker after vitest had sent the main process the collected
 * tests, so the reporter sees them as never run ("pending"), not as skipped.
 */
function outcomeOf(modules: ModuleOutcome[], only?: string[]): SuiteOutcome {
  if (modules.length === 0) return { loadError: 'no test file found', checks: [] };
  const broken = modules.find((module) => module.loadError);
  if (broken) return { loadError: lastLines(broken.loadError ?? ''), checks: [] };
  const reported = (title: string) => !only || only.includes(checkIdOf(title) ?? title);
  return {
    seconds: modules.reduce((sum, module) => sum + module.durationMs, 0) / 1000,
    checks: modules.flatMap((module) =>
      module.checks.filter((check) => check.state !== 'skipped' && reported(check.title)).map((check) => ({
        id: checkIdOf(check.title) ?? check.title,
        title: check.title,
        passed: check.state === 'passed',
        ...(check.failure ? { failure: check.failure } : {}),
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
