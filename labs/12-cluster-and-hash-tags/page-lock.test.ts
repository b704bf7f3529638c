// Lab 12: one render per page across processes, under the loader lock of lab 04 on a
// cluster: the lock's TTL and wait, one lock per page, held until the page is stored.
import { beforeAll, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { expectQueries, leastTtlLeft, LIVENESS_MS } from '../../harness/lab/teach.js';
import { useCluster } from '../../harness/lab/use-cluster.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LOCK_TTL_MS, type ShopPages } from './src/contract.js';
import { LESSON, holdPageStore, seedAisles, twoProcesses } from './shop.support.js';

const lab = useLab('12', { audit: false });
const cluster = useCluster('12');
beforeAll(() => seedAisles(lab));
const selects = () => lab.db.queries.count({ kind: 'select' });

it('12.10 twenty concurrent misses of one page, in two processes, render it once, under a lock that expires after lockTtlMs, held until the page is stored', { timeout: 20_000 }, async () => {
  captureConsole('12');
  const [a, b] = await twoProcesses(cluster);
  // A lockTtlMs that is neither round nor small: a constant, a cap or whole seconds show.
  const givenTtlMs = 9_337;
  const shops = [a!, b!].map(({ module, redis }) => module.createShopPages({ redis, db: lab.db.pool, keyPrefix: cluster.prefix, lockWaitMs: 2_000, lockTtlMs: givenTtlMs }));
  for (const [shop, ttlMs] of [[shops[0]!, givenTtlMs], [b!.module.createShopPages({ redis: b!.redis, db: lab.db.pool, keyPrefix: cluster.prefix }), LOCK_TTL_MS]] as const) {
    const render = lab.db.holdQueries(/^SELECT/);
    const called = performance.now();
    const loading = shop.categoryPage('aisle-o');
    await render.reached;
    const locks = (await cluster.keys()).filter((state) => state.pttlMs > 0);
    // All a correct lock can have lost is the time since the call.
    const least = leastTtlLeft(ttlMs, called);
    render.release();
    await loading;
    expect(
      locks.map((state) => state.pttlMs >= least && state.pttlMs <= ttlMs),
      `While the listing renders, the keys in Redis have ${locks.map((state) => state.pttlMs).join(', ') || 'no'} ms left; expected one lock, with the lockTtlMs it was given (${ttlMs} ms), at least ${least} ms left since the call`,
    ).toEqual([true]);
    await cluster.deleteAll();
  }
  // One lock per page: while product 119's page renders, misses of the aisle-j listing and
  // of product 120 (same category) render at once instead of waiting.
  lab.db.queries.reset();
  const renders = lab.db.holdQueries(/^SELECT/);
  const productLoad = shops[0]!.productPage('aisle-j', 119);
  await renders.reached;
  const patient = b!.module.createShopPages({ redis: b!.redis, db: lab.db.pool, keyPrefix: cluster.prefix, lockWaitMs: 10_000 });
  const otherLoads = [patient.categoryPage('aisle-j'), patient.productPage('aisle-j', 120)];
  const otherDeadline = Date.now() + LIVENESS_MS;
  while (selects() < 3 && Date.now() < otherDeadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const allRendering = selects();
  renders.release();
  await Promise.all([productLoad, ...otherLoads]);
  expect(allRendering, `While product 119's page was rendering, misses of the aisle-j listing and of product 120 (lockWaitMs 10 000) made ${allRendering - 1} render(s) within ${LIVENESS_MS} ms; expected both to render at once: each page has a lock of its own, so only misses of the same page wait (${LESSON}; lab 04).`).toBe(3);
  await cluster.deleteAll();
  // A loader holds its lock until its page is stored: held at that step, it keeps the other
  // process waiting. A listing and a product page, side by side.
  lab.db.queries.reset();
  const store = holdPageStore(a!.redis, 2);
  const loaders = [shops[0]!.categoryPage('aisle-l'), shops[0]!.productPage('aisle-l', 124)];
  await store.reached;
  const waiters = [shops[1]!.categoryPage('aisle-l'), shops[1]!.productPage('aisle-l', 124)];
  const until = Date.now() + 300;
  while (selects() < 3 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  const rendersWhileStoring = selects();
  store.release();
  await Promise.all([...loaders, ...waiters]);
  expect(rendersWhileStoring, `While one process was storing the aisle-l listing and product 124's page it had rendered, misses of both in the other process rendered ${rendersWhileStoring - 2} more time(s); expected them to keep waiting: release each page's lock only after the page is stored, or the next loader finds the lock free and the page not yet there (${LESSON}; lab 04).`).toBe(2);
  await cluster.deleteAll();
  const stampedes = [
    { what: 'the aisle-n listing', read: (shop: ShopPages) => shop.categoryPage('aisle-n') },
    { what: "product 128's page", read: (shop: ShopPages) => shop.productPage('aisle-n', 128) },
    { what: 'the cups listing', read: (shop: ShopPages) => shop.categoryPage('cups') },
  ];
  for (const { what, read } of stampedes) {
    lab.db.queries.reset();
    const pages = await Promise.all(shops.flatMap((shop) => Array.from({ length: 10 }, () => read(shop))));
    expect(new Set(pages).size, `every request for ${what} got the same page`).toBe(1);
    expectQueries(
      lab.db,
      { kind: 'select' },
      1,
      `Twenty concurrent misses of ${what}, ten in each process. One loader per page across processes, product pages too: a miss takes the page's lock in Redis (one key, so any slot will do), reads again once it holds it, renders, stores, and releases; the others wait for the page (${LESSON}; lab 04).`,
    );
  }
});
