// Lab 13 checks, part 4b: the server's figures in the health report (memory, its limit,
// the eviction policy, evictions), and a health() that never hangs. Its own file: a
// server still loading its data keeps it waiting, beside the others.
// Run: npm test labs/13-operating-redis
import { describe, expect, it } from 'vitest';
import { useDedicatedRedis } from '../../harness/lab/use-dedicated-redis.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { createCache, SLACK_MS, settles, startProxy, untilConnected, WATCH } from './operating.support.js';
import { DEFAULT_COMMAND_TIMEOUT_MS } from './src/contract.js';

const lab = useLab('13');
const small = useDedicatedRedis('13', { maxmemory: '4mb' });

describe('the health report', () => {
  it('13.13 the server figures come from INFO (memory, limit, policy, evictions), and a stalled Redis leaves them out within the bound', async () => {
    // Each scenario has a cache and a server (or a proxy) of its own: they run side by side.
    const figures = async () => {
      const admin = small.client();
      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      const filler = admin.pipeline();
      for (let i = 0; i < 1_500; i += 1) filler.set(small.key(`filler:${i}`), 'x'.repeat(4_096), 'EX', 60);
      await filler.exec();
      const info = async (field: string) => new RegExp(`^${field}:(.*)$`, 'm').exec(String(await small.info(field === 'evicted_keys' ? 'stats' : 'memory')))?.[1]?.trim();
      // A server at its limit keeps evicting, so its count is read before and after the cache's.
      const evictedBefore = Number(await info('evicted_keys'));
      const cache = createCache(lab, small.server, { keyPrefix: small.prefix });
      const { server } = await untilConnected(cache);
      const evictedAfter = Number(await info('evicted_keys'));
      const idea = `Memory against maxmemory and evicted_keys are the figures that say a cache is too small before the database feels it; they come from the server's INFO (${WATCH}).`;
      const used = Number(await info('used_memory'));
      expect(server, `health().server on a Redis of 4 MB that has evicted keys. ${idea}`).toMatchObject({
        maxmemoryBytes: Number(await info('maxmemory')),
        maxmemoryPolicy: 'allkeys-lru',
      });
      const evicted = `health() said evictedKeys ${server!.evictedKeys}; INFO said evicted_keys ${evictedBefore} before and ${evictedAfter} after. ${idea}`;
      expect(server!.evictedKeys, evicted).toBeGreaterThanOrEqual(Math.max(evictedBefore, 1));
      expect(server!.evictedKeys, evicted).toBeLessThanOrEqual(evictedAfter);
      expect(server!.usedMemoryBytes, `health() said used_memory ${server!.usedMemoryBytes}, INFO says ${used}. ${idea}`).toBeGreaterThan(used / 2);
      expect(server!.usedMemoryBytes, `health() said used_memory ${server!.usedMemoryBytes}, INFO says ${used}. ${idea}`).toBeLessThan(used * 2);
    };

    const stalledServer = async () => {
      const proxy = await startProxy();
      const stalled = createCache(lab, proxy.address);
      await untilConnected(stalled);
      await stalled.getProduct(2);
      proxy.set('stall');
      const report = await settles(stalled.health(), DEFAULT_COMMAND_TIMEOUT_MS + SLACK_MS, 'health() with Redis stalled', `A health endpoint that hangs with Redis is no health endpoint: INFO is bounded like any other call (${WATCH}).`);
      expect(report, `health() with Redis stalled: the counters, and server null (${WATCH}).`).toMatchObject({ misses: 1, server: null });
    };

    // INFO is a Redis call like any other: with commandTimeoutMs 150, an INFO answered in
    // 190 ms is too late (which timer fires first decides it), and the figures are left out.
    const slowInfo = async () => {
      const proxy = await startProxy();
      const cache = createCache(lab, proxy.address, { commandTimeoutMs: 150 });
      await untilConnected(cache);
      proxy.slow.set('info', 190);
      const report = await settles(cache.health(), 150 + SLACK_MS, 'health() with INFO answered in 190 ms and commandTimeoutMs 150', `INFO is bounded by commandTimeoutMs like any other call (${WATCH}).`);
      expect(typeof report === 'string' ? report : report.server, `health() with commandTimeoutMs 150 and Redis answering INFO in 190 ms reported the server's figures; expected server: null: the INFO was answered after the bound, which is commandTimeoutMs, not a constant of the code's own (${WATCH}).`).toBeNull();
    };
    // A server still loading its data answers the client's ready check "0.4 s to go", and
    // meanwhile answers INFO: figures only once reads are served.
    const loadingServer = async () => {
      const slowStart = await startProxy();
      slowStart.loadingOnConnect = true;
      const opening = createCache(lab, slowStart.address, { commandTimeoutMs: 2_000 });
      await untilConnected(opening);
      await opening.getProduct(3);
      const opened = await opening.health();
      expect(
        { errors: opened.errors, lastError: opened.lastError },
        `health() reported the server figures, and the read made right after failed. Expected server: null until the client is ready to serve reads: ioredis answers INFO while the connection is still being set up, and turns reads away until its own ready check is answered (redis.status === 'ready') (${WATCH}).`,
      ).toEqual({ errors: 0, lastError: null });
    };
    // The filler waits for the stalled cache's first read: its 6 MB would hold this worker's
    // event loop long enough, on a busy machine, to use up that read's 200 ms bound.
    await Promise.all([stalledServer().then(figures), loadingServer(), slowInfo()]);
  });
});
