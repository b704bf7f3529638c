// Lab 13 checks, part 4: the health report a dashboard reads: the cache's own counters,
// the breaker, and latency percentiles by the clock. (The server's figures: server-figures.test.ts.)
// Run: npm test labs/13-operating-redis
import { describe, expect, it } from 'vitest';
import { useDedicatedRedis } from '../../harness/lab/use-dedicated-redis.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { Clock, createCache, NO_BREAKER, startProxy, untilConnected, WATCH } from './operating.support.js';
import { type HealthReport, productKey } from './src/contract.js';

const lab = useLab('13');
const small = useDedicatedRedis('13', { maxmemory: '4mb' });

const counters = (h: HealthReport) => ({ hits: h.hits, misses: h.misses, hitRatio: h.hitRatio, errors: h.errors, bypassed: h.bypassed });

describe('the health report', () => {
  it('13.11 counts hits, misses, errors and bypassed reads of this cache, and keeps the latest error', async () => {
    const proxy = await startProxy();
    // A long bound, so a busy machine cannot fail the client's own ready check and leave an error before the first read.
    const cache = createCache(lab, proxy.address, { breaker: { failureThreshold: 3, coolDownMs: 60_000 }, now: new Clock().now, commandTimeoutMs: 2_000 });
    await untilConnected(cache);
    const idea = `The hit ratio a feature can be judged by comes from its own code: hits / (hits + misses) of this cache, not the server-wide keyspace_hits every client moves. Errors and reads sent around Redis by the breaker are counted apart, so an outage does not pass for a good ratio (${WATCH}).`;
    const fresh = await cache.health();
    expect({ ...counters(fresh), lastError: fresh.lastError }, `health() before any read. ${idea}`).toEqual({ hits: 0, misses: 0, hitRatio: 0, errors: 0, bypassed: 0, lastError: null });
    for (const id of [1, 2, 3, 1, 1, 2, 3, 3]) await cache.getProduct(id);
    expect(counters(await cache.health()), `health() after reading 1, 2, 3, 1, 1, 2, 3, 3 on an empty cache. ${idea}`).toEqual({ hits: 5, misses: 3, hitRatio: 5 / 8, errors: 0, bypassed: 0 });
    proxy.refused.add('set');
    await cache.getProduct(11);
    const refused = await cache.health();
    expect(counters(refused), `health() after a miss whose write Redis refused. ${idea}`).toEqual({ hits: 5, misses: 4, hitRatio: 5 / 9, errors: 1, bypassed: 0 });
    expect(refused.lastError, `health().lastError should carry the error Redis answered to the write. ${idea}`).toMatch(/injected failure/);
    proxy.set('error');
    for (const id of [4, 5, 6, 7, 8, 9, 10]) await cache.getProduct(id);
    expect(counters(await cache.health()), `health() after 7 more reads against a Redis answering errors, with failureThreshold 3 and one failure (the write) already counted: 2 errors, then 5 reads sent around Redis. ${idea}`).toEqual({ hits: 5, misses: 4, hitRatio: 5 / 9, errors: 3, bypassed: 5 });

    // A call that timed out and one with no connection at all are failed calls too; a
    // health() that cannot reach Redis changes no counter.
    const gone = await startProxy();
    const other = createCache(lab, gone.address, { breaker: NO_BREAKER, commandTimeoutMs: 100 });
    await untilConnected(other);
    gone.set('stall');
    await other.getProduct(12);
    const timedOut = await other.health();
    expect({ errors: timedOut.errors, lastError: timedOut.lastError !== null }, `health() after a read whose GET timed out (commandTimeoutMs 100, Redis stalled). ${idea}`).toEqual({ errors: 1, lastError: true });
    gone.set('down');
    await other.getProduct(13);
    await other.health();
    const down = await other.health();
    expect(down.errors, `health() after a second read, made with Redis down (no connection), and two calls of health() that could not reach Redis: expected errors 2, one per failed read; health() itself counts nothing. ${idea}`).toBe(2);
  });

  it('13.12 latency percentiles of Redis reads by the clock: nearest rank over the latest 1 000 reads, sliding one read at a time', async () => {
    const warm = createCache(lab, small.server, { keyPrefix: small.prefix });
    const clock = new Clock();
    const proxy = await startProxy(small.server);
    const cache = createCache(lab, proxy.address, { now: clock.now, commandTimeoutMs: 2_000, keyPrefix: small.prefix });
    await untilConnected(warm);
    await untilConnected(cache);
    for (let id = 1; id <= 20; id += 1) await warm.getProduct(id);
    const idea = `Latency is measured around each Redis read with the injected clock, and reported as nearest-rank percentiles (the smallest sample with at least p% of the samples at or below it) over the latest 1 000 reads: a dashboard wants now, not the process's whole life (${WATCH}).`;
    expect((await cache.health()).latencyMs, `health().latencyMs before any read. ${idea}`).toBeNull();
    let next = 0;
    proxy.onForward = (command) => {
      if (command.name === 'get') clock.advance(next);
    };
    for (let i = 0; i < 100; i += 1) {
      next = 100 - ((i * 37) % 100); // 1..100 ms, shuffled, the slowest first
      await cache.getProduct(1 + (i % 20));
    }
    expect((await cache.health()).latencyMs, `After 100 reads taking 1, 2, ... 100 ms by the clock (in shuffled order). ${idea}`).toEqual({ p50: 50, p95: 95, p99: 99 });
    next = 0;
    const reads = (count: number) => Promise.all(Array.from({ length: count }, (_, i) => cache.getProduct(1 + (i % 20))));
    for (let batch = 0; batch < 18; batch += 1) await reads(50);
    expect((await cache.health()).latencyMs, `After 900 more reads taking 0 ms: 1 000 samples, all in the window. ${idea}`).toEqual({ p50: 0, p95: 50, p99: 90 });
    // One more: the window slides by one, and the first read (the slowest, 100 ms) leaves it.
    await reads(1);
    expect(
      (await cache.health()).latencyMs,
      `After a 1 001st read taking 0 ms: the window holds the latest 1 000, so the first read (100 ms) has left it, and the 900 reads of 0 ms, the new one and 1 ... 99 ms remain. A window that starts afresh when full holds one sample; one a little larger still holds the 100 ms. ${idea}`,
    ).toEqual({ p50: 0, p95: 49, p99: 89 });
    await reads(49);
    await reads(50);
    expect((await cache.health()).latencyMs, `After 100 more reads taking 0 ms, the first 100 are out of the window. ${idea}`).toEqual({ p50: 0, p95: 0, p99: 0 });

    // Only GETs that Redis answered, hits and misses alike, timed around the GET alone.
    const mixed = new Clock();
    const other = await startProxy(small.server);
    const fresh = createCache(lab, other.address, { now: mixed.now, commandTimeoutMs: 2_000, keyPrefix: small.prefix, breaker: { failureThreshold: 10_000 } });
    await untilConnected(fresh);
    await small.client().del(...[12, 13, 14].map((id) => productKey(small.prefix, id)));
    other.onArrive = (command) => {
      if (command.name === 'get') mixed.advance(other.refused.has('get') ? 5_000 : Number(command.args[0]!.split(':').pop()));
      if (command.name === 'set') mixed.advance(1_000);
    };
    for (const id of [1, 2, 3, 6, 7, 8, 9, 10]) await fresh.getProduct(id); // hits of 1, 2, 3, 6 ... 10 ms
    for (const id of [12, 13, 14]) await fresh.getProduct(id); // misses of 12, 13, 14 ms, each write 1 000 ms more
    other.refused.add('get');
    for (const id of [4, 5]) await fresh.getProduct(id); // failed reads, 5 000 ms each
    expect(
      (await fresh.health()).latencyMs,
      `Eight hits taking 1, 2, 3, 6, 7, 8, 9 and 10 ms, three misses whose GET took 12, 13 and 14 ms (each write back 1 000 ms more), then two GETs failing after 5 000 ms. Expected the percentiles of the eleven answered GETs, by nearest rank (p95: the ceil(0.95 × 11) = 11th smallest, not the 10th): a miss is an answer too, the write and Postgres are not the Redis read, and a failure is an error, not a latency. ${idea}`,
    ).toEqual({ p50: 8, p95: 14, p99: 14 });
  });
});
