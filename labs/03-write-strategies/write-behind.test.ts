// Lab 03 checks, part 5: the write-behind view counter's buffer and batches. A flush of over ten
// thousand products is part 5b, write-behind-large.test.ts. Run: npm test labs/03-write-strategies
// Each check names the behaviour it demands; its failure says what Redis and Postgres showed.
import { describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { useLab } from '../../harness/lab/use-lab.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { LESSON, record, viewCounterHelpers } from './write-strategies.support.js';

// The view counter's keys hold views not yet in Postgres: they must never expire, so this
// file waives the TTL rule (keys outside the prefix are still refused).
const lab = useLab('03', { keysWithoutTtl: /.*/ });
const { counter, viewsInPostgres } = viewCounterHelpers(lab);

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
    let second: Promise<number> | undefined;
    try {
      await expectSettlesWithin(held.reached, 2000, 'the flush reaching its write to product_views', 'flush() must add the views to the product_views table.');
      await Promise.all([record(a, 6, 2), record(b, 6, 1)]); // while Postgres is busy with the first 5
      second = a.flush(); // called while the first still writes: it takes what is buffered now
      second.catch(() => {});
    } finally {
      held.release();
    }
    const applied = [await flushing, await second];
    expect(
      await viewsInPostgres(),
      `5 views were being flushed when 3 more arrived (2 in the same process, 1 in another), and a second flush() was called while the first still wrote; once both resolved, Postgres holds what is shown as received below, expected { 6: 8 }. ` +
        `A flush must take exactly what it writes, atomically, before writing (RENAME the pending hash to a batch key): clearing the buffer after the write throws away what arrived meanwhile. ` +
        `And each call takes what is buffered when it starts: handing the second caller the first flush's promise leaves the 3 views in Redis while it reports them flushed (${LESSON}, "Flushing in batches").`,
    ).toEqual({ 6: 8 });
    expect(applied, `The two flushes resolved with ${applied.join(' and ')}; expected 5 (what the first took) and 3 (what arrived during it, taken by the second).`).toEqual([5, 3]);
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
