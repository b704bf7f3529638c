// Lab 12: the loader lock of lab 04 on a cluster, for keys on every primary, and one
// render per page across processes.
import { beforeAll, expect, it } from 'vitest';
import { separateProcesses } from '../../harness/lab/processes.js';
import { expectQueries, expectSettlesWithin, LIVENESS_MS } from '../../harness/lab/teach.js';
import { useCluster } from '../../harness/lab/use-cluster.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LOCK_TTL_MS, LOCK_WAIT_MS } from './src/contract.js';
import { acquireLock, extendLock, releaseLock } from './src/lock.js';
import { LESSON, captureLogs, recordSteps, expectNoStepRefused, seedAisles } from './shop.support.js';

const lab = useLab('12');
const cluster = useCluster('12');
beforeAll(() => seedAisles(lab));

it('12.9 the lock takes, refuses, extends and releases for keys on every primary, and only for its holder', async () => {
  const redis = cluster.client();
  const steps = recordSteps(redis);
  const keys = Array.from({ length: 9 }, (_, i) => cluster.key(`lock-${i}`));
  const owners = new Set(await Promise.all(keys.map(async (key) => (await cluster.primaryOf(key)).port)));
  expect(owners.size, 'the suite\'s lock keys cover all three primaries').toBe(3);
  const idea = `A lock is one key, so its SET NX PX goes where the key lives. Its compare-and-delete and compare-and-extend scripts must declare that key in KEYS: a script with no declared key goes to any node, which refuses a key it does not serve (${LESSON}, "What this means for the patterns in the labs"; lab 04).`;
  const tokens = new Set<string>();
  for (const key of keys) {
    const lock = await acquireLock(redis, key, { ttlMs: 2_000, waitMs: 0 });
    expect(lock, `acquireLock(${key}) on a free key`).toMatchObject({ key });
    tokens.add(lock!.token);
    expect(await redis.get(key), `the value of ${key} is the holder's token`).toBe(lock!.token);
    const held = await redis.pttl(key);
    expect(held > 1_000 && held <= 2_000, `${key} has ${held} ms left after acquireLock with ttlMs 2000; expected its TTL set in the same SET`).toBe(true);
    const other = await expectSettlesWithin(acquireLock(redis, key, { ttlMs: 2_000, waitMs: 100 }), LIVENESS_MS, 'acquireLock on a held key', idea);
    expect(other, 'a second acquire while the lock is held, after waitMs').toBeNull();
    const stranger = { key, token: `${lock!.token}-not` };
    expect(await releaseLock(redis, stranger).catch(String), `releaseLock with another token, on ${key}`).toBe(false);
    expect(await extendLock(redis, stranger, 9_000).catch(String), `extendLock with another token, on ${key}`).toBe(false);
    expect(await extendLock(redis, lock!, 9_000).catch(String), `extendLock by its holder, on ${key}`).toBe(true);
    const pttl = await redis.pttl(key);
    expect(pttl > 8_000 && pttl <= 9_000, `${key} has ${pttl} ms left after extendLock(9000)`).toBe(true);
    expect(await releaseLock(redis, lock!).catch(String), `releaseLock by its holder, on ${key}`).toBe(true);
    expect(await redis.exists(key), `${key} after its release`).toBe(0);
  }
  const again = await acquireLock(redis, keys[0]!, { ttlMs: 2_000, waitMs: 0 });
  tokens.add(again!.token);
  await releaseLock(redis, again!);
  expect(tokens.size, `tokens of ${keys.length + 1} acquisitions; expected a new random token each time, so that no holder can pass for another`).toBe(keys.length + 1);
  await expectNoStepRefused(cluster, steps, idea);
});

it('12.10 twenty concurrent misses of one page, in two processes, render it once, under a lock that expires after lockTtlMs', async () => {
  captureLogs();
  const [a, b] = await separateProcesses(2, () => import('./src/shop-pages.js'));
  // Connected first: twenty commands on a client still discovering the cluster all wait for it.
  const clients = [cluster.client(), cluster.client()];
  await Promise.all(clients.map((client) => client.ping()));
  const shops = [a!, b!].map((module, i) => module.createShopPages({ redis: clients[i]!, db: lab.db.pool, keyPrefix: cluster.prefix, lockWaitMs: 2_000, lockTtlMs: 7_000 }));
  for (const [shop, ttlMs] of [[shops[0]!, 7_000], [b!.createShopPages({ redis: clients[1]!, db: lab.db.pool, keyPrefix: cluster.prefix }), LOCK_TTL_MS]] as const) {
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
  // A loader that never finishes: the next miss waits LOCK_WAIT_MS by default, then renders itself.
  lab.db.queries.reset();
  const stuck = lab.db.holdQueries(/^SELECT/);
  const first = shops[0]!.categoryPage('aisle-k');
  await stuck.reached;
  const second = b!.createShopPages({ redis: clients[1]!, db: lab.db.pool, keyPrefix: cluster.prefix }).categoryPage('aisle-k');
  const deadline = Date.now() + LOCK_WAIT_MS + LIVENESS_MS;
  while (lab.db.queries.count({ kind: 'select' }) < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const rendered = lab.db.queries.count({ kind: 'select' });
  stuck.release();
  await Promise.all([first, second]);
  expect(rendered, `A miss behind a loader that does not finish rendered ${rendered === 2 ? 'itself' : 'nothing'} within LOCK_WAIT_MS (${LOCK_WAIT_MS} ms, the default of lockWaitMs) plus ${LIVENESS_MS} ms; expected it to stop waiting and render from Postgres (${LESSON}; lab 04).`).toBe(2);
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
