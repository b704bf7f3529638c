// Lab 13 checks, part 3: the circuit breaker. It opens after repeated failures, sends
// nothing to Redis while open, and lets one probe through once its cool-down has passed.
// Time is the suite's clock (the `now` option).
// Run: npm test labs/13-operating-redis
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import type { RedisProxy } from './redis-proxy.support.js';
import { Clock, createCache, FAILURE_MODES, SLACK_MS, settles, startProxy, truth, untilConnected } from './operating.support.js';
import { DEFAULT_BREAKER, type ResilientCache } from './src/contract.js';

const lab = useLab('13');
const BREAKER = `${FAILURE_MODES}: the circuit breaker`;
const FALLBACK = `Every Redis call is bounded by commandTimeoutMs, a failure of any kind is a read from Postgres (never an error for the caller), and an open breaker answers from Postgres at once (${BREAKER}).`;

/** Reads ids one after another, each bounded and checked against Postgres. */
async function readAll(cache: ResilientCache, ids: number[], situation: string, boundMs = 1_000): Promise<void> {
  for (const id of ids) {
    const read = await settles(cache.getProduct(id), boundMs, `getProduct(${id}) ${situation}`, FALLBACK);
    expect(read, `getProduct(${id}) ${situation} gave ${JSON.stringify(read)}; expected the row from Postgres. ${FALLBACK}`).toEqual(await truth(lab, id));
  }
}

/** How many reads (GETs) reached the server since `from` commands. */
const readsSince = (proxy: RedisProxy, from: number) => proxy.dataCommands().slice(from).filter((c) => c.name === 'get').length;

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

describe('the circuit breaker', () => {
  it('13.7 opens after exactly failureThreshold failures in a row (a success starts the count again), then sends Redis nothing', async () => {
    const { proxy, cache } = await setUp({ failureThreshold: 4, coolDownMs: 30_000 });
    const from = proxy.dataCommands().length;
    proxy.set('error');
    await readAll(cache, [1, 2, 3], 'with Redis answering errors');
    proxy.set('pass');
    await readAll(cache, [4], 'with Redis well again');
    proxy.set('error');
    await readAll(cache, [5, 6, 7], 'with Redis answering errors again');
    const closed = readsSince(proxy, from);
    expect(closed, `Three failures, a success, three failures, with failureThreshold 4: ${closed} of 7 reads reached Redis; expected all 7. Only failures in a row open the breaker; a success shows Redis is well (${BREAKER}).`).toBe(7);
    expect((await cache.health()).breaker, `health().breaker after 3 failures, a success and 3 failures (threshold 4) (${BREAKER})`).toBe('closed');

    await readAll(cache, [8], 'as the fourth failure in a row');
    await readAll(cache, [9, 10, 11, 12, 13, 14, 15, 16, 17, 18], 'with the breaker open');
    const total = readsSince(proxy, from);
    expect(total, `After the 4th failure in a row (failureThreshold 4), ${total - 8} of the 10 next reads still reached Redis; expected none: an open breaker sends requests straight to Postgres instead of making each wait for its own failure (${BREAKER}).`).toBe(8);
    const health = await cache.health();
    expect(health.breaker, `health().breaker with the breaker open (${BREAKER})`).toBe('open');
    expect(health.bypassed, `health().bypassed after 10 reads the breaker sent straight to Postgres (${BREAKER})`).toBe(10);
  });

  it('13.8 a stalled Redis: after the threshold, requests stop waiting and nothing piles up on the server', async () => {
    const { proxy, cache } = await setUp({ failureThreshold: 3, coolDownMs: 30_000 }, 150);
    proxy.set('stall');
    await readAll(cache, [1, 2, 3], 'with Redis stalled (commandTimeoutMs 150)', 150 + SLACK_MS);
    const burst = Array.from({ length: 30 }, (_, i) => 1 + (i % 20));
    const reads = await settles(Promise.all(burst.map((id) => cache.getProduct(id))), SLACK_MS, '30 concurrent reads with the breaker open', BREAKER);
    for (const [i, id] of burst.entries()) expect(reads[i], `getProduct(${id}) with the breaker open (${BREAKER})`).toEqual(await truth(lab, id));
    const reached = proxy.dataCommands().filter((c) => c.name === 'get').length;
    expect(reached, `A stalled Redis received ${reached} reads, ${proxy.held} commands in all that it never answered; expected the 3 that opened the breaker and none of the 30 after: a stalled server otherwise collects a backlog from every instance (${BREAKER}).`).toBe(3);
  });

  it('13.9 after coolDownMs by the clock one probe goes through: its failure opens again, its success closes; twice', async () => {
    // Long enough that the probe is still waiting while nine other reads go to Postgres (and
    // health() is asked); each wait on the stalled server costs this much.
    const probeTimeoutMs = 800;
    const { clock, proxy, cache } = await setUp({ failureThreshold: 2, coolDownMs: 5_000 }, probeTimeoutMs);
    const from = proxy.dataCommands().length;
    const reads = () => readsSince(proxy, from);
    proxy.set('error');
    await readAll(cache, [1, 2], 'opening the breaker');
    clock.advance(4_999);
    await readAll(cache, [3, 4], '1 ms before the cool-down ends');
    expect(reads(), `1 ms before coolDownMs (5 000) had passed, reads reached Redis; expected the breaker still open (${BREAKER}).`).toBe(2);

    clock.advance(1);
    proxy.set('stall');
    const probe = cache.getProduct(5);
    // The probe takes a second by the clock: the next cool-down runs from its failure, not from its start.
    clock.advance(1_000);
    const others = [6, 7, 8, 9, 10, 11, 12, 13, 14];
    await readAll(cache, others, 'while the probe is waiting for Redis', SLACK_MS);
    expect(reads(), `Once the cool-down had passed, ${reads() - 2} reads went to Redis while the first was still waiting; expected exactly one probe, the others answered by Postgres: a Redis that is still sick must not get the whole load back at once (${BREAKER}).`).toBe(3);
    const during = await cache.health();
    expect(during.breaker, `health().breaker while the probe waits (${BREAKER})`).toBe('half-open');
    expect(during.bypassed, `health().bypassed while the probe waits: reads 3 and 4 (breaker open) and the 9 made while the probe waited (half-open) all went straight to Postgres; expected 11, every read the breaker sent around Redis, open or half-open (${BREAKER}).`).toBe(11);
    expect(await settles(probe, probeTimeoutMs + SLACK_MS, 'the probe getProduct(5)', BREAKER), BREAKER).toEqual(await truth(lab, 5));
    proxy.set('pass');
    expect((await cache.health()).breaker, `health().breaker after the probe timed out (${BREAKER})`).toBe('open');

    clock.advance(4_999);
    await readAll(cache, [15], '1 ms before the cool-down that began with the failed probe ends');
    expect(reads(), `A failed probe opens the breaker for another coolDownMs from its failure; a read went to Redis before that (${BREAKER}).`).toBe(3);
    clock.advance(1);
    await readAll(cache, [16, 17, 18], 'after the second cool-down, Redis well');
    expect(reads(), `After a successful probe the breaker closes and every read asks Redis again; ${reads() - 3} of 3 did (${BREAKER}).`).toBe(6);
    expect((await cache.health()).breaker, `health().breaker after a successful probe (${BREAKER})`).toBe('closed');

    proxy.set('error');
    await readAll(cache, [1, 2, 3], 'in a second outage');
    expect(reads(), `In a second outage the breaker should open again after 2 failures; reads reaching Redis: ${reads() - 6} of 3 (${BREAKER}).`).toBe(8);
    // The cool-down ends with Redis answering INFO and failing reads: health() reports, and
    // only a read's probe decides; health() changes nothing of the breaker.
    clock.advance(5_000);
    proxy.set('pass');
    proxy.refused.add('get');
    const report = await cache.health();
    await readAll(cache, [4, 5, 6], 'after the cool-down, Redis failing reads and answering INFO');
    expect(
      reads(),
      `After the second outage's cool-down health() was asked (${report.server ? 'it reached Redis' : 'it did not reach Redis'}), then 3 reads were made against a Redis failing reads; ${reads() - 8} of them reached Redis. Expected 1: the first read is the probe, its failure opens the breaker again. health() reports the breaker; it neither closes nor probes it (${BREAKER}).`,
    ).toBe(9);
    clock.advance(5_000);
    proxy.refused.delete('get');
    await readAll(cache, [4, 5], 'after the second outage');
    expect(reads(), `After the second outage's cool-down, a probe and then every read should reach Redis (${BREAKER}).`).toBe(11);
  });

  it(`13.10 by default the breaker opens after ${DEFAULT_BREAKER.failureThreshold} failures and cools down for ${DEFAULT_BREAKER.coolDownMs} ms`, async () => {
    const { clock, proxy, cache } = await setUp(undefined);
    const from = proxy.dataCommands().length;
    proxy.set('error');
    await readAll(cache, [1, 2, 3, 4, 5, 6, 7, 8], 'with Redis answering errors');
    const threshold = readsSince(proxy, from);
    expect(threshold, `Without breaker options, ${threshold} failing reads reached Redis before the breaker opened; expected ${DEFAULT_BREAKER.failureThreshold} (${BREAKER}).`).toBe(DEFAULT_BREAKER.failureThreshold);
    clock.advance(DEFAULT_BREAKER.coolDownMs - 1);
    await readAll(cache, [9], '1 ms before the default cool-down ends');
    expect(readsSince(proxy, from), `By default the breaker stays open for ${DEFAULT_BREAKER.coolDownMs} ms (${BREAKER}).`).toBe(DEFAULT_BREAKER.failureThreshold);
    clock.advance(1);
    proxy.set('pass');
    await readAll(cache, [10, 11], 'once the default cool-down has passed');
    expect(readsSince(proxy, from), `After ${DEFAULT_BREAKER.coolDownMs} ms a probe should reach Redis, and close the breaker (${BREAKER}).`).toBe(DEFAULT_BREAKER.failureThreshold + 2);

    // One field given, the other by default: the defaults apply field by field.
    const partial = await setUp({ failureThreshold: 2 });
    const start = partial.proxy.dataCommands().length;
    partial.proxy.set('error');
    await readAll(partial.cache, [12, 13, 14], 'with breaker { failureThreshold: 2 } and Redis answering errors');
    partial.clock.advance(DEFAULT_BREAKER.coolDownMs - 1);
    await readAll(partial.cache, [15], '1 ms before the default cool-down ends, with only failureThreshold given');
    const reached = readsSince(partial.proxy, start);
    expect(reached, `With breaker { failureThreshold: 2 }, ${reached} reads reached Redis; expected 2: the breaker opens after 2 failures and stays open for the default coolDownMs (${DEFAULT_BREAKER.coolDownMs} ms). Options given in part take the defaults for the fields left out (${BREAKER}).`).toBe(2);
    // And the other field: only coolDownMs given, the default threshold.
    const other = await setUp({ coolDownMs: 777 });
    const first = other.proxy.dataCommands().length;
    other.proxy.set('error');
    await readAll(other.cache, [1, 2, 3, 4, 5, 6, 7, 8], 'with breaker { coolDownMs: 777 } and Redis answering errors');
    const opened = readsSince(other.proxy, first);
    other.clock.advance(776);
    await readAll(other.cache, [9], '1 ms before a cool-down of 777 ms ends');
    const stillOpen = readsSince(other.proxy, first);
    other.clock.advance(1);
    await readAll(other.cache, [10], 'once a cool-down of 777 ms has passed');
    expect(
      [opened, stillOpen, readsSince(other.proxy, first)],
      `With breaker { coolDownMs: 777 }, the reads that reached Redis by then were as shown (after 8 failing reads; 1 ms before the cool-down ended; once it had). Expected [${DEFAULT_BREAKER.failureThreshold}, ${DEFAULT_BREAKER.failureThreshold}, ${DEFAULT_BREAKER.failureThreshold + 1}]: the default threshold (${DEFAULT_BREAKER.failureThreshold}) with the cool-down given, then one probe. Options given in part take the defaults for the fields left out (${BREAKER}).`,
    ).toEqual([DEFAULT_BREAKER.failureThreshold, DEFAULT_BREAKER.failureThreshold, DEFAULT_BREAKER.failureThreshold + 1]);
  });
});
