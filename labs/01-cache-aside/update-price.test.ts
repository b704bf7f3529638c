// Lab 01 checks, part 4: updatePrice, invalidation after the commit. Run: npm test labs/01-cache-aside
import { describe, expect, it } from 'vitest';
import type { Command } from 'ioredis';
import type { Pool } from 'pg';
import { useLab } from '../../harness/lab/use-lab.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { expectQueries, expectSettlesWithin } from '../../harness/lab/teach.js';
import { healthyCaches, LESSON, priceInPostgres, PRODUCT_SELECTS as products, sleep } from './cache-aside.support.js';

const lab = useLab('01');
const cacheWith = healthyCaches(lab);

/** Another process's own Postgres connection: never held or counted with the lab's pool. */
const otherConnection = { query: async (text: string, values: unknown[] = []) => ({ rows: await lab.db.sql(text, values) }) } as unknown as Pool;

/** What Redis holds under the prefix, for messages: each key, its TTL and the start of its value. */
async function describeRedis(): Promise<string> {
  const keys = await lab.redis.keys();
  if (keys.length === 0) return 'Redis holds nothing under the prefix.';
  const values = await Promise.all(keys.map((k) => lab.redis.admin.get(k.key).catch(() => '(not a string)')));
  return `Redis holds ${keys.map((k, i) => `${k.key} = ${String(values[i]).slice(0, 70)} (PTTL ${k.pttlMs} ms)`).join('; ')}.`;
}

/**
 * A client of the code's whose commands wait, unsent, until `release()`: a process paused
 * (a GC pause, a busy event loop) between its database write and its Redis call.
 */
async function heldRedis() {
  const client = await lab.redis.readyClient(); // ioredis's own start-up commands are not held
  const waiting: (() => void)[] = [];
  let open = false;
  let reachedNow!: () => void;
  const reached = new Promise<void>((resolve) => (reachedNow = resolve));
  wrapCommands(client, (command: Command, send) => {
    if (open) return send(command);
    waiting.push(() => send(command));
    reachedNow();
    return command.promise;
  });
  const release = () => {
    open = true;
    for (const send of waiting.splice(0)) send();
  };
  return { client, reached, release };
}

const invalidateIdea = `A write must remove the cached copy after the database commits, or readers see the old price until the TTL ends (${LESSON}, "Invalidate on write").`;

describe('updatePrice invalidates', () => {
  it('01.9 after updatePrice returns, the next read shows the new price', async () => {
    const cache = cacheWith();
    await cache.getProduct(8); // cached with the old price
    const updated = await cache.updatePrice(8, 4242);
    expect(updated, `updatePrice(8, 4242) should return the committed product.`).toMatchObject({ id: 8, priceCents: 4242 });
    for (const price of [4242, 4343]) {
      if (price !== 4242) await cache.updatePrice(8, price);
      const after = await cache.getProduct(8);
      expect(after?.priceCents, `Read ${after?.priceCents} after updatePrice(8, ${price}). ${await describeRedis()} ${invalidateIdea}`).toBe(price);
    }
    expect(await cache.updatePrice(989, 100), 'updatePrice(989, 100): no product 989, so it should return null').toBeNull();
  });

  it('01.20 updatePrice removes that product only: the others stay cached', async () => {
    const cache = cacheWith();
    // Its neighbours, and ids whose keys begin with its key (product 1: 10 to 19).
    const others = [2, 10, 12, 15, 19];
    for (const id of [1, ...others]) await cache.getProduct(id);
    await cache.getProduct(986); // "not found", cached too
    await cache.updatePrice(1, 1111);
    lab.db.queries.reset();
    for (const id of others) expect((await cache.getProduct(id))?.id).toBe(id);
    expect(await cache.getProduct(986)).toBeNull();
    expectQueries(lab.db, products, 0, `updatePrice(1) should leave products ${others.join(', ')} and the "not found" for 986 cached: a key pattern (product:1*) matches 10 to 19 too. Clearing more than the changed entry sends every reader of them back to Postgres: with a big catalog, each price change becomes a stampede (${LESSON}, "Invalidate on write").`);
    expect((await cache.getProduct(1))?.priceCents, invalidateIdea).toBe(1111);
  });

  it("01.21 the cached copy is removed after the UPDATE commits: a read during a slow UPDATE, or before a transaction's COMMIT, cannot cache the old price", async () => {
    const writer = cacheWith();
    const reader = cacheWith({ db: otherConnection }); // another process, with its own connection
    const old = (await writer.getProduct(13))?.priceCents; // cached at the old price
    const held = lab.db.holdQueries(/\bUPDATE\s+products\b/i);
    const commit = lab.db.holdQueries(/^\s*(COMMIT|END)\b/i); // reached only by a transaction of the writer's own
    const write = writer.updatePrice(13, 1313);
    write.catch(() => {}); // awaited below
    try {
      await expectSettlesWithin(held.reached, 2000, 'updatePrice(13, 1313) reaching its UPDATE', 'updatePrice must change the row with updateProductPrice (src/contract.ts).');
      await reader.getProduct(13); // the UPDATE has not run: the old price is still the truth
      held.release();
      const uncommitted = await Promise.race([commit.reached.then(() => true), write.then(() => false, () => false)]);
      if (uncommitted) await reader.getProduct(13); // the UPDATE has run but is not committed: still the old price
    } finally {
      held.release();
      commit.release();
    }
    await write;
    const price = (await cacheWith().getProduct(13))?.priceCents;
    expect(
      price,
      `While the UPDATE of product 13 was slow, another process read it; after updatePrice(13, 1313) returned, reads show ${price} (the old price was ${old}). ${await describeRedis()} ` +
        `Deleting before the UPDATE, or inside a transaction before its COMMIT, lets that reader miss, load the old row (the only one it can see) and cache it again for the full hour, and nothing clears it afterwards. Delete after the commit (${LESSON}, "Invalidate on write").`,
    ).toBe(1313);
  });

  it('01.22 the invalidation is done when updatePrice resolves: a read right after it sees the new price', async () => {
    const reader = cacheWith();
    await reader.getProduct(14); // cached at the old price
    const held = await heldRedis();
    const write = cacheWith({ redis: held.client, redisTimeoutMs: 10_000 }).updatePrice(14, 1414);
    let resolved = false;
    const readAtResolve = write.then(() => ((resolved = true), reader.getProduct(14)));
    readAtResolve.catch(() => {}); // awaited below
    await Promise.race([held.reached, write]);
    await sleep(20); // a writer that does not wait for Redis has resolved by now
    if (resolved) await readAtResolve.catch(() => {}); // read while the writer's Redis commands are still unsent
    held.release();
    const seen = (await readAtResolve)?.priceCents;
    expect(
      seen,
      `The writer's Redis was slow; as soon as updatePrice(14, 1414) resolved, another process read ${seen}` +
        `${resolved ? ', while the writer had not yet even sent its Redis command' : ''}. ` +
        `Await the invalidation before resolving: a caller that updates and then reads (or redirects a user to the product page) must see its own write (${LESSON}, "Invalidate on write").`,
    ).toBe(1414);
  });

  it("01.23 processes share one cache: one's fill is another's hit, and a price changed in one shows in the other", async () => {
    const [a, b] = await separateProcesses(2, () => import('./src/product-cache.js'));
    const options = () => ({ redis: lab.redis.client(), db: lab.db.pool, keyPrefix: lab.redis.prefix, redisTimeoutMs: 5000 });
    const writer = a!.createProductCache(options());
    const other = b!.createProductCache(options());
    await other.getProduct(15); // B misses and fills Redis
    await writer.getProduct(15); // A finds what B cached
    expectQueries(lab.db, products, 1, `Process B read product 15 and cached it; process A's read should then be a hit in the Redis they share (${LESSON}, "The read path").`);
    await writer.updatePrice(15, 1515);
    const seen = (await other.getProduct(15))?.priceCents;
    expect(
      seen,
      `Process B read product 15, process A changed its price to 1515, then B read ${seen}. Redis is the one cache every process shares; a copy in one process's memory never hears of another process's write (${LESSON}, "Invalidate on write"; lesson 07 adds a second tier safely).`,
    ).toBe(1515);
  });

  it('01.24 two updates racing on one product leave the cache agreeing with Postgres', async () => {
    await cacheWith().getProduct(16); // cached at the old price
    const held = await heldRedis();
    const first = cacheWith({ redis: held.client, redisTimeoutMs: 10_000 }).updatePrice(16, 1601);
    first.catch(() => {}); // awaited below
    await Promise.race([held.reached, first]); // A has committed 1601; its Redis call waits (a GC pause)
    await cacheWith().updatePrice(16, 1602); // B commits 1602 and updates the cache
    held.release();
    await first;
    const truth = await priceInPostgres(lab, 16);
    const seen = (await cacheWith().getProduct(16))?.priceCents;
    expect(
      seen,
      `Process A committed price 1601 and paused before touching Redis; process B committed 1602 and finished; then A went on. Postgres holds ${truth}, reads return ${seen}. ${await describeRedis()} ` +
        `Writing the new value into the cache lets the slower writer put an older price back for a full hour. Delete the key instead: a delete cannot be out of order (${LESSON}, "Invalidate on write").`,
    ).toBe(truth);
  });
});
