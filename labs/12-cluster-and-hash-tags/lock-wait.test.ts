// Lab 12: how long a miss waits behind another process's loader before it renders the
// page itself: lockWaitMs when given, LOCK_WAIT_MS when not. Its own file: it watches
// over a second of waiting, beside the other files rather than after them.
import { beforeAll, expect, it } from 'vitest';
import { timedWithLateness } from '../../harness/lab/loop-lateness.js';
import { expectSettlesWithin, LIVENESS_MS } from '../../harness/lab/teach.js';
import { useCluster } from '../../harness/lab/use-cluster.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { pollUntil } from '../../harness/services/poll.js';
import { LOCK_WAIT_MS, type ShopPages } from './src/contract.js';
import { LESSON, seedAisles, twoProcesses } from './shop.support.js';

const lab = useLab('12', { audit: false });
const cluster = useCluster('12');
beforeAll(() => seedAisles(lab));
const selects = () => lab.db.queries.count({ kind: 'select' });

it('12.17 a miss behind a loader that does not finish waits lockWaitMs (LOCK_WAIT_MS when not given), no less and no longer, then renders the page itself', { timeout: 10_000 }, async () => {
  const [a, b] = await twoProcesses(cluster);
  // Its lock outlives every wait below.
  const loaderShop = a!.module.createShopPages({ redis: a!.redis, db: lab.db.pool, keyPrefix: cluster.prefix, lockTtlMs: 7_000 });
  // Loaders that never finish, and behind each a miss that waits lockWaitMs and then
  // renders itself: a product page given 211 ms, a listing with the default (LOCK_WAIT_MS)
  // and one given 1289 ms, at once; waits that are not round numbers, and a lockTtlMs that
  // is not the default. A miss's page comes back as soon as it stops waiting, so when each
  // came back, and in which order, says which wait it used: a default of its own, a floor,
  // a cap or a margin shows.
  const idea = `A miss behind a loader that does not finish waits lockWaitMs (the option when given, LOCK_WAIT_MS, ${LOCK_WAIT_MS} ms, when not), then stops waiting and renders from Postgres, on product pages and listings alike (${LESSON}; lab 04).`;
  const plan = [
    { waitMs: 211, options: { lockWaitMs: 211 }, what: "product 121's page with lockWaitMs 211 ms, as given", read: (shop: ShopPages) => shop.productPage('aisle-k', 121) },
    { waitMs: LOCK_WAIT_MS, options: {}, what: `the aisle-m listing with no lockWaitMs, so LOCK_WAIT_MS (${LOCK_WAIT_MS} ms)`, read: (shop: ShopPages) => shop.categoryPage('aisle-m') },
    { waitMs: 1_289, options: { lockWaitMs: 1_289 }, what: 'the aisle-h listing with lockWaitMs 1289 ms, as given', read: (shop: ShopPages) => shop.categoryPage('aisle-h') },
  ];
  /** A miss may stop waiting this much after waitMs, plus however late the timers ran: about one of the lock's pauses. */
  const overrunMs = 200;
  const stuck = lab.db.holdQueries(/^SELECT/, { first: plan.length });
  const loaders = plan.map(({ read }) => read(loaderShop));
  let timed: { result: number[]; latenessMs: number };
  try {
    await pollUntil('the loaders to reach Postgres', async () => selects() >= plan.length || { not: `${selects()} SELECT(s)` }, { timeoutMs: LIVENESS_MS });
    const started = performance.now();
    const misses = plan.map(({ options, read }) =>
      read(b!.module.createShopPages({ redis: b!.redis, db: lab.db.pool, keyPrefix: cluster.prefix, lockTtlMs: 6_337, ...options })).then(() => Math.round(performance.now() - started)),
    );
    timed = await timedWithLateness(() => expectSettlesWithin(Promise.all(misses), 1_289 + LIVENESS_MS, 'three misses behind loaders that do not finish', idea));
  } finally {
    stuck.release();
  }
  await Promise.all(loaders);
  const gaveUpAfter = timed.result;
  const seen = plan.map(({ what }, i) => `${what}: ${gaveUpAfter[i]} ms`).join('; ');
  const latest = (waitMs: number) => Math.ceil(waitMs + overrunMs + timed.latenessMs);
  plan.forEach(({ waitMs, what }, i) => {
    expect(gaveUpAfter[i]! >= waitMs * 0.9, `A miss of ${what} stopped waiting after ${gaveUpAfter[i]} ms (${seen}); expected it to wait about that long for the loader's page.\n${idea}`).toBe(true);
    expect(gaveUpAfter[i]! <= latest(waitMs), `A miss of ${what} stopped waiting after ${gaveUpAfter[i]} ms (${seen}); expected it to stop by ${latest(waitMs)} ms (the wait, a pause of the lock, and ${Math.round(timed.latenessMs)} ms of late timers), not to wait longer than it was told.\n${idea}`).toBe(true);
    const before = plan[i - 1];
    if (before) {
      // Late timers can bring two endings closer by as much as they were late.
      expect(gaveUpAfter[i]! - gaveUpAfter[i - 1]! >= 200 - timed.latenessMs, `The misses stopped waiting after ${seen}; the miss of ${what} should stop about ${waitMs - before.waitMs} ms after that of ${before.what}, not ${gaveUpAfter[i]! - gaveUpAfter[i - 1]!} ms.\n${idea}`).toBe(true);
    }
  });
});
