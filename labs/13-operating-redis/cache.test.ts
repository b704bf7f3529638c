// Lab 13 checks, part 1: the cache itself, on a healthy Redis: read-through with a TTL,
// from configuration.
// Run: npm test labs/13-operating-redis
import { describe, expect, it } from 'vitest';
import { expectQueries, LIVENESS_MS } from '../../harness/lab/teach.js';
import { pollUntil } from '../../harness/services/poll.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { createCache, LESSON, sharedRedis, truth, untilConnected } from './operating.support.js';
import { PRODUCT_TTL_SECONDS, productKey } from './src/contract.js';

const lab = useLab('13');
const selects = { table: 'products', kind: 'select' } as const;

describe('a healthy Redis', () => {
  it('13.1 reads go through Redis with the configured TTL, from the configured address, on a named connection', async () => {
    // A long bound: on a busy machine a hit must not time out and pass for a miss.
    const cache = createCache(lab, sharedRedis(), { ttlSeconds: 120, commandTimeoutMs: 2_000 });
    await untilConnected(cache);
    const idea = `A cache-aside read: Redis first, Postgres on a miss, the value written back with its TTL (${LESSON}; lesson 01).`;
    lab.db.queries.reset();
    const [three, four] = await Promise.all([cache.getProduct(3), cache.getProduct(4)]);
    expect([three, four], `getProduct(3) and getProduct(4) should return the rows of Postgres. ${idea}`).toEqual([
      await truth(lab, 3),
      await truth(lab, 4),
    ]);
    expectQueries(lab.db, selects, 2, `Two misses, two SELECTs. ${idea}`);
    expect(await cache.getProduct(3), idea).toEqual(await truth(lab, 3));
    expectQueries(lab.db, selects, 2, `The second getProduct(3) should have been a hit, answered by Redis. ${idea}`);
    for (const id of [3, 4]) {
      const pttl = await lab.redis.admin.pttl(productKey(lab.redis.prefix, id));
      expect(pttl, `PTTL of product ${id} was ${pttl} ms; expected within (119 000, 120 000]: ttlSeconds is 120. ${idea}`).toBeGreaterThan(119_000);
      expect(pttl, `PTTL of product ${id} was ${pttl} ms; expected at most 120 000 (ttlSeconds 120). ${idea}`).toBeLessThanOrEqual(120_000);
    }
    expect(await cache.getProduct(987), 'getProduct(987), an id no row has, should return null').toBeNull();

    const byDefault = createCache(lab, sharedRedis());
    await untilConnected(byDefault);
    await byDefault.getProduct(6);
    const pttl = await lab.redis.admin.pttl(productKey(lab.redis.prefix, 6));
    expect(pttl, `Without ttlSeconds, PTTL of product 6 was ${pttl} ms; expected the default ${PRODUCT_TTL_SECONDS} s. ${idea}`).toBeGreaterThan(
      (PRODUCT_TTL_SECONDS - 1) * 1000,
    );
    expect(pttl, `Without ttlSeconds, PTTL was ${pttl} ms; expected at most ${PRODUCT_TTL_SECONDS} s.`).toBeLessThanOrEqual(PRODUCT_TTL_SECONDS * 1000);

    const clients = String(await lab.redis.admin.client('LIST'));
    expect(
      clients.includes(` name=${lab.redis.codeName} `),
      `CLIENT LIST shows no connection named ${lab.redis.codeName}; expected the cache to name its connection ` +
        `with redis.connectionName, so an operator reading CLIENT LIST during an incident sees who holds each ` +
        `connection (${LESSON}, "Diagnosing a slow Redis").`,
    ).toBe(true);

    await Promise.all([cache.close(), byDefault.close()]);
    const named = ` name=${lab.redis.codeName} `;
    const open = await pollUntil('the connections to close', async () => {
      const left = String(await lab.redis.admin.client('LIST')).split('\n').filter((line) => line.includes(named)).length;
      return left === 0 || { not: `${left} still open` };
    }, { timeoutMs: LIVENESS_MS }).catch(() => false);
    expect(open, `After close(), CLIENT LIST still shows connections named ${lab.redis.codeName}; expected close() to close them: a process that shuts down cleanly gives its connections back (${LESSON}).`).toBe(true);
  });
});
