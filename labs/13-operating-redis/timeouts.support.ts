// Lab 13: what the checks of a slow, stalled, down or failing Redis share: a cache behind a
// proxy of its own, and how many SELECTs a read made. Not a suite.
import { expect } from 'vitest';
import type { Lab } from '../../harness/lab/use-lab.js';
import { createCache, NO_BREAKER, SLACK_MS, settles, startProxy, truth, untilConnected } from './operating.support.js';
import type { ResilientCache } from './src/contract.js';

/** The timeout checks' setting up and reading, for the file's `lab`. */
export function timeoutChecks(lab: Lab) {
  /** The SELECTs of product `id` that reached Postgres so far: one scenario's among others' running at once. */
  const selectsOf = (id: number) => lab.db.queries.count({ table: 'products', kind: 'select', values: [id] });

  /** A cache behind a proxy of its own, connected; without commandTimeoutMs when none is given. */
  async function behindProxy(commandTimeoutMs?: number) {
    const proxy = await startProxy();
    const cache = createCache(lab, proxy.address, { breaker: NO_BREAKER, ...(commandTimeoutMs === undefined ? {} : { commandTimeoutMs }) });
    await untilConnected(cache);
    return { proxy, cache };
  }

  /** Reads product `id` as `what`, checks the row, and says how many SELECTs of it reached Postgres meanwhile. */
  async function selectsDuringRead(cache: ResilientCache, id: number, boundMs: number, what: string, idea: string): Promise<number> {
    const before = selectsOf(id);
    const row = await settles(cache.getProduct(id), boundMs + SLACK_MS, what, idea);
    expect(row, `${what} gave ${JSON.stringify(row)}; expected product ${id}'s row. ${idea}`).toEqual(await truth(lab, id));
    return selectsOf(id) - before;
  }

  return { behindProxy, selectsDuringRead };
}
