// Lab 02 checks, part 2: what keys are called, and what a full Redis does to them.
// Run: npm test labs/02-ttl-and-keys
import { describe, expect, it } from 'vitest';
import { ReplyError, type Redis } from 'ioredis';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectNoKeys, expectQueries } from '../../harness/lab/teach.js';
import { createShopCache } from './src/shop-cache.js';
import { evictionScope, readEvictionPolicy } from './src/eviction.js';
import { LEADERBOARD_ID, SHAPE_VERSION, type EvictionScope, type ShopCacheOptions } from './src/contract.js';

const lab = useLab('02');
const LESSON = 'Lesson 02, TTLs and keys';

function cacheWith(overrides: Partial<ShopCacheOptions> = {}) {
  return createShopCache({ redis: lab.redis.client(), db: lab.db.pool, keyPrefix: lab.redis.prefix, ...overrides });
}

const keyNames = async () => (await lab.redis.keys()).map((k) => k.key);

describe('keys follow one documented template', () => {
  it('02.5 every key is <prefix><entity>:<id>:v<version>, with the version of its shape', async () => {
    const cache = cacheWith();
    await cache.getProduct(3);
    await cache.getInventory(3);
    await cache.getProfile(3);
    await cache.getLeaderboard();
    await cache.startSession('s-7f3a', { userId: 3 });
    const p = lab.redis.prefix;
    const expected = [
      `${p}inventory:3:v${SHAPE_VERSION.inventory}`,
      `${p}leaderboard:${LEADERBOARD_ID}:v${SHAPE_VERSION.leaderboard}`,
      `${p}product:3:v${SHAPE_VERSION.product}`,
      `${p}profile:3:v${SHAPE_VERSION.profile}`,
      `${p}session:s-7f3a:v${SHAPE_VERSION.session}`,
    ];
    const actual = (await keyNames()).sort();
    expect(
      actual,
      `Redis holds:\n  ${actual.join('\n  ') || '(no keys)'}\nExpected exactly:\n  ${expected.join('\n  ')}\n` +
        `One key builder, one template: the prefix the suite hands in stands for the environment (prod:, staging:acme:), ` +
        `then entity, id and the shape version from SHAPE_VERSION, joined by single colons (${LESSON}, "Naming keys").`,
    ).toEqual(expected);
  });

  it('02.6 different entities with the same id never share a key', async () => {
    const cache = cacheWith();
    const idea = `Product 3, the stock of product 3 and user 3's profile are three different things; their keys must differ in the entity part, or one read returns another's value (${LESSON}, "Naming keys").`;
    const product = await cache.getProduct(3);
    const inventory = await cache.getInventory(3);
    const profile = await cache.getProfile(3);
    expect(inventory, `getInventory(3) returned ${JSON.stringify(inventory)}. ${idea}`).toEqual({ productId: 3, quantity: 13 });
    expect(profile, `getProfile(3) returned ${JSON.stringify(profile)}. ${idea}`).toEqual({ userId: 3, displayName: 'User 3', bio: '' });
    expect((await cache.getProduct(3))?.sku, `A second getProduct(3) should still be the product. ${idea}`).toBe(product?.sku);
    const keys = await keyNames();
    expect(keys.length, `Three entities read, so three keys expected; Redis holds ${keys.join(', ')}. ${idea}`).toBe(3);
  });

  it('02.7 after the shape version changes, a value cached in the old shape is never returned', async () => {
    // Left behind by the previous release, whose Profile was { userId, name }.
    const oldShape = JSON.stringify({ userId: 3, name: 'Old name' });
    const leftovers = [lab.redis.key('profile:3:v1'), lab.redis.key('profile:3')];
    for (const key of leftovers) await lab.redis.admin.set(key, oldShape, 'PX', 60_000);

    const profile = await cacheWith().getProfile(3);
    const idea = `Redis still holds profiles in version 1's shape ({ userId, name }) under ${leftovers.join(' and ')}. Version ${SHAPE_VERSION.profile} code must read a key that only holds version ${SHAPE_VERSION.profile} values, so old entries are simply never looked at and age out by TTL (${LESSON}, "Versioned keys").`;
    expect(profile, `getProfile(3) returned ${JSON.stringify(profile)}. ${idea}`).toEqual({ userId: 3, displayName: 'User 3', bio: '' });
    expectQueries(lab.db, { table: 'profiles', kind: 'select' }, 1, `The new version's first read is a miss. ${idea}`);
  });
});

describe('when memory is full', () => {
  const POLICIES: Record<string, EvictionScope> = {
    noeviction: 'none',
    'allkeys-lru': 'any-key',
    'allkeys-lfu': 'any-key',
    'allkeys-random': 'any-key',
    'volatile-lru': 'keys-with-ttl',
    'volatile-lfu': 'keys-with-ttl',
    'volatile-random': 'keys-with-ttl',
    'volatile-ttl': 'keys-with-ttl',
  };

  /** CONFIG GET only: the server is shared, so the suite reads its policy and never sets it. */
  async function serverPolicy(): Promise<string | null> {
    const reply = await lab.redis.admin.config('GET', 'maxmemory-policy').catch(() => null);
    return Array.isArray(reply) ? (reply[1] ?? null) : ((reply as Record<string, string> | null)?.['maxmemory-policy'] ?? null);
  }

  it("02.8 knows which keys each maxmemory-policy may evict, and reads the server's without changing it", async () => {
    const before = await serverPolicy();
    const idea = `Check the policy the server runs, don't assume it: the default is noeviction (full memory makes writes fail), allkeys-* may evict any key, volatile-* only keys that have a TTL (${LESSON}, "Eviction policies").`;
    const reported = await readEvictionPolicy(lab.redis.client());
    expect(reported, `readEvictionPolicy returned ${JSON.stringify(reported)}; CONFIG GET maxmemory-policy says ${JSON.stringify(before)}. ${idea}`).toBe(before);
    for (const [policy, scope] of Object.entries(POLICIES)) {
      const answer = evictionScope(policy);
      expect(answer, `evictionScope('${policy}') returned '${answer}', expected '${scope}'. ${idea}`).toBe(scope);
    }
    expect(await serverPolicy(), 'The server\'s maxmemory-policy changed during the check: never CONFIG SET a shared server.').toBe(before);
  });

  /** A client whose server is full under noeviction: commands that need memory fail with OOM. */
  function fullRedis(): Redis {
    const needsMemory = ['set', 'setex', 'psetex', 'setnx', 'mset', 'hset', 'sadd', 'zadd', 'lpush', 'rpush', 'incr', 'append'];
    return lab.redis.refusingClient(needsMemory, new ReplyError("OOM command not allowed when used memory > 'maxmemory'."));
  }

  it('02.9 a full Redis that refuses writes (OOM) costs the cache, not the read; a session write still fails loudly', async () => {
    const cache = cacheWith({ redis: fullRedis() });
    const idea = `Under noeviction a full Redis answers SET with "OOM command not allowed". A cache write is best effort: log it and return what Postgres gave. A session has no other copy, so failing to store it must reach the caller (${LESSON}, "Eviction policies").`;
    const outcome = (work: Promise<unknown>) =>
      work.then((value) => ({ value }), (error: unknown) => ({ error: String(error) }));
    const reads = {
      'getProduct(5)': [await outcome(cache.getProduct(5)), { id: 5, sku: 'SKU-0005' }],
      'getInventory(5)': [await outcome(cache.getInventory(5)), { productId: 5, quantity: 15 }],
      'getProfile(5)': [await outcome(cache.getProfile(5)), { userId: 5, displayName: 'User 5' }],
    } as const;
    for (const [what, [result, expected]] of Object.entries(reads)) {
      expect(result, `${what} gave ${JSON.stringify(result)}. ${idea}`).toMatchObject({ value: expected });
    }
    const login = await outcome(cache.startSession('s-full', { userId: 5 }));
    expect('error' in login, `startSession on a full Redis resolved; the user would believe they are logged in. ${idea}`).toBe(true);
    await expectNoKeys(lab.redis, idea);
  });
});
