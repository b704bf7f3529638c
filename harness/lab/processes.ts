import { vi } from 'vitest';

/**
 * Loads the code under test afresh for each of `count` simulated processes, so that
 * "process A" and "process B" share nothing but Redis and Postgres: a module-level Map,
 * counter or token generator in one is invisible to the other, as it would be in two
 * Node processes. `load` must import the module itself (a dynamic import, written in the
 * suite so the path is the suite's own), e.g.
 *
 *   const [a, b] = await separateProcesses(2, () => import('./src/page-cache.js'));
 *   const pageA = a.createPageCache({ redis: lab.redis.client(), ... });
 */
export async function separateProcesses<M>(count: number, load: () => Promise<M>): Promise<M[]> {
  const modules: M[] = [];
  for (let i = 0; i < count; i += 1) {
    vi.resetModules();
    modules.push(await load());
  }
  vi.resetModules();
  return modules;
}
