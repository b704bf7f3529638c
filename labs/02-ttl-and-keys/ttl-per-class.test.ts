// Lab 02 checks, part 1: how long each kind of data lives. Run: npm test labs/02-ttl-and-keys
// Each check names the behaviour it demands; its failure says what Redis and Postgres showed.
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import type { KeyState } from '../../harness/lab/lab-redis.js';
import { expectEveryKeyHasTtl, expectNoKeys, expectQueries, expectTtlsWithin } from '../../harness/lab/teach.js';
import { createShopCache } from './src/shop-cache.js';
import { TTL_POLICY, type Entity, type ShopCache, type ShopCacheOptions } from './src/contract.js';

const lab = useLab('02');
const LESSON = 'Lesson 02, TTLs and keys';
/** Stand-ins for Math.random at the two ends of its range, so a jittered TTL lands at an edge. */
const LOWEST = () => 0;
const HIGHEST = () => 0.999_999;

function cacheWith(overrides: Partial<ShopCacheOptions> = {}): ShopCache {
  return createShopCache({ redis: lab.redis.client(), db: lab.db.pool, keyPrefix: lab.redis.prefix, ...overrides });
}

/**
 * The PTTL band TTL_POLICY allows for one entity, read `elapsedMs` after the write began:
 * a key cannot have lost more than that since it was written, on a busy machine or not.
 */
function band(entity: Entity, elapsedMs: number): { minMs: number; maxMs: number } {
  const { seconds, jitter } = TTL_POLICY[entity];
  const lowMs = Math.floor(seconds * 1000 * (1 - jitter));
  return { minMs: lowMs - elapsedMs - 5, maxMs: Math.ceil(seconds * 1000 * (1 + jitter)) };
}

/** Every key has a TTL inside `entity`'s band, allowing for the time since `since`. */
async function expectKeysInBand(entity: Entity, since: number, idea: string): Promise<KeyState[]> {
  const keys = await expectEveryKeyHasTtl(lab.redis, idea);
  await expectTtlsWithin(lab.redis, keys, band(entity, Date.now() - since), idea);
  return keys;
}

function describeBand(entity: Entity): string {
  const { seconds, jitter } = TTL_POLICY[entity];
  return jitter === 0 ? `exactly ${seconds} s` : `${seconds} s ± ${jitter * 100} %`;
}

describe('each data class lives as long as its staleness budget', () => {
  const reads: Record<Exclude<Entity, 'session'>, (cache: ShopCache) => Promise<unknown>> = {
    product: (cache) => cache.getProduct(1),
    inventory: (cache) => cache.getInventory(1),
    profile: (cache) => cache.getProfile(1),
    leaderboard: (cache) => cache.getLeaderboard(),
  };

  it('02.1 every cached class gets the TTL its table gives, inside its jitter band', async () => {
    for (const [entity, read] of Object.entries(reads) as [Entity, (cache: ShopCache) => Promise<unknown>][]) {
      for (const [edge, random] of [['lowest', LOWEST], ['highest', HIGHEST]] as const) {
        await lab.redis.deleteAll();
        const since = Date.now();
        await read(cacheWith({ random }));
        const idea =
          `A cached ${entity} may be ${describeBand(entity)} old (TTL_POLICY in contract.ts); this read ran with the ` +
          `random source at its ${edge} value. Each data class gets the TTL its staleness budget allows, ` +
          `not one TTL for all (${LESSON}, "A TTL per data class").`;
        await expectKeysInBand(entity, since, idea);
      }
    }
  });

  it('02.2 a session lives 900 s and every read slides its expiry back to 900 s', async () => {
    const idea = `A session is an idle timeout: 900 s, exactly (jitter would make it shorter or longer than promised), renewed by every read, e.g. GETEX key PX 900000 (${LESSON}, "Sessions slide").`;
    const login = Date.now();
    await cacheWith({ random: LOWEST }).startSession('s-login', { userId: 4 });
    const [started] = await expectKeysInBand('session', login, `Right after startSession. ${idea}`);

    await lab.redis.admin.pexpire(started!.key, 60_000); // as if the user had been idle for 14 minutes
    const another = cacheWith({ random: HIGHEST }); // another instance serves the next click
    const click = Date.now();
    expect(await another.getSession('s-login'), `getSession('s-login') should return what startSession stored. ${idea}`).toEqual({ userId: 4 });
    await expectKeysInBand('session', click, `After a read with 60 s left, the session should be back to 900 s. ${idea}`);
    expect(await another.getSession('s-unknown'), 'a session that does not exist reads as null').toBeNull();
    expect((await lab.redis.keys()).length, `Reading an unknown session must not create a key. ${idea}`).toBe(1);
  });

  it('02.3 account balances are never cached: every read reaches Postgres', async () => {
    const cache = cacheWith();
    const idea = `A balance has no staleness budget: a payment checked against an old balance is a real loss. Read it from Postgres every time and write nothing to Redis (${LESSON}, "What never to cache").`;
    expect(await cache.getBalance(2), 'getBalance(2) should return the seeded balance').toEqual({ userId: 2, balanceCents: 20_000 });
    await lab.db.sql('UPDATE accounts SET balance_cents = 12345 WHERE user_id = 2'); // a payment lands
    const after = await cache.getBalance(2);
    expect(after?.balanceCents, `After the balance changed to 12345 in Postgres, getBalance(2) returned ${after?.balanceCents}. ${idea}`).toBe(12_345);
    await cache.getBalance(2);
    expectQueries(lab.db, { table: 'accounts', kind: 'select' }, 3, `Three getBalance calls. ${idea}`);
    await expectNoKeys(lab.redis, idea);
  });
});

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

  it('02.4 a thousand products cached at once get spread expiries, all inside the band', async () => {
    await lab.db.sql(
      `INSERT INTO products (id, sku, name, category, price_cents)
       SELECT n, 'SKU-' || lpad(n::text, 4, '0'), 'Bulk item #' || n, 'bulk', 100 + n
         FROM generate_series(21, 1000) AS n ON CONFLICT (id) DO NOTHING`,
    );
    const cache = cacheWith(); // the default random source: this is what production runs
    const warmUp = Date.now();
    await Promise.all(Array.from({ length: 1000 }, (_, i) => cache.getProduct(i + 1)));

    const idea = `Add jitter to every TTL (±10 %, TTL_POLICY): a deploy that warms 1000 keys in one second must not see them all expire in one second an hour later, or the database takes 1000 misses at once (${LESSON}, "Jitter").`;
    const keys = await expectKeysInBand('product', warmUp, idea);
    expect(keys.length, `Expected 1000 cached products, found ${keys.length} keys. ${idea}`).toBe(1000);

    const ttls = keys.map((k) => k.pttlMs);
    const spreadMs = Math.max(...ttls) - Math.min(...ttls);
    const { seconds, jitter } = TTL_POLICY.product;
    const halfBandMs = seconds * 1000 * jitter;
    expect(
      spreadMs,
      `The 1000 products expire within ${(spreadMs / 1000).toFixed(1)} s of each other; with ±${jitter * 100} % jitter they should spread over most of ${(2 * halfBandMs) / 1000} s. ${idea}`,
    ).toBeGreaterThanOrEqual(halfBandMs);
    const cluster = largestCluster(keys, 10_000);
    expect(cluster, `${cluster} of the 1000 products expire within the same 10 s. Draw a fresh random TTL for every write. ${idea}`).toBeLessThanOrEqual(50);
  });
});
