// Lab 01 checks, part 1: the read path. What Redis holds (TTLs, values as they were) is
// part 1b, what-redis-holds.test.ts. Run: npm test labs/01-cache-aside
// Each check names the behaviour it demands; its failure says what Redis and Postgres showed.
// After every check, the harness also audits every key your code wrote: one without a TTL
// fails whichever check wrote it (01.3 explains why).
import { describe, expect, it, onTestFinished } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectQueries } from '../../harness/lab/teach.js';
import { healthyCaches, LESSON, PRODUCT_SELECTS as products } from './cache-aside.support.js';

const lab = useLab('01');
const cacheWith = healthyCaches(lab);

describe('reads go through Redis', () => {
  it('01.1 the first read loads the product from Postgres', async () => {
    const product = await cacheWith().getProduct(1);
    expect(product, 'getProduct(1) should return the seeded product "Pour-over kettle #1"').toMatchObject({
      id: 1,
      sku: 'SKU-0001',
      priceCents: 625,
    });
    expectQueries(lab.db, products, 1, `A miss reads the row from Postgres once (${LESSON}, "The read path").`);
  });

  it('01.2 a second read is served from Redis: one database query in total', async () => {
    const cache = cacheWith();
    await cache.getProduct(2);
    const again = await cache.getProduct(2);
    expect(again?.id, 'the second getProduct(2) should return product 2').toBe(2);
    expectQueries(lab.db, products, 1, `After a miss fills the cache, reads are hits (${LESSON}, "The read path").`);
  });

  it('01.10 many products read at once each come back as themselves, and each is loaded once', async () => {
    const cache = cacheWith();
    const found = Array.from({ length: 20 }, (_, i) => i + 1);
    const missing = [901, 902, 903, 904, 905];
    const ids = [...found, ...missing];
    const idea =
      `Each id has its own entry: a key, a lock or an in-flight promise shared by every id hands one product's row to another's reader (${LESSON}, "The read path").`;
    for (const round of ['first (all misses)', 'second (all hits)']) {
      const results = await Promise.all(ids.map((id) => cache.getProduct(id)));
      const wrong = ids.filter((id, i) => (found.includes(id) ? results[i]?.id !== id : results[i] !== null));
      const shown = wrong.map((id) => `getProduct(${id}) -> ${JSON.stringify(results[ids.indexOf(id)]?.id ?? null)}`).join(', ');
      expect(wrong, `In the ${round} round of ${ids.length} concurrent reads, ${shown}. Products 1-20 exist, 901-905 do not. ${idea}`).toEqual([]);
    }
    expectQueries(lab.db, products, ids.length, `${ids.length} different ids read twice: one SELECT per id, then every read a hit. ${idea}`);
  });

  it('01.29 ids of any length have entries of their own: 1 and 1000, 12, 120, 1012 and 1200, 2 and a missing 2000 never share one', async () => {
    const added = [120, 1000, 1012, 1200]; // the seed holds 1 to 20
    onTestFinished(() => lab.db.sql('DELETE FROM products WHERE id = ANY($1)', [added]).then(() => {}));
    await lab.db.sql(
      "INSERT INTO products (id, sku, name, category, price_cents, updated_at) SELECT n, 'SKU-' || n, 'Long id #' || n, 'tools', 100 + n, now() FROM unnest($1::int[]) AS n",
      [added],
    );
    const cache = cacheWith();
    const ids = [1, 12, 2, 120, 1000, 1012, 1200, 2000]; // 2000 does not exist
    const idea = `The key holds the whole id, as it is: a key built from an id cut to a fixed width (its last three digits, id % 1000, its first three) or padded on the wrong side (padEnd) gives two products one entry, and the second one read gets the first one's row, or its "not found" (${LESSON}, "The read path").`;
    for (const round of ['first (misses)', 'second (hits)']) {
      const seen: string[] = [];
      for (const id of ids) seen.push(`getProduct(${id}) -> ${JSON.stringify((await cache.getProduct(id))?.id ?? null)}`);
      const expected = ids.map((id) => `getProduct(${id}) -> ${id === 2000 ? 'null' : id}`);
      const wrong = seen.filter((line, i) => line !== expected[i]);
      expect(wrong, `In the ${round} round of reads, one after another, of ${ids.join(', ')} (all exist but 2000): ${wrong.join(', ')}. ${idea}`).toEqual([]);
    }
  });
});
