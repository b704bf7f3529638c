import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../labs.js';
import type { TopologyKind, TopologyNeed } from '../services/topology.js';

const USES: [RegExp, TopologyKind][] = [
  [/\buseCluster\('\d+'(, \{ exclusive: true \})?\)/g, 'cluster'],
  [/\buseSentinel\('\d+'(, \{ exclusive: true \})?\)/g, 'sentinel'],
];

/**
 * The clusters and Sentinels that test files ask for (useCluster, useSentinel), read from
 * their text, so a run can start them while its workers are still loading: a cluster takes
 * two seconds to form. `paths` are from the repository root: test files, or folders of
 * them; anything else (a vitest flag) is passed over.
 */
export function topologyNeeds(paths: string[], root = ROOT): TopologyNeed[] {
  const needs = new Map<string, TopologyNeed>();
  for (const file of paths.flatMap((path) => testFiles(join(root, path)))) {
    const text = readFileSync(file, 'utf8');
    for (const [pattern, kind] of USES) {
      for (const match of text.matchAll(pattern)) {
        const exclusive = match[1] !== undefined;
        needs.set(`${kind}:${exclusive}`, { kind, exclusive });
      }
    }
  }
  return [...needs.keys()].sort().map((key) => needs.get(key)!);
}

function testFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isDirectory()) return readdirSync(path).filter((name) => name.endsWith('.test.ts')).map((name) => join(path, name));
  return path.endsWith('.test.ts') ? [path] : [];
}
