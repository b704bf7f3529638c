// Lab 12: how long a miss waits behind another process's loader before it renders the
// page itself: lockWaitMs when given, LOCK_WAIT_MS when not. Its own file: it watches a
// second and a half of waiting, beside the other files rather than after them.
import { beforeAll, expect, it } from 'vitest';
import { expectSettlesWithin, LIVENESS_MS } from '../../harness/lab/teach.js';
import { useCluster } from '../../harness/lab/use-cluster.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { pollUntil } from '../../harness/services/poll.js';
import { LOCK_WAIT_MS } from './src/contract.js';
import { LESSON, seedAisles, twoProcesses } from './shop.support.js';

const lab = useLab('12');
const cluster = useCluster('12');
beforeAll(() => seedAisles(lab));
const selects = () => lab.db.queries.count({ kind: 'select' });

it('12.17 a miss behind a loader that does not finish waits lockWaitMs (LOCK_WAIT_MS when not given), then renders the page itself', { timeout: 10_000 }, async () => {
  const [a, b] = await twoProcesses(cluster);
  // Its lock outlives every wait below.
  const loaderShop = a!.module.createShopPages({ redis: a!.redis, db: lab.db.pool, keyPrefix: cluster.prefix, lockTtlMs: 7_000 });
  // Loaders that never finish, and behind each a miss that waits lockWaitMs and then
  // renders itself: given 500 ms, the default (LOCK_WAIT_MS) and given 1500 ms, at once.
  // A miss's page comes back as soon as it stops waiting, so when each came back, and in
  // which order, says which wait it used: a default of its own, or a floor, shows.
  const idea = `A miss behind a loader that does not finish waits lockWaitMs (the option when given, LOCK_WAIT_MS, ${LOCK_WAIT_MS} ms, when not), then stops waiting and renders from Postgres (${LESSON}; lab 04).`;
  const plan = [
    { category: 'aisle-k', waitMs: 500, options: { lockWaitMs: 500 }, what: 'lockWaitMs 500 ms, as given' },
    { category: 'aisle-m', waitMs: LOCK_WAIT_MS, options: {}, what: `no lockWaitMs, so LOCK_WAIT_MS (${LOCK_WAIT_MS} ms)` },
    { category: 'aisle-h', waitMs: 1_500, options: { lockWaitMs: 1_500 }, what: 'lockWaitMs 1500 ms, as given' },
  ];
  const stuck = lab.db.holdQueries(/^SELECT/, { first: plan.length });
  const loaders = plan.map(({ category }) => loaderShop.categoryPage(category));
  let gaveUpAfter: number[];
  try {
    await pollUntil('the loaders to reach Postgres', async () => selects() >= plan.length || { not: `${selects()} SELECT(s)` }, { timeoutMs: LIVENESS_MS });
    const started = performance.now();
    const misses = plan.map(({ category, options }) =>
      b!.module.createShopPages({ redis: b!.redis, db: lab.db.pool, keyPrefix: cluster.prefix, ...options }).categoryPage(category).then(() => Math.round(performance.now() - started)),
    );
    gaveUpAfter = await expectSettlesWithin(Promise.all(misses), 1_500 + LIVENESS_MS, 'three misses behind loaders that do not finish', idea);
  } finally {
    stuck.release();
  }
  await Promise.all(loaders);
  const seen = plan.map(({ what }, i) => `${what}: ${gaveUpAfter[i]} ms`).join('; ');
  plan.forEach(({ waitMs, what }, i) => {
    expect(gaveUpAfter[i]! >= waitMs * 0.9, `A miss with ${what} stopped waiting after ${gaveUpAfter[i]} ms (${seen}); expected it to wait about that long for the loader's page.\n${idea}`).toBe(true);
    const before = plan[i - 1];
    if (before) {
      expect(gaveUpAfter[i]! - gaveUpAfter[i - 1]! >= 250, `The misses stopped waiting after ${seen}; a miss with ${what} should stop about ${waitMs - before.waitMs} ms after the one with ${before.what}, not ${gaveUpAfter[i]! - gaveUpAfter[i - 1]!} ms.\n${idea}`).toBe(true);
    }
  });
});
