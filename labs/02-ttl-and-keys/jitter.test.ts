// Lab 02 checks, part 2: keys written together do not expire together. Run: npm test labs/02-ttl-and-keys
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import type { KeyState } from '../../harness/lab/lab-redis.js';
import { createShopCache } from './src/shop-cache.js';
import { TTL_POLICY, type Entity, type ShopCache, type ShopCacheOptions } from './src/contract.js';

const lab = useLab('02');
const LESSON = 'Lesson 02, TTLs and keys';

/** A bound on each Redis call far above what a healthy one takes: these checks are not about a slow Redis. */
const PATIENT = { redisTimeoutMs: 10_000 };

function cacheWith(overrides: Partial<ShopCacheOptions> = {}): ShopCache {
  return createShopCache({ db: lab.db.pool, keyPrefix: lab.redis.prefix, ...PATIENT, ...overrides, redis: overrides.redis ?? lab.redis.client() });
}

/** The band TTL_POLICY allows one write of `entity`, as PTTLs read `elapsedMs` after the writes began. */
function band(entity: Entity, elapsedMs: number): { minMs: number; maxMs: number; widthMs: number } {
  const { seconds, jitter } = TTL_POLICY[entity];
  const low = seconds * 1000 * (1 - jitter);
  const high = seconds * 1000 * (1 + jitter);
  return { minMs: Math.floor(low) - 1 - elapsedMs, maxMs: Math.ceil(high) + 1, widthMs: Math.round(high - low) };
}

/** Problems with `keys` as one batch of `entity`: outside the band, or bunched into less than `share` of it. */
function judgeBatch(entity: Entity, what: string, keys: KeyState[], elapsedMs: number, share: number): string[] {
  const { minMs, maxMs, widthMs } = band(entity, elapsedMs);
  const problems = keys
    .filter((k) => k.pttlMs < minMs || k.pttlMs > maxMs)
    .map((k) => `${what}: ${k.key} has PTTL ${k.pttlMs} ms, outside ${minMs}..${maxMs}`);
  const ttls = keys.map((k) => k.pttlMs);
  const spread = Math.max(...ttls) - Math.min(...ttls);
  if (keys.length < 2) problems.push(`${what}: expected several keys, found ${keys.length}`);
  else if (spread < share * widthMs) {
    problems.push(`${what}: ${keys.length} keys expire within ${spread} ms of each other (PTTLs ${ttls.slice(0, 6).join(', ')}...); the band is ${widthMs} ms wide`);
  }
  return problems;
}

describe('keys written together do not expire together', () => {
  /** The most keys whose expiry falls inside any one window of `windowMs`. */
  function largestCluster(keys: KeyState[], windowMs: number): number {
    const ttls = keys.map((k) => k.pttlMs).sort((a, b) => a - b);
    let most = 0;
    for (let start = 0, end = 0; end < ttls.length; end++) {
      while (ttls[end]! - ttls[start]! > windowMs) start++;
      most = Math.max(most, end - start + 1);
    }
    return most;
  }

  it('02.4 two hundred products cached at once, with the default random source, expire spread over the whole band', async () => {
    const count = 200;
    await lab.db.sql(
      `INSERT INTO products (id, sku, name, category, price_cents)
       SELECT n, 'SKU-' || lpad(n::text, 4, '0'), 'Bulk item #' || n, 'bulk', 100 + n
         FROM generate_series(21, $1::integer) AS n ON CONFLICT (id) DO NOTHING`,
      [count],
    );
    const cache = cacheWith(); // no random option: Math.random, what production runs
    const warmUp = Date.now();
    await Promise.all(Array.from({ length: count }, (_, i) => cache.getProduct(i + 1)));
    const keys = await lab.redis.keys();
    const elapsed = Date.now() - warmUp;

    const idea = `Draw the jitter afresh for every write, from the whole ±10 % band (TTL_POLICY), and use Math.random when no source is handed in: a deploy that warms ${count} keys in one second must not see them expire in one second an hour later, or the database takes ${count} misses at once (${LESSON}, "Jitter").`;
    expect(keys.length, `Expected ${count} cached products, found ${keys.length} keys. ${idea}`).toBe(count);
    const problems = judgeBatch('product', `${count} products warmed at once`, keys, elapsed, 0.8);
    expect(problems, `${problems.join('\n')}\nExpected them spread over at least 80 % of the band. ${idea}`).toEqual([]);
    const cluster = largestCluster(keys, 10_000);
    expect(cluster, `${cluster} of the ${count} products expire within the same 10 s; spread evenly, about ${Math.round((count * 10) / 720)} would. ${idea}`).toBeLessThanOrEqual(count / 10);
  });

  /** Like Math.random, but the same numbers every run: each call moves on by the golden ratio, so any run of calls covers [0, 1) evenly. */
  function steadySource(): () => number {
    let i = 0;
    return () => ((i += 1), (0.5 + i * 0.618_033_988_749_895) % 1);
  }

  it('02.10 every jittered class draws a new TTL for every write, batch after batch and rewrite after rewrite', async () => {
    const cache = cacheWith({ random: steadySource() });
    const problems: string[] = [];
    let known = new Set<string>();
    /** Runs one batch of reads and judges the keys it added. */
    const batch = async (entity: Entity, ids: number[], read: (id: number) => Promise<unknown>, label: string) => {
      const started = Date.now();
      await Promise.all(ids.map(read));
      const added = (await lab.redis.keys()).filter((k) => !known.has(k.key));
      problems.push(...judgeBatch(entity, label, added, Date.now() - started, 0.4));
      known = new Set([...known, ...added.map((k) => k.key)]);
    };
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    for (const [first, last, label] of [[1, 10, 'first'], [11, 20, 'second']] as const) {
      await batch('product', range(first, last), (id) => cache.getProduct(id), `products ${first}-${last} (${label} batch)`);
      await batch('inventory', range(first, last), (id) => cache.getInventory(id), `stock of products ${first}-${last} (${label} batch)`);
    }
    await batch('profile', range(1, 5), (id) => cache.getProfile(id), 'profiles 1-5 (first batch)');
    await batch('profile', range(6, 10), (id) => cache.getProfile(id), 'profiles 6-10 (second batch)');

    // The leaderboard is one key: its TTLs spread over time, one rewrite after another.
    const rewrites: KeyState[] = [];
    const started = Date.now();
    for (let i = 0; i < 6; i++) {
      await cache.getLeaderboard();
      const state = (await lab.redis.keys()).find((k) => !known.has(k.key));
      if (state) rewrites.push(state);
      if (state) await lab.redis.unlink([state.key]); // as if it had expired: the next read misses
    }
    problems.push(...judgeBatch('leaderboard', 'the leaderboard, written six times after expiring', rewrites, Date.now() - started, 0.4));
    expect(
      problems,
      `${problems.join('\n')}\nThe cache was handed a random source that gives a different number every call. Each write must ` +
        `draw its own TTL from it: a TTL computed once (per process, per cache instance, per class or per batch) gives every key ` +
        `of a batch the same expiry again (${LESSON}, "Jitter": draw per write).`,
    ).toEqual([]);
  });
});
