// Lab 01 checks, part 3: updatePrice, invalidation after the commit. Run: npm test labs/01-cache-aside
import { describe, expect, it } from 'vitest';
import { ReplyError, type Command, type Redis } from 'ioredis';
import type { Pool } from 'pg';
import { useLab } from '../../harness/lab/use-lab.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { expectQueries, expectSettlesWithin } from '../../harness/lab/teach.js';
import { createProductCache } from './src/product-cache.js';
import type { ProductCacheOptions } from './src/contract.js';
import { sleep, troubledRedis } from './cache-aside.support.js';

const lab = useLab('01');
const LESSON = 'Lesson 01, Cache-aside';
const products = { table: 'products', kind: 'select' } as const;

/**
 * A cache as one process builds it. Redis is healthy here, so the bound is generous: a busy
 * machine must not turn a hit into a fallback. The 250 ms default is checked in 01.16.
 */
function cacheWith(overrides: Partial<ProductCacheOptions> = {}) {
  return createProductCache({ redis: lab.redis.client(), db: lab.db.pool, keyPrefix: lab.redis.prefix, redisTimeoutMs: 5000, ...overrides });
}

const { refusingWrites, slowRedis } = troubledRedis(lab);

/** Another process's own Postgres connection: never held or counted with the lab's pool. */
const otherConnection = { query: async (text: string, values: unknown[] = []) => ({ rows: await lab.db.sql(text, values) }) } as unknown as Pool;

async function priceInPostgres(id: number): Promise<number> {
  const [row] = await lab.db.sql<{ price_cents: number }>('SELECT price_cents FROM products WHERE id = $1', [id]);
  return row!.price_cents;
}

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
  const client: Redis = lab.redis.client();
  await client.ping(); // ready first: ioredis's own start-up commands are not held
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
    await cache.getProduct(11);
    await cache.getProduct(12);
    await cache.getProduct(986); // "not found", cached too
    await cache.updatePrice(11, 1111);
    lab.db.queries.reset();
    expect((await cache.getProduct(12))?.id).toBe(12);
    expect(await cache.getProduct(986)).toBeNull();
    expectQueries(lab.db, products, 0, `updatePrice(11) should leave product 12 and the "not found" for 986 cached. Clearing more than the changed entry sends every reader of them back to Postgres: with a big catalog, each price change becomes a stampede (${LESSON}, "Invalidate on write").`);
    expect((await cache.getProduct(11))?.priceCents, invalidateIdea).toBe(1111);
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
    const truth = await priceInPostgres(16);
    const seen = (await cacheWith().getProduct(16))?.priceCents;
    expect(
      seen,
      `Process A committed price 1601 and paused before touching Redis; process B committed 1602 and finished; then A went on. Postgres holds ${truth}, reads return ${seen}. ${await describeRedis()} ` +
        `Writing the new value into the cache lets the slower writer put an older price back for a full hour. Delete the key instead: a delete cannot be out of order (${LESSON}, "Invalidate on write").`,
    ).toBe(truth);
  });
});

describe('when Redis fails during updatePrice', () => {
  it('01.25 with Redis refusing, stalled or down, updatePrice still commits and resolves with the new product (at once when Redis refuses)', async () => {
    const idea = `The database write is the one that matters: once it commits, a failed or slow invalidation is logged, not thrown, as soon as Redis refuses it or after at most redisTimeoutMs. The TTL bounds how long the old price can be served (${LESSON}, "Invalidate on write").`;
    const oom = new ReplyError("OOM command not allowed when used memory > 'maxmemory'.");
    const refusing = await refusingWrites(oom);
    // A refusal is an answer: it ends the wait at once, however long redisTimeoutMs is.
    const cases = [
      ['refusing writes', refusing, 17, 10_000],
      ['stalled', await lab.redis.stalledClient(), 18, 50],
      ['down', await lab.redis.downClient(), 19, 50],
    ] as const;
    for (const [what, redis, id, redisTimeoutMs] of cases) {
      const price = id * 100 + 1;
      const result = await expectSettlesWithin(
        cacheWith({ redis, redisTimeoutMs }).updatePrice(id, price).then((p) => p?.priceCents, (error: unknown) => `rejected: ${String(error)}`),
        2000,
        `updatePrice(${id}, ${price}) with Redis ${what} and redisTimeoutMs: ${redisTimeoutMs}`,
        idea,
      );
      expect(result, `updatePrice(${id}, ${price}) with Redis ${what}. ${idea}`).toBe(price);
      expect(await priceInPostgres(id), `Postgres should hold the new price of product ${id}. ${idea}`).toBe(price);
    }
  });
});

describe('updatePrice and its limits', () => {
  it('01.27 updatePrice honours redisTimeoutMs: its 250 ms default, a small value and a large one', async () => {
    const idea = `The invalidation is a Redis call like the others: it waits for Redis up to redisTimeoutMs (250 ms when not given), no less and no more. Less, and updatePrice resolves before the old price is gone; more, and a price change waits on a sick Redis longer than the caller allowed (${LESSON}, "Invalidate on write").`;
    const outcome = (write: Promise<unknown>, reached: () => number) =>
      write.then((p) => ({ cents: (p as { priceCents?: number } | null)?.priceCents, reached: reached() }), (error: unknown) => ({ cents: `rejected: ${String(error)}`, reached: reached() }));

    const stalled = createProductCache({ redis: await lab.redis.stalledClient(), db: lab.db.pool, keyPrefix: lab.redis.prefix });
    let settled = false;
    const write = stalled.updatePrice(1, 101).finally(() => (settled = true));
    write.catch(() => {}); // awaited below
    await sleep(100);
    const early = settled;
    const byDefault = await expectSettlesWithin(outcome(write, () => 0), 2000, 'updatePrice(1, 101) with Redis stalled and no redisTimeoutMs', idea);
    expect(byDefault.cents, `updatePrice(1, 101) with Redis stalled and no redisTimeoutMs. ${idea}`).toBe(101);
    expect(early, `With Redis stalled and no redisTimeoutMs given, updatePrice(1, 101) had resolved within 100 ms: it did not wait the default 250 ms for the DEL. ${idea}`).toBe(false);

    const late = await slowRedis(400);
    const patient = await expectSettlesWithin(
      outcome(cacheWith({ redis: late.client, redisTimeoutMs: 10_000 }).updatePrice(2, 202), late.reached),
      2000,
      'updatePrice(2, 202) with redisTimeoutMs: 10000 and Redis answering 400 ms late',
      idea,
    );
    await late.drained();
    expect(patient.cents, `updatePrice(2, 202) with Redis answering 400 ms late. ${idea}`).toBe(202);
    expect(patient.reached, `With redisTimeoutMs: 10000 and Redis answering 400 ms late, updatePrice(2, 202) resolved before its DEL had even reached Redis: it gave up sooner than the caller allowed. ${idea}`).toBeGreaterThan(0);

    const slow = await slowRedis(150);
    const hasty = await expectSettlesWithin(
      outcome(cacheWith({ redis: slow.client, redisTimeoutMs: 30 }).updatePrice(3, 303), slow.reached),
      2000,
      'updatePrice(3, 303) with redisTimeoutMs: 30 and Redis answering 150 ms late',
      idea,
    );
    await slow.drained();
    expect(hasty.cents, `updatePrice(3, 303) with Redis answering 150 ms late. ${idea}`).toBe(303);
    expect(hasty.reached, `With redisTimeoutMs: 30 and Redis answering 150 ms late, updatePrice(3, 303) waited until its DEL had gone to Redis, more than 120 ms past the bound. ${idea}`).toBe(0);
  });

  it('01.28 a failing UPDATE makes updatePrice reject: null means "no such product", not "the write failed"', async () => {
    const cache = cacheWith();
    const restore = lab.db.failQueries(/\bUPDATE\s+products\b/i);
    const outcome = await cache.updatePrice(4, 404).then((value) => `resolved with ${JSON.stringify(value)}`, () => 'rejected');
    restore();
    expect(
      outcome,
      `While Postgres failed the UPDATE, updatePrice(4, 404) ${outcome}; expected it to reject. Catch what may fail after the commit (the DEL), not the database write: a caller told null believes the product does not exist, and a caller told nothing believes the price changed (${LESSON}, "Invalidate on write").`,
    ).toBe('rejected');
    expect((await cache.updatePrice(4, 404))?.priceCents, 'Once Postgres recovered, updatePrice(4, 404) should return the product at 404.').toBe(404);
  });
});
