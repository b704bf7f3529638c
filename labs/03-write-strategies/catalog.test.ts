// Lab 03 checks, part 1: the catalog's write paths. Run: npm test labs/03-write-strategies
// Each check names the behaviour it demands; its failure says what Redis and Postgres showed.
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectEveryKeyHasTtl, expectQueries, expectSettlesWithin, expectTtlsWithin } from '../../harness/lab/teach.js';
import { createInvalidatingCatalog } from './src/invalidate-on-write.js';
import { createWriteThroughCatalog } from './src/write-through.js';
import { selectProduct, type Catalog, type CatalogOptions, type Product, type Sql } from './src/contract.js';

const lab = useLab('03');
const LESSON = 'Lesson 03, Write strategies';
const productSelects = { table: 'products', kind: 'select' } as const;

type CatalogFactory = (options: CatalogOptions) => Catalog;

/** A catalog as one process of the app builds it: its own Redis connection, the shared keyspace. */
function processWith(create: CatalogFactory, load?: CatalogOptions['load']): Catalog {
  return create({ redis: lab.redis.client(), db: lab.db.pool, keyPrefix: lab.redis.prefix, ...(load ? { load } : {}) });
}

/** Another process's own Postgres connection: not counted, and never held with the lab's pool. */
const otherConnection: Sql = { query: async (text, values = []) => ({ rows: await lab.db.sql(text, values) }) };

async function priceInPostgres(id: number): Promise<number> {
  const [row] = await lab.db.sql<{ price_cents: number }>('SELECT price_cents FROM products WHERE id = $1', [id]);
  return row!.price_cents;
}

/**
 * A loader that reads the row, then waits at a gate the suite opens: a reader that has
 * loaded the product and is slow to fill the cache (a GC pause, a busy event loop).
 */
function slowLoader() {
  let open!: () => void;
  let loadedRow!: (row: Product | null) => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const loaded = new Promise<Product | null>((resolve) => (loadedRow = resolve));
  const load = async (id: number) => {
    const row = await selectProduct(lab.db.pool, id);
    loadedRow(row);
    await gate;
    return row;
  };
  return { load, loaded, open };
}

/**
 * The race of the lesson, played step by step: a reader misses and loads the old row;
 * a writer in another process commits a new price and updates the cache; only then
 * does the reader fill the cache. Returns what a fresh reader sees afterwards.
 */
async function slowReaderRace(create: CatalogFactory, id: number, newPrice: number) {
  const writer = processWith(create);
  const slow = slowLoader();
  const reader = processWith(create, slow.load);
  const read = reader.getProduct(id);
  const old = await expectSettlesWithin(
    slow.loaded,
    2000,
    `the slow reader's load of product ${id}`,
    `On a miss, getProduct must load through options.load(id) when it is given (see CatalogOptions in src/contract.ts).`,
  );
  await writer.updatePrice(id, newPrice);
  slow.open();
  await read;
  await Promise.all([writer.settled(), reader.settled()]);
  const after = await processWith(create).getProduct(id);
  return { oldPrice: old?.priceCents, seen: after?.priceCents };
}

function raceMessage(id: number, newPrice: number, race: { oldPrice?: number; seen?: number }): string {
  return (
    `A reader loaded product ${id} at ${race.oldPrice} before updatePrice(${id}, ${newPrice}) committed, and filled the cache after the write had updated it. ` +
    `A read after that returned ${race.seen}; expected ${newPrice}, for every read until the next write. ` +
    `The old row now sits in Redis for a full TTL. A fill must be refused when a write came between the reader's load and its fill: ` +
    `a fence (version) the writer moves and the reader checks atomically in Lua, or a delayed second delete awaited by settled() (${LESSON}, "The race: a slow reader").`
  );
}

describe('invalidate-on-write', () => {
  it('03.1 a read is served from Redis after the first: one SELECT across two processes', async () => {
    const [a, b] = [processWith(createInvalidatingCatalog), processWith(createInvalidatingCatalog)];
    expect((await a.getProduct(1))?.sku, 'getProduct(1) should return the seeded product SKU-0001').toBe('SKU-0001');
    expect((await b.getProduct(1))?.sku, 'the second process should read the same product').toBe('SKU-0001');
    expectQueries(lab.db, productSelects, 1, `Cache-aside: the first miss loads and fills, every later read in any process is a hit (${LESSON}, "Cache-aside, the baseline").`);
  });

  it('03.2 after updatePrice returns, every process reads the new price', async () => {
    const [writer, other] = [processWith(createInvalidatingCatalog), processWith(createInvalidatingCatalog)];
    await writer.getProduct(2);
    await other.getProduct(2); // both see the old price, now cached
    await writer.updatePrice(2, 2222);
    await writer.settled();
    for (const [who, catalog] of [['the writer', writer], ['another process', other]] as const) {
      const price = (await catalog.getProduct(2))?.priceCents;
      expect(
        price,
        `After updatePrice(2, 2222) returned, ${who} read ${price}. Postgres holds 2222 and Redis still held the old row. ` +
          `After the UPDATE commits, delete the cached copy so the next read loads the committed row (${LESSON}, "Invalidate on write").`,
      ).toBe(2222);
    }
  });

  it('03.3 the cache is invalidated after the commit, not before: a read during a slow UPDATE cannot cache the old row', async () => {
    const writer = processWith(createInvalidatingCatalog);
    const reader = processWith(createInvalidatingCatalog, (id) => selectProduct(otherConnection, id));
    await writer.getProduct(3); // cached at the old price
    const held = lab.db.holdQueries(/UPDATE products/i);
    const write = writer.updatePrice(3, 3333);
    write.catch(() => {}); // awaited below
    try {
      await expectSettlesWithin(held.reached, 2000, 'updatePrice(3, 3333) reaching its UPDATE', 'updatePrice must change the row with an UPDATE on products.');
      await reader.getProduct(3); // the UPDATE has not run: the old price is still the truth
    } finally {
      held.release();
    }
    await write;
    await writer.settled();
    const price = (await processWith(createInvalidatingCatalog).getProduct(3))?.priceCents;
    expect(
      price,
      `While the UPDATE was slow, another process read product 3; after updatePrice returned, reads show ${price}, expected 3333. ` +
        `Either the cache was never invalidated, or it was cleared before the commit: then that read missed, loaded the old row and cached it again, and nothing cleared it afterwards. ` +
        `Invalidate after the database commits, never before (${LESSON}, "Delete after the commit").`,
    ).toBe(3333);
  });

  it('03.4 a slow reader that loaded the old row before the write cannot put it back afterwards', async () => {
    const race = await slowReaderRace(createInvalidatingCatalog, 4, 4444);
    expect(race.seen, raceMessage(4, 4444, race)).toBe(4444);
  });

  it("03.5 every key the catalogs write has a TTL, at most the catalog's hour", async () => {
    const [invalidating, writingThrough] = [processWith(createInvalidatingCatalog), processWith(createWriteThroughCatalog)];
    await invalidating.getProduct(5);
    await invalidating.updatePrice(5, 5555);
    await invalidating.getProduct(5);
    await writingThrough.getProduct(6);
    await writingThrough.updatePrice(6, 6666);
    await Promise.all([invalidating.settled(), writingThrough.settled()]);
    const idea = `Every key a cache writes, values and bookkeeping (versions, fences, markers) alike, carries a TTL set in the same command or script, or it stays forever (${LESSON}, "Closing the race with a fence").`;
    const keys = await expectEveryKeyHasTtl(lab.redis, idea);
    await expectTtlsWithin(lab.redis, keys, { minMs: 1, maxMs: 3_600_000 }, idea);
  });
});

/** What Redis holds under the lab's prefix: key -> type and content. */
async function redisContents(): Promise<Record<string, string>> {
  const entries = await Promise.all(
    (await lab.redis.keys()).map(async ({ key }) => {
      const type = await lab.redis.admin.type(key);
      const content = type === 'string' ? await lab.redis.admin.get(key) : (await lab.redis.admin.dumpBuffer(key)).toString('base64');
      return [key, `${type} ${content}`] as const;
    }),
  );
  return Object.fromEntries(entries);
}

describe('write-through', () => {
  it('03.6 after each write, Redis already holds what Postgres committed: the next read is a hit', async () => {
    const [writer, reader] = [processWith(createWriteThroughCatalog), processWith(createWriteThroughCatalog)];
    await reader.getProduct(7);
    for (const price of [7001, 7002, 7003]) {
      await writer.updatePrice(7, price);
      await writer.settled();
      lab.db.queries.reset();
      const seen = (await reader.getProduct(7))?.priceCents;
      const committed = await priceInPostgres(7);
      expect(seen, `After updatePrice(7, ${price}), another process read ${seen} while Postgres holds ${committed}.`).toBe(committed);
      expectQueries(
        lab.db,
        productSelects,
        0,
        `Write-through: the write puts the committed row into Redis itself, so the read after it is a hit and costs no SELECT (${LESSON}, "Write-through").`,
      );
    }
  });

  it('03.7 a failed database write rejects, and leaves the cache as it was', async () => {
    const writer = processWith(createWriteThroughCatalog);
    await writer.getProduct(8);
    const before = await redisContents();
    const restore = lab.db.failQueries(/UPDATE products/i, new Error('injected: UPDATE failed'));
    const outcome = await writer.updatePrice(8, 1).then(
      (value) => `resolved with ${JSON.stringify(value)}`,
      (error: unknown) => `rejected: ${(error as Error).message}`,
    );
    restore();
    await writer.settled();
    const idea = `Write-through writes Redis only after Postgres has committed, from the row Postgres returned; if the database refuses, the caller gets the error and the cache keeps the committed truth (${LESSON}, "Write-through").`;
    expect(outcome, `With the UPDATE failing, updatePrice(8, 1) ${outcome}; expected it to reject with the database's error. ${idea}`).toBe(
      'rejected: injected: UPDATE failed',
    );
    expect(await redisContents(), `Redis changed although Postgres refused the write (before: left, after: right). ${idea}`).toEqual(before);
    const price = (await processWith(createWriteThroughCatalog).getProduct(8))?.priceCents;
    expect(price, `A read after the failed write returned ${price}; Postgres still holds ${await priceInPostgres(8)}. ${idea}`).toBe(
      await priceInPostgres(8),
    );
  });

  it('03.8 a slow reader that loaded the old row before the write cannot overwrite the new value', async () => {
    const race = await slowReaderRace(createWriteThroughCatalog, 9, 9999);
    expect(race.seen, raceMessage(9, 9999, race)).toBe(9999);
  });
});
