// Lab 03 checks, part 2: the write-behind view counter. Run: npm test labs/03-write-strategies
// Each check names the behaviour it demands; its failure says what Redis and Postgres showed.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { createViewCounter } from './src/view-counter.js';
import { APPLIED_VIEW_BATCHES_TABLE, type ViewCounter, type ViewCounterOptions } from './src/contract.js';

// The view counter's keys hold views not yet in Postgres: they must never expire, so this
// file waives the TTL rule (keys outside the prefix are still refused).
const lab = useLab('03', { keysWithoutTtl: /.*/ });
const LESSON = 'Lesson 03, Write strategies';
const counters: ViewCounter[] = [];

beforeAll(() => lab.db.sql(APPLIED_VIEW_BATCHES_TABLE)); // the migration, as production would have run it

afterEach(async () => {
  lab.db.clearFaults();
  // Stop every counter (timers included) before the next check; a hung close must not hang the suite.
  await Promise.race([Promise.allSettled(counters.splice(0).map((c) => c.close())), new Promise((r) => setTimeout(r, 1000))]);
  await lab.db.sql('UPDATE product_views SET views = 0 WHERE views <> 0');
  await lab.db.sql('TRUNCATE applied_view_batches');
});

/** A counter as one process of the app builds it: its own Redis connection unless given one. */
function counter(options: Partial<ViewCounterOptions> = {}): ViewCounter {
  const made = createViewCounter({ redis: lab.redis.client(), db: lab.db.pool, keyPrefix: lab.redis.prefix, ...options });
  counters.push(made);
  return made;
}

/** A counter whose Redis connection the suite can cut, as if its process died. */
function counterToKill(): { views: ViewCounter; kill: () => void } {
  const redis: Redis = lab.redis.client();
  return { views: counter({ redis }), kill: () => redis.disconnect() };
}

/** Views in Postgres, products with none left out, e.g. { 4: 4, 5: 2 }. */
async function viewsInPostgres(): Promise<Record<number, number>> {
  const rows = await lab.db.sql<{ product_id: number; views: string }>(
    'SELECT product_id, views FROM product_views WHERE views <> 0 ORDER BY product_id',
  );
  return Object.fromEntries(rows.map((row) => [row.product_id, Number(row.views)]));
}

/** `times` concurrent views of one product. */
function record(views: ViewCounter, productId: number, times: number): Promise<void[]> {
  return Promise.all(Array.from({ length: times }, () => views.recordView(productId)));
}

/** What a promise did, as text, without letting a rejection escape. */
const outcomeOf = (work: Promise<unknown>) =>
  work.then(
    (value) => `resolved with ${JSON.stringify(value)}`,
    (error: unknown) => `rejected: ${(error as Error).message}`,
  );

const reach = (reached: Promise<void>) =>
  expectSettlesWithin(reached, 2000, 'the flush reaching its write to product_views', 'flush() must add the views to the product_views table.');

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
      `The flush sent ${writes} statements to product_views for 10 views of 3 products; expected at most one per product. Batching is the point: the database sees totals, not views (${LESSON}, "Flushing in batches").`,
    ).toBeLessThanOrEqual(3);
  });

  it('03.10 the buffer lives in Redis: a writer that dies without close() loses nothing', async () => {
    const { views: crashed, kill } = counterToKill();
    await Promise.all([record(crashed, 4, 4), record(crashed, 5, 2)]);
    kill(); // the process is gone: no close(), no last flush
    await counter().flush();
    expect(
      await viewsInPostgres(),
      `A writer recorded 4 views of product 4 and 2 of product 5, then died; another instance flushed and Postgres holds what is shown as received below. ` +
        `A buffer in process memory dies with the process and no other instance can flush it. Keep it in Redis (HINCRBY into a hash), where every instance can reach it (${LESSON}, "A buffer that survives the process").`,
    ).toEqual({ 4: 4, 5: 2 });
  });

  it('03.11 views recorded while a flush is writing are kept for the next flush', async () => {
    const [a, b] = [counter(), counter()];
    await record(a, 6, 5);
    const held = lab.db.holdQueries(/product_views/i);
    const flushing = outcomeOf(a.flush());
    try {
      await reach(held.reached);
      await Promise.all([record(a, 6, 2), record(b, 6, 1)]); // while Postgres is busy with the first 5
    } finally {
      held.release();
    }
    await flushing;
    await a.flush();
    expect(
      await viewsInPostgres(),
      `5 views were being flushed when 3 more arrived (2 in the same process, 1 in another); after two flushes Postgres holds what is shown as received below, expected { 6: 8 }. ` +
        `A flush must take exactly what it writes, atomically, before writing (RENAME the pending hash to a batch key): clearing the buffer after the write throws away what arrived meanwhile (${LESSON}, "Flushing in batches").`,
    ).toEqual({ 6: 8 });
  });
});

describe('write-behind: nothing lost, nothing applied twice', () => {
  it('03.12 a flush that fails is retried by the next one: nothing lost, nothing applied twice', async () => {
    const views = counter();
    await Promise.all([record(views, 7, 2), record(views, 8, 3)]);

    // 1. Postgres refuses the write.
    const restore = lab.db.failQueries(/product_views/i, new Error('injected: product_views unavailable'));
    const refused = await outcomeOf(views.flush());
    restore();
    expect(refused, `While Postgres refused writes, flush() ${refused}; expected it to reject, so the caller (or the timer's log) learns of it.`).toMatch(/^rejected/);

    // 2. The connection dies right after the write to product_views reached Postgres.
    await record(views, 7, 1);
    const held = lab.db.holdQueries(/product_views/i);
    const dying = outcomeOf(views.flush());
    try {
      await reach(held.reached);
      lab.db.failQueries(/[\s\S]/, new Error('injected: connection lost')); // every later statement fails
    } finally {
      held.release();
    }
    await expectSettlesWithin(dying, 2000, 'a flush whose connection died', 'flush() must settle (reject) when Postgres fails, not hang.');
    lab.db.clearFaults();

    // 3. Postgres is back.
    await views.flush();
    const idea =
      `Recorded: product 7 twice before the failures and once between them, product 8 three times, so { 7: 3, 8: 3 }. A failed flush must leave its batch in Redis for the next flush, ` +
      `and a batch must be added and marked applied in ONE transaction: forget the batch before the commit and it is lost; add it outside a transaction and a retry adds part of it twice (${LESSON}, "When a flush fails").`;
    expect(await viewsInPostgres(), `After the failures and one good flush, Postgres holds what is shown as received below. ${idea}`).toEqual({ 7: 3, 8: 3 });
    await views.flush();
    expect(await viewsInPostgres(), `A further flush changed Postgres to what is shown as received below: something was applied twice. ${idea}`).toEqual({ 7: 3, 8: 3 });
  });

  it('03.13 a flush that commits and then loses Redis is not applied again by the next flush', async () => {
    const { views: dying, kill } = counterToKill();
    await record(dying, 9, 3);
    const held = lab.db.holdQueries(/product_views/i);
    const flushing = outcomeOf(dying.flush());
    try {
      await reach(held.reached);
      kill(); // Postgres will commit; this process will never tell Redis
    } finally {
      held.release();
    }
    await expectSettlesWithin(flushing, 2000, 'a flush whose Redis connection died', 'flush() must settle (reject) when Redis fails, not hang.');
    await counter().flush();
    expect(
      await viewsInPostgres(),
      `3 views of product 9 were committed by a flush that died before it could remove its batch from Redis; the next flush left Postgres as shown as received below, expected { 9: 3 }. ` +
        `Retrying a batch is only safe if Postgres can tell it was already applied: record the batch id in the same transaction (markBatchApplied) and skip a batch already recorded (${LESSON}, "Exactly once: the batch id").`,
    ).toEqual({ 9: 3 });
  });

  it('03.14 4 writers x 250 concurrent views, flushed by two workers at once, land as exactly 1000', async () => {
    const writers = [counter(), counter(), counter(), counter()];
    await Promise.all(writers.flatMap((w) => [record(w, 10, 125), record(w, 11, 125)]));
    await Promise.all([counter().flush(), counter().flush()]); // two workers, e.g. two instances' timers
    expect(
      await viewsInPostgres(),
      `Four processes each recorded 125 views of product 10 and 125 of product 11, all at once, then two workers flushed at the same time; Postgres holds what is shown as received below, expected { 10: 500, 11: 500 }. ` +
        `Count with one atomic command in Redis (HINCRBY), never read-add-write; make two flushes unable to take or apply the same views twice (${LESSON}, "Concurrent writers and flushers").`,
    ).toEqual({ 10: 500, 11: 500 });
  });

  it('03.15 a timer flushes on its own; close() stops it and flushes the rest', async () => {
    const views = counter({ flushIntervalMs: 20 });
    await record(views, 12, 3);
    await expect
      .poll(viewsInPostgres, { timeout: 2000, interval: 10, message: `With flushIntervalMs: 20, the views never reached Postgres by themselves: start a timer that calls flush() (${LESSON}, "Flushing in batches").` })
      .toEqual({ 12: 3 });
    await record(views, 12, 2);
    await views.close();
    expect(await viewsInPostgres(), `close() should flush what is left: expected { 12: 5 } (${LESSON}, "Shutting down").`).toEqual({ 12: 5 });
    await record(counter(), 13, 1); // recorded by another instance, which never flushes
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(
      await viewsInPostgres(),
      `150 ms after close(), Postgres holds what is shown as received below: the closed counter's timer is still flushing. close() must stop the timer (clearInterval), or a stopped process keeps touching Redis and Postgres (${LESSON}, "Shutting down").`,
    ).toEqual({ 12: 5 });
  });
});
