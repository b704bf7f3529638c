// Lab 03 checks, part 5b: a flush of over ten thousand products, and an empty one. A file of its
// own, so it runs beside part 5. Run: npm test labs/03-write-strategies
// Each check names the behaviour it demands; its failure says what Redis and Postgres showed.
import { beforeAll, describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { LESSON, outcomeOf, record, viewCounterHelpers } from './write-strategies.support.js';

// The view counter's keys hold views not yet in Postgres: they must never expire, so this
// file waives the TTL rule (keys outside the prefix are still refused).
const lab = useLab('03', { keysWithoutTtl: /.*/ });
const { counter, footprint } = viewCounterHelpers(lab);
const MANY = 3000; // products 1001..4000, added for 03.21: more than any batch size a flush might use inside
const MORE = 7_500; // products 4001..11500, written straight into the buffer: 10 500 in all, past a 10 000-field page

beforeAll(async () => {
  await lab.db.sql(
    `INSERT INTO products (id, sku, name, category, price_cents) SELECT n, 'SKU-' || n, 'Sticker #' || n, 'stickers', 100 FROM generate_series(1001, $1::int) AS n`,
    [1000 + MANY + MORE],
  );
});

/**
 * Adds one view of each of products 4001..11500 to the buffer, in one HSET, when the
 * buffer is a hash of product id -> views (the hash holding product 1001): recording them
 * one by one would cost 7 500 round trips. Resolves with the ids added (none for another layout).
 */
async function bulkViews(): Promise<number[]> {
  const admin = lab.redis.admin;
  for (const { key } of await lab.redis.keys()) {
    if ((await admin.type(key)) !== 'hash' || (await admin.hget(key, '1001')) === null) continue;
    const ids = Array.from({ length: MORE }, (_, i) => 1001 + MANY + i);
    await admin.hset(key, Object.fromEntries(ids.map((id) => [String(id), '1'])));
    return ids;
  }
  return [];
}

describe('write-behind: views are buffered, then written in batches', () => {
  it('03.21 a flush takes over ten thousand products, past any batch or page size, in a few statements, and an empty flush resolves 0 and leaves nothing behind', async () => {
    const views = counter();
    expect(await outcomeOf(views.flush()), `flush() with nothing recorded should resolve with 0, not fail: a timer flushes an empty buffer most of the time (${LESSON}, "Flushing in batches").`).toBe('resolved with 0');
    const empty = await footprint();
    const ids = Array.from({ length: MANY }, (_, i) => 1001 + i);
    await Promise.all(ids.map((id) => views.recordView(id)));
    await record(views, 1001, 2);
    ids.push(...(await bulkViews()));
    lab.db.queries.reset();
    const applied = await views.flush();
    const statements = lab.db.queries.count({ table: 'product_views' });
    const rows = await lab.db.sql<{ product_id: number; views: string }>('SELECT product_id, views FROM product_views WHERE product_id > 1000 AND views <> 0');
    const got = new Map(rows.map((row) => [row.product_id, Number(row.views)]));
    const wrong = ids.filter((id) => got.get(id) !== (id === 1001 ? 3 : 1));
    expect(
      wrong.length,
      `One view of each of ${ids.length} products (3 of product 1001) was buffered (${ids.length - MANY} of them written by the suite straight into your buffer's hash, in one HSET) and flushed; ${wrong.length} products are wrong in Postgres, e.g. ${wrong.slice(0, 3).map((id) => `${id}: ${got.get(id) ?? 0}`).join(', ')}. ` +
        `A flush must take every product in the buffer: a single HSCAN page (whatever its COUNT), an LRANGE with a fixed end, or a batch size that drops the rest loses views. Read until the cursor is 0, or HGETALL (${LESSON}, "Flushing in batches").`,
    ).toBe(0);
    expect(applied, `flush() resolved with ${applied}; expected ${ids.length + 2}, every view it added.`).toBe(ids.length + 2);
    expect(statements, `The flush of ${ids.length} products sent ${statements} statements to product_views; expected a few (one per batch), not one per product (${LESSON}, "Flushing in batches").`).toBeLessThanOrEqual(MANY / 100);
    const again = [await views.flush(), await views.flush(), await views.flush()];
    expect(again, 'flush() with nothing left should resolve with 0 each time').toEqual([0, 0, 0]);
    const after = await footprint();
    expect(
      after,
      `After everything was flushed and three empty flushes ran, the lab's keys hold ${after.entries} entries in ${after.keys} keys; after the first empty flush they held ${empty.entries} in ${empty.keys}. ` +
        `Applied batches must leave Redis, and an empty flush must leave nothing behind (no empty batch, no id in a list), or the buffer's keys grow with every tick for ever (${LESSON}, "Flushing in batches").`,
    ).toEqual(empty);
  });
});
