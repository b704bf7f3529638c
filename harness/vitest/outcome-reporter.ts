import { writeFileSync } from 'node:fs';
import type { Reporter, SerializedError, TestModule } from 'vitest/node';
import { readPlan, runIndexOf } from './verify-plan.js';

/** One test file's result for one target, as verify reads it. */
export interface ModuleOutcome {
  /** Index of the planned run (its target) the file belongs to. */
  run: number;
  file: string;
  /** Why the file ran no checks (an import or type error), if it did not. */
  loadError?: string;
  /** Wall time of the file's tests and hooks, in milliseconds. */
  durationMs: number;
  /** Checks filtered out by a name pattern are 'skipped'. */
  checks: { title: string; state: 'passed' | 'failed' | 'skipped' | 'pending'; failure?: string }[];
}

/**
 * A vitest reporter that writes every generated file's outcome, with the run (target) it
 * belongs to, to the JSON file named by COURSE_OUTCOME_FILE.
 */
export default class OutcomeReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    const plan = readPlan();
    const outcomes: ModuleOutcome[] = modules.map((module) => {
      const errors = module.errors().map((error) => error.message);
      const checks = [...module.children.allTests()].map((test) => {
        const result = test.result();
        return {
          title: test.name,
          state: result.state,
          ...(result.state === 'failed' ? { failure: firstLines(result.errors[0]?.message ?? 'failed') } : {}),
        };
      });
      return {
        run: runIndexOf(plan, module.project.config.root, module.moduleId),
        file: module.moduleId,
        ...(checks.length === 0 ? { loadError: errors[0] ?? unhandled[0]?.message ?? 'no checks ran' } : {}),
        durationMs: module.diagnostic().duration,
        checks,
      };
    });
    writeFileSync(process.env.COURSE_OUTCOME_FILE ?? 'outcomes.json', JSON.stringify(outcomes));
  }
}

/**
 * What the report shows of a failure: its first lines, not only the first. A check whose
 * message lists what it saw (lab 14's grading names each of the checks it ran) is read
 * from CI's log, where the first line alone said what failed but not why.
 */
function firstLines(message: string): string {
  const lines = message.split('\n').filter((line) => line.trim() !== '');
  return lines.slice(0, 8).join('\n').slice(0, 1_200);
}
