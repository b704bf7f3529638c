import { basename } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { topologyNeeds } from '../lab/topology-needs.js';
import { readPlan, runIndexOf } from './verify-plan.js';

/** A whole suite file (a starter's or solution's run) counts as this many checks. */
const WHOLE_FILE = 30;

/**
 * verify's file order: longest first, so the run does not end with one long file running
 * alone on an idle machine (it did: 20 s at the end with the CPU mostly idle). A file's
 * length is estimated before it runs: how many of its checks run (a mistake runs its own
 * few), times three if its suite starts a cluster or Sentinels of its own.
 */
export default class LongestFirst extends BaseSequencer {
  private readonly plan = readPlan();
  private readonly startsServers = new Map<string, boolean>();

  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const weight = new Map(files.map((file) => [file, this.weight(file)]));
    return [...files].sort((a, b) => weight.get(b)! - weight.get(a)!);
  }

  private weight(file: TestSpecification): number {
    const run = this.plan.runs[runIndexOf(this.plan, file.project.config.root, file.moduleId)];
    const suite = run?.files.find((path) => basename(path) === basename(file.moduleId));
    if (!run || !suite) return 0;
    if (!this.startsServers.has(suite)) this.startsServers.set(suite, topologyNeeds([suite]).length > 0);
    return (run.checks?.length ?? WHOLE_FILE) * (this.startsServers.get(suite) ? 3 : 1);
  }
}
