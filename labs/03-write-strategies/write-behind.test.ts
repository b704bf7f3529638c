// Lab 03 checks, part 5: the write-behind view counter's buffer and batches. Run: npm test labs/03-write-strategies
// Each check names the behaviour it demands; its failure says what Redis and Postgres showed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { useLab } from '../../harness/lab/use-lab.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { LESSON, outcomeOf, record, viewCounterHelpers } from './write-strategies.support.js';

// The view counter's keys hold views not yet in Postgres: they must never expire, so this
// file waives the TTL rule (keys outside the prefix are still refused).
const lab = useLab('03', { keysWithoutTtl: /.*/ });
const { counter, viewsInPostgres } = viewCounterHelpers(lab);
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

/** What the lab's keys hold, in entries (a string is one, a hash one per field, a list one per element). */
async function footprint(): Promise<{ keys: number; entries: number }> {
  const admin = lab.redis.admin;
  let entries = 0;
  const keys = await lab.redis.keys();
  for (const { key } of keys) {
    const type = await admin.type(key);
    const size: Record<string, () => Promise<number>> = {
      string: async () => 1,
      hash: () => admin.hlen(key),
      list: () => admin.llen(key),
      set: () => admin.scard(key),
      zset: () => admin.zcard(key),
      stream: () => admin.xlen(key),
    };
    entries += (await size[type]?.()) ?? 1;
  }
  return { keys: keys.length, entries };
}

describe('write-behind: views are buffered, then written in batches', () => {
  it('03.9 views reach Postgres only on flush, as a batch: no SQL per view', async () => {
    const views = counter();
    await Promise.all([record(views, 1, 6), record(views, 2, 3), record(views, 3, 1)]);
    const perView = lab.db.queries.entries.length;
    expect(perView, `recordView sent ${perView} statements to Postgres for 10 views; expected none. Write-behind keeps the database off the request path (${LESSON}, "Write-behind").`).toBe(0);
    expect(await viewsInPostgres(), `Before any flush, product_views already holds the views shown as received below; expected none until flush() (${LESSON}, "Write-behind").`).toEqual({});
    const applied = await views.flush();
    const idea = `flush() adds every buffered view to product_views and resolves with how many it added (${LESSON}, "Write-behind").`;
    expect(await viewsInPostgres(), `After flush(), Postgres holds the views shown as received below. ${idea}`).toEqual({ 1: 6, 2: 3, 3: 1 });
    expect(applied, `flush() resolved with ${applied}; expected 10. ${idea}`).toBe(10);
    const writes = lab.db.queries.count({ table: 'product_views' });
    expect(
      writes,
      `The flush sent ${writes} statements to product_views for one batch of 10 views of 3 products; expected one. Batching is the point: the database sees one statement of totals (addViews takes the whole batch), not a statement per view or per product (${LESSON}, "Flushing in batches").`,
    ).toBe(1);
  });

  it('03.10 the buffer lives in Redis: a writer that dies without close() loses nothing', async () => {
    const [dying, surviving] = await separateProcesses(2, () => import('./src/view-counter.js'));
    const redis: Redis = lab.redis.client();
    const crashed = counter({ redis }, dying);
    await Promise.all([record(crashed, 4, 4), record(crashed, 5, 2)]);
    const expiring = (await lab.redis.keys()).filter((key) => key.pttlMs !== -1);
    expect(
      expiring.map(({ key, pttlMs }) => `${key} (PTTL ${pttlMs} ms)`),
      `After 6 views were recorded, these keys hold them with a TTL. The buffer is the only copy of views not yet in Postgres: if flushing stops for longer than that TTL (a deploy, a database outage), the views vanish. ` +
        `The rule "every cache key has a TTL" is for copies of data that lives elsewhere; the write-behind buffer is not a copy, and never expires (${LESSON}, "A buffer that survives the process").`,
    ).toEqual([]);
    redis.disconnect(); // the process is gone: no close(), no last flush
    const applied = await counter({}, surviving).flush();
    expect(
      await viewsInPostgres(),
      `A writer recorded 4 views of product 4 and 2 of product 5, then its process died; another process flushed (resolving with ${applied}) and Postgres holds what is shown as received below. ` +
        `A buffer in process memory (a module-level Map included) dies with the process and no other process can flush it. Keep it in Redis (HINCRBY into a hash), where every instance can reach it (${LESSON}, "A buffer that survives the process").`,
    ).toEqual({ 4: 4, 5: 2 });
    expect(applied, `the surviving process's flush() should resolve with the 6 views it added`).toBe(6);
  });

  it('03.11 views recorded while a flush is writing are kept for the next flush', async () => {
    const [a, b] = [counter(), counter()];
    await record(a, 6, 5);
    const held = lab.db.holdQueries(/product_views/i);
    const flushing = a.flush();
    flushing.catch(() => {}); // awaited below
    try {
      await expectSettlesWithin(held.reached, 2000, 'the flush reaching its write to product_views', 'flush() must add the views to the product_views table.');
      await Promise.all([record(a, 6, 2), record(b, 6, 1)]); // while Postgres is busy with the first 5
    } finally {
      held.release();
    }
    const applied = [await flushing, await a.flush()];
    expect(
      await viewsInPostgres(),
      `5 views were being flushed when 3 more arrived (2 in the same process, 1 in another); after two flushes Postgres holds what is shown as received below, expected { 6: 8 }. ` +
        `A flush must take exactly what it writes, atomically, before writing (RENAME the pending hash to a batch key): clearing the buffer after the write throws away what arrived meanwhile (${LESSON}, "Flushing in batches").`,
    ).toEqual({ 6: 8 });
    expect(applied, `The two flushes resolved with ${applied.join(' and ')}; expected 5 (what the first took) and 3 (what arrived during it).`).toEqual([5, 3]);
  });

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

  it('03.22 two batches with the same views are both applied: in one process, and in two', async () => {
    const [a, b] = await separateProcesses(2, () => import('./src/view-counter.js'));
    const [one, two] = [counter({}, a), counter({}, b)];
    const applied: number[] = [];
    for (const views of [one, one, two]) {
      await Promise.all([record(views, 7, 2), record(views, 8, 1)]);
      applied.push(await views.flush());
    }
    expect(
      await viewsInPostgres(),
      `Three flushes each took 2 views of product 7 and 1 of product 8 (two in one process, one in another), so { 7: 6, 8: 3 }; Postgres holds what is shown as received below. ` +
        `A batch id says which batch this is, not what is in it: an id made from the contents makes two equal batches look like one, and an id from a counter in process memory repeats in another process or after a restart. ` +
        `Either way a new batch is taken for an applied one and skipped. Give each batch a random id (randomUUID) when it is claimed (${LESSON}, "Exactly once: the batch id").`,
    ).toEqual({ 7: 6, 8: 3 });
    expect(applied, `The three flushes resolved with ${applied.join(', ')}; expected 3 each.`).toEqual([3, 3, 3]);
  });
});
