import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { checkIdOf } from '../check-id.js';
import { recordRun } from '../learner/progress.js';

/**
 * Records what the learner's own code scored, per lab and check, in .course/progress.json
 * (harness/learner/progress.ts). `npm test` and `npm run watch` add it to vitest's reporters
 * for the starter target only; the solution and mistakes are not the learner's progress.
 */
export default class ProgressReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const results: Record<string, Record<string, boolean>> = {};
    for (const module of modules) {
      const lab = /^labs[\\/]([^\\/]+)[\\/]/.exec(relative(module.project.config.root, module.moduleId))?.[1];
      if (!lab) continue;
      for (const test of module.children.allTests()) {
        const id = checkIdOf(test.name);
        const state = test.result().state;
        if (id && (state === 'passed' || state === 'failed')) (results[lab] ??= {})[id] = state === 'passed';
      }
    }
    if (Object.keys(results).length > 0) recordRun(results);
  }
}
