// A small suite in the course's style, with node:test so it runs without extra setup:
//   REDIS_URL=redis://127.0.0.1:6379 npx tsx --test examples/testing/cache.test.ts
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { redisUrl } from '../lib/example-redis.js';
import { countingLoader, ManualClock } from './doubles.js';
import { createTestKeyspace, type TestKeyspace } from './keyspace.js';
import { createSoftTtlCache } from './soft-ttl-cache.js';

// #region suite
describe('soft-TTL cache against a real Redis', () => {
  let redis: Redis;
  let space: TestKeyspace;
  let clock: ManualClock;
  let load: ReturnType<typeof countingLoader<{ id: string; name: string }>>;
  const build = (client: Redis = redis) =>
    createSoftTtlCache({
      redis: client,
      clock,
      prefix: space.prefix,
      load,
      freshMs: 60_000,
      hardTtlMs: 300_000,
    });

  before(() => {
    redis = new Redis(redisUrl(), { maxRetriesPerRequest: 1 });
    space = createTestKeyspace(redis, 'soft-ttl');
  });
  beforeEach(async () => {
    await space.cleanup();
    clock = new ManualClock();
    load = countingLoader((id) => ({ id, name: `item ${id}` }));
  });
  after(async () => {
    await space.cleanup();
    await redis.quit();
  });

  it('a second read is served from Redis: one database load in total', async () => {
    const cache = build();
    await cache.get('1');
    await cache.get('1');
    assert.equal(
      load.calls,
      1,
      `expected 1 load, saw ${load.calls}: the second read should hit Redis`,
    );
  });

  it('every key it writes has a TTL (PTTL > 0)', async () => {
    await build().get('1');
    const pttl = await redis.pttl(space.key('item:1'));
    assert.ok(
      pttl > 0 && pttl <= 300_000,
      `expected a TTL up to 300000 ms, PTTL was ${pttl}`,
    );
  });

  it('reloads once the fresh period has passed, without sleeping', async () => {
    const cache = build();
    await cache.get('1');
    clock.advance(61_000); // a minute passes in no time
    await cache.get('1');
    assert.equal(load.calls, 2);
  });

  it('a failing load is never cached', async () => {
    load.failNext(1);
    await assert.rejects(build().get('1'), /injected database failure/);
    assert.equal(
      await redis.exists(space.key('item:1')),
      0,
      'nothing may be cached after a failure',
    );
    await build().get('1');
    assert.equal(load.calls, 2);
  });

  it('a Redis that never answers costs at most the command timeout', async () => {
    const stalled: Server = createServer((socket) => socket.on('data', () => {}));
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const { port } = stalled.address() as { port: number };
    const silent = new Redis({
      port,
      host: '127.0.0.1',
      commandTimeout: 100,
      maxRetriesPerRequest: 0,
    });
    silent.on('error', () => {});
    try {
      const start = performance.now();
      const value = await build(silent).get('1');
      const ms = performance.now() - start;
      assert.equal(value.name, 'item 1');
      assert.ok(
        ms < 1_000,
        `took ${Math.round(ms)} ms; a stalled Redis must not hold the request`,
      );
    } finally {
      silent.disconnect();
      stalled.close();
    }
  });

  it('cleanup removes this suite\'s keys and leaves a foreign key alone', async () => {
    const foreign = `${space.prefix.slice(0, -1)}x:foreign`; // same letters, no separator
    await redis.set(foreign, 'keep', 'EX', 30);
    await build().get('1');
    await space.cleanup();
    assert.equal(await redis.exists(space.key('item:1')), 0);
    assert.equal(await redis.get(foreign), 'keep');
    await redis.unlink(foreign);
  });
});
// #endregion suite
