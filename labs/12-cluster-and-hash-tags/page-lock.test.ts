// Lab 12: one render per page across processes, under the loader lock of lab 04 on a
// cluster: the lock's TTL and wait, one lock per page, held until the page is stored.
import { beforeAll, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { expectQueries, LIVENESS_MS } from '../../harness/lab/teach.js';
import { useCluster } from '../../harness/lab/use-cluster.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LOCK_TTL_MS } from './src/contract.js';
import { LESSON, holdPageStore, seedAisles, twoProcesses } from './shop.support.js';

const lab = useLab('12');
const cluster = useCluster('12');
beforeAll(() => seedAisles(lab));
const selects = () => lab.db.queries.count({ kind: 'select' });

it('12.10 twenty concurrent misses of one page, in two processes, render it once, under a lock that expires after lockTtlMs, held until the page is stored', { timeout: 20_000 }, async () => {
  captureConsole('12');
  const [a, b] = await twoProcesses(cluster);
  const shops = [a!, b!].map(({ module, redis }) => module.createShopPages({ redis, db: lab.db.pool, keyPrefix: cluster.prefix, lockWaitMs: 2_000, lockTtlMs: 7_000 }));
  for (const [shop, ttlMs] of [[shops[0]!, 7_000], [b!.module.createShopPages({ redis: b!.redis, db: lab.db.pool, keyPrefix: cluster.prefix }), LOCK_TTL_MS]] as const) {
    const render = lab.db.holdQueries(/^SELECT/);
    const loading = shop.categoryPage('aisle-o');
    await render.reached;
    const locks = (await cluster.keys()).filter((state) => state.pttlMs > 0);
    render.release();
    await loading;
    expect(
      locks.map((state) => state.pttlMs > ttlMs - 1_000 && state.pttlMs <= ttlMs),
      `While the listing renders, the keys in Redis have ${locks.map((state) => state.pttlMs).join(', ') || 'no'} ms left; expected one lock, with the lockTtlMs it was given (${ttlMs} ms)`,
    ).toEqual([true]);
    await cluster.deleteAll();
  }
  // One lock per page: a listing's miss does not wait for a product page of its category being rendered.
  lab.db.queries.reset();
  const renders = lab.db.holdQueries(/^SELECT/);
  const productLoad = shops[0]!.productPage('aisle-j', 119);
  await renders.reached;
  const listingLoad = b!.module.createShopPages({ redis: b!.redis, db: lab.db.pool, keyPrefix: cluster.prefix, lockWaitMs: 10_000 }).categoryPage('aisle-j');
  const listingDeadline = Date.now() + LIVENESS_MS;
  while (selects() < 2 && Date.now() < listingDeadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const bothRendering = selects();
  renders.release();
  await Promise.all([productLoad, listingLoad]);
  expect(bothRendering, `While product 119's page was rendering, a miss of the aisle-j listing (lockWaitMs 10 000) did not reach Postgres within ${LIVENESS_MS} ms; expected it to render at once: each page has a lock of its own, so only misses of the same page wait (${LESSON}; lab 04).`).toBe(2);
  await cluster.deleteAll();
  // A loader holds its lock until its page is stored: held at that step, it keeps the other process waiting.
  lab.db.queries.reset();
  const store = holdPageStore(a!.redis);
  const loader = shops[0]!.categoryPage('aisle-l');
  await store.reached;
  const waiter = shops[1]!.categoryPage('aisle-l');
  const until = Date.now() + 300;
  while (selects() < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  const rendersWhileStoring = selects();
  store.release();
  await Promise.all([loader, waiter]);
  expect(rendersWhileStoring, `While one process was storing the page it had rendered, a miss in the other process rendered it ${rendersWhileStoring - 1} more time(s); expected it to keep waiting: release the lock only after the page is stored, or the next loader finds the lock free and the page not yet there (${LESSON}; lab 04).`).toBe(1);
  await cluster.deleteAll();
  for (const category of ['aisle-n', 'cups']) {
    lab.db.queries.reset();
    const pages = await Promise.all(shops.flatMap((shop) => Array.from({ length: 10 }, () => shop.categoryPage(category))));
    expect(new Set(pages).size, 'every request got the same listing').toBe(1);
    expectQueries(
      lab.db,
      { kind: 'select' },
      1,
      `One loader per page across processes: a miss takes the page's lock in Redis (one key, so any slot will do), reads again once it holds it, renders, stores, and releases; the others wait for the page (${LESSON}; lab 04).`,
    );
  }
});
