import type { RunnerTask, RunnerTestFile } from 'vitest';
import { VitestTestRunner } from 'vitest/runners';
import { checkIdOf } from '../check-id.js';
import { readPlan, runIndexOf } from './verify-plan.js';

/**
 * verify's test runner: a generated file whose run names its checks (a mistake's "Caught
 * by") runs only those. The rest are marked skipped once the file is collected, before
 * anything runs, so their hooks never run either: a skip from inside a beforeEach still
 * ran the suite's afterEach (a log sync, a write audit, a key sweep) for every check
 * skipped, in every mistake's files.
 */
export default class VerifyRunner extends VitestTestRunner {
  private readonly plan = readPlan();

  onCollected(files: RunnerTestFile[]): void {
    for (const file of files) {
      const run = this.plan.runs[runIndexOf(this.plan, this.config.root, file.filepath)];
      if (run?.checks) keepOnly(file, new Set(run.checks));
    }
  }
}

/** Marks every check outside `ids` skipped, and every suite left with nothing to run; returns whether `task` still runs. */
function keepOnly(task: RunnerTask, ids: Set<string>): boolean {
  if (task.mode === 'skip' || task.mode === 'todo') return false;
  const runs = task.type === 'suite' ? task.tasks.map((child) => keepOnly(child, ids)).some(Boolean) : ids.has(checkIdOf(task.name) ?? '');
  if (!runs) task.mode = 'skip';
  return runs;
}
