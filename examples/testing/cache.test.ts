// A small suite in the course's style, with node:test so it runs without extra setup:
//   REDIS_URL=redis://127.0.0.1:6379 npx tsx --test examples/testing/cache.test.ts
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { deleteByPrefix, escapeGlob, redisUrl } from '../lib/example-redis.js';
import { countingLoader, ManualClock } from './doubles.js';
import { createTestKeyspace, type TestKeyspace } from './keyspace.js';
import { createSoftTtlCache } from './soft-ttl-cache.js';

// #region suite
describe('soft-TTL cache against a real Redis', () => {
  let redis: Redis;
  let space: TestKeyspace;
  let clock: ManualClock;
  let load: ReturnType<typeof countingLoader<{ id: string; name: string }>>;
  const build = (client: Redis = redis, prefix = space.prefix) =>
    createSoftTtlCache({
      redis: client,
      clock,
      prefix,
      load,
      freshMs: 60_000,
      hardTtlMs: 300_000,
    });
  // The keys under a prefix and their TTLs, found with SCAN rather than named by hand.
  const keysUnder = async (prefix: string) => {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${escapeGlob(prefix)}*` })) {
      keys.push(...(batch as string[]));
    }
    return Promise.all(keys.map(async (key) => ({ key, pttl: await redis.pttl(key) })));
  };

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

  it('a read leaves one key under the prefix, with the hard TTL of 300 s', async () => {
    await build().get('1');
    const keys = await keysUnder(space.prefix);
    assert.equal(keys.length, 1, `expected 1 key under the prefix, found ${keys.length}`);
    const { pttl } = keys[0]!;
    assert.ok(
      pttl > 295_000 && pttl <= 300_000,
      `expected a TTL just under 300000 ms, PTTL was ${pttl}`,
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
    assert.equal((await keysUnder(space.prefix)).length, 0, 'nothing may be cached after a failure');
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

  it('cleanup removes its own prefix and leaves a neighbour alone', async () => {
    // Both stay inside this suite's prefix: `own:` stands for the cache's keys, and
    // `ownx:` shares its letters without the separator, standing for someone else's.
    const own = space.key('own:');
    const neighbour = space.key('ownx:keep');
    await redis.set(neighbour, 'keep', 'EX', 30);
    await build(redis, own).get('1');
    assert.equal((await keysUnder(own)).length, 1, 'the read should leave one key');
    await deleteByPrefix(redis, own);
    assert.equal((await keysUnder(own)).length, 0, 'cleanup should remove it');
    assert.equal(await redis.get(neighbour), 'keep');
  });
});
// #endregion suite
