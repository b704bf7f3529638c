// Lab 13: what the circuit breaker's checks share. Not a suite.
import { expect } from 'vitest';
import type { Lab } from '../../harness/lab/use-lab.js';
import type { RedisProxy } from './redis-proxy.support.js';
import { Clock, createCache, FAILURE_MODES, settles, startProxy, truth, untilConnected } from './operating.support.js';
import type { Product, ResilientCache } from './src/contract.js';

export const BREAKER = `${FAILURE_MODES}: the circuit breaker`;
const FALLBACK = `Every Redis call is bounded by commandTimeoutMs, a failure of any kind is a read from Postgres (never an error for the caller), and an open breaker answers from Postgres at once (${BREAKER}).`;

/** How many reads (GETs) reached the server since `from` commands. */
export const readsSince = (proxy: RedisProxy, from: number) => proxy.dataCommands().slice(from).filter((c) => c.name === 'get').length;

/** The breaker checks' setting up and reading, for the file's `lab`. */
export function breakerChecks(lab: Lab) {
  /** Reads ids one after another, each bounded and checked against Postgres (or against `rows`, read from it beforehand). */
  async function readAll(cache: ResilientCache, ids: number[], situation: string, boundMs = 1_000, rows?: Map<number, Product | null>): Promise<void> {
    for (const id of ids) {
      const read = await settles(cache.getProduct(id), boundMs, `getProduct(${id}) ${situation}`, FALLBACK);
      expect(read, `getProduct(${id}) ${situation} gave ${JSON.stringify(read)}; expected the row from Postgres. ${FALLBACK}`).toEqual(rows ? rows.get(id) : await truth(lab, id));
    }
  }

  /**
   * A cache behind a proxy, on the suite's clock. The bound is long by default: these checks
   * fail Redis with error replies, which come at once, and a healthy Redis on a busy machine
   * must not time out and count as a failure.
   */
  async function setUp(breaker: { failureThreshold?: number; coolDownMs?: number } | undefined, commandTimeoutMs = 2_000) {
    const clock = new Clock();
    const proxy = await startProxy();
    const cache = createCache(lab, proxy.address, { breaker, now: clock.now, commandTimeoutMs });
    await untilConnected(cache);
    return { clock, proxy, cache };
  }

  return { readAll, setUp };
}
