import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { topologyNeeds } from '../lab/topology-needs.js';
import type { Lab } from '../lab-meta.js';

/**
 * The order verify queues labs in: longest first, so that the labs still running at the
 * end are short ones and the pool's slots finish together. A lab's length is estimated
 * before it runs: a suite that starts a cluster or Sentinels of its own (useCluster,
 * useSentinel) takes longest; after that, each mistake is one more run of its checks.
 */
export function longestFirst(labs: Lab[]): Lab[] {
  const weight = new Map(labs.map((lab) => [lab, (startsServers(lab) ? 1_000 : 0) + mistakeCount(lab)]));
  return [...labs].sort((a, b) => weight.get(b)! - weight.get(a)! || a.name.localeCompare(b.name));
}

const startsServers = (lab: Lab) => topologyNeeds([`labs/${lab.name}`]).length > 0;

function mistakeCount(lab: Lab): number {
  const dir = join(lab.solutionDir, 'mistakes');
  return existsSync(dir) ? readdirSync(dir).length : 0;
}
