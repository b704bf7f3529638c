// Lab 12: the loader lock of lab 04 on a cluster, for keys on every primary, and one
// render per page across processes.
import { beforeAll, expect, it } from 'vitest';
import { separateProcesses } from '../../harness/lab/processes.js';
import { expectQueries, expectSettlesWithin, LIVENESS_MS } from '../../harness/lab/teach.js';
import { useCluster } from '../../harness/lab/use-cluster.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LOCK_TTL_MS, LOCK_WAIT_MS } from './src/contract.js';
import { acquireLock, extendLock, releaseLock } from './src/lock.js';
import { LESSON, captureLogs, expectNoStepRefused, holdPageStore, interceptSteps, recordSteps, seedAisles, watchKeysWithoutTtl } from './shop.support.js';

const lab = useLab('12');
const cluster = useCluster('12');
beforeAll(() => seedAisles(lab));

it('12.9 the lock takes, refuses, extends and releases for keys on every primary, and only for its holder', { timeout: 15_000 }, async () => {
  const redis = cluster.client();
  const steps = recordSteps(redis);
  const withoutTtl = watchKeysWithoutTtl(cluster, redis);
  const keys = Array.from({ length: 9 }, (_, i) => cluster.key(`lock-${i}`));
  const owners = new Set(await Promise.all(keys.map(async (key) => (await cluster.primaryOf(key)).port)));
  expect(owners.size, 'the suite\'s lock keys cover all three primaries').toBe(3);
  const idea = `A lock is one key, so its SET NX PX goes where the key lives. Its compare-and-delete and compare-and-extend scripts must declare that key in KEYS: a script with no declared key goes to any node, which refuses a key it does not serve (${LESSON}, "What this means for the patterns in the labs"; lab 04).`;
  const tokens = new Set<string>();
  for (const key of keys) {
    // TTLs that are not whole seconds: a lock's TTL is in milliseconds (PX), not rounded to EX.
    const lock = await acquireLock(redis, key, { ttlMs: 2_500, waitMs: 0 });
    expect(lock, `acquireLock(${key}) on a free key`).toMatchObject({ key });
    tokens.add(lock!.token);
    expect(await redis.get(key), `the value of ${key} is the holder's token`).toBe(lock!.token);
    const held = await redis.pttl(key);
    expect(held > 1_500 && held <= 2_500, `${key} has ${held} ms left after acquireLock with ttlMs 2500; expected that TTL, in milliseconds (PX), set in the same SET`).toBe(true);
    const other = await expectSettlesWithin(acquireLock(redis, key, { ttlMs: 2_000, waitMs: 100 }), LIVENESS_MS, 'acquireLock on a held key', idea);
    expect(other, 'a second acquire while the lock is held, after waitMs').toBeNull();
    const stranger = { key, token: `${lock!.token}-not` };
    expect(await releaseLock(redis, stranger).catch(String), `releaseLock with another token, on ${key}`).toBe(false);
    expect(await extendLock(redis, stranger, 9_000).catch(String), `extendLock with another token, on ${key}`).toBe(false);
    expect(await extendLock(redis, lock!, 8_750).catch(String), `extendLock by its holder, on ${key}`).toBe(true);
    const pttl = await redis.pttl(key);
    expect(pttl > 7_750 && pttl <= 8_750, `${key} has ${pttl} ms left after extendLock(8750); expected 8750 ms, in milliseconds (PEXPIRE)`).toBe(true);
    expect(await releaseLock(redis, lock!).catch(String), `releaseLock by its holder, on ${key}`).toBe(true);
    expect(await redis.exists(key), `${key} after its release`).toBe(0);
  }
  const again = await acquireLock(redis, keys[0]!, { ttlMs: 2_000, waitMs: 0 });
  tokens.add(again!.token);
  await releaseLock(redis, again!);
  expect(tokens.size, `tokens of ${keys.length + 1} acquisitions; expected a new random token each time, so that no holder can pass for another`).toBe(keys.length + 1);
  // Right after the first step of a release or an extend, the lock expires and another holder takes it:
  // a compare and an act sent as two steps then act on the new holder's lock.
  const suite = cluster.client();
  for (const act of ['releaseLock', 'extendLock'] as const) {
    const client = cluster.client();
    await client.ping();
    const lock = (await acquireLock(client, keys[0]!, { ttlMs: 2_000, waitMs: 0 }))!;
    const successor = `${lock.token}-next-holder`;
    let first = true;
    interceptSteps(client, async (_args, send) => {
      const reply = await send();
      if (first) {
        first = false;
        await suite.set(keys[0]!, successor, 'PX', 2_000);
      }
      return reply;
    });
    await (act === 'releaseLock' ? releaseLock(client, lock) : extendLock(client, lock, 9_000)).catch(String);
    const [value, pttl] = [await suite.get(keys[0]!), await suite.pttl(keys[0]!)];
    expect(
      { value, extended: pttl > 2_000 },
      `The lock expired and passed to another holder right after the first step of ${act}; afterwards the key holds ${value ?? 'nothing'} with ${pttl} ms left. Expected the new holder's lock untouched: compare the token and act in one script, so no other holder can come in between.\n${idea}`,
    ).toEqual({ value: successor, extended: false });
    await suite.del(keys[0]!);
  }
  // Two processes (here with one pid, as every container's first process has) must never draw the same token.
  const modules = await separateProcesses(2, () => import('./src/lock.js'));
  const drawn = await Promise.all(modules.map((module, i) => module.acquireLock(redis, keys[i]!, { ttlMs: 2_000, waitMs: 0 })));
  expect(
    drawn[0]!.token === drawn[1]!.token,
    `Two processes' first acquisitions drew the same token, ${drawn[0]!.token}; expected tokens no other process can draw (randomUUID()): a pid or a counter repeats across hosts and restarts, and a holder whose token another has can release that one's lock.\n${idea}`,
  ).toBe(false);
  await Promise.all(drawn.map((lock) => releaseLock(redis, lock!)));
  expect(withoutTtl.slice(0, 4), `Lock keys without a TTL at the end of a step; expected the TTL in the same SET (NX PX), so a holder that dies right after taking the lock cannot leave it forever.\n${idea}`).toEqual([]);
  await expectNoStepRefused(cluster, steps, idea);
});

it('12.10 twenty concurrent misses of one page, in two processes, render it once, under a lock that expires after lockTtlMs, held until the page is stored', { timeout: 20_000 }, async () => {
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
  // A loader that never finishes: the next miss waits lockWaitMs (given, then the default), then renders itself.
  for (const [waitMs, options] of [[1_500, { lockWaitMs: 1_500 }], [LOCK_WAIT_MS, {}]] as const) {
    lab.db.queries.reset();
    const stuck = lab.db.holdQueries(/^SELECT/);
    const first = shops[0]!.categoryPage('aisle-k');
    await stuck.reached;
    const started = Date.now();
    const second = b!.createShopPages({ redis: clients[1]!, db: lab.db.pool, keyPrefix: cluster.prefix, ...options }).categoryPage('aisle-k');
    const deadline = started + waitMs + LIVENESS_MS;
    while (lab.db.queries.count({ kind: 'select' }) < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const waited = Date.now() - started;
    const rendered = lab.db.queries.count({ kind: 'select' });
    stuck.release();
    await Promise.all([first, second]);
    const given = 'lockWaitMs' in options ? `lockWaitMs ${waitMs} ms, as given` : `LOCK_WAIT_MS, ${waitMs} ms, the default of lockWaitMs`;
    expect(rendered, `A miss behind a loader that does not finish rendered ${rendered === 2 ? 'itself' : 'nothing'} within ${given}, plus ${LIVENESS_MS} ms; expected it to stop waiting and render from Postgres (${LESSON}; lab 04).`).toBe(2);
    expect(waited >= waitMs * 0.9, `A miss behind a loader that does not finish went to Postgres after ${waited} ms; expected it to wait for the loader's page for ${given}.\n(${LESSON}; lab 04)`).toBe(true);
    await cluster.deleteAll();
  }
  // One lock per page: a listing's miss does not wait for a product page of its category being rendered.
  lab.db.queries.reset();
  const renders = lab.db.holdQueries(/^SELECT/);
  const productLoad = shops[0]!.productPage('aisle-j', 119);
  await renders.reached;
  const listingLoad = b!.createShopPages({ redis: clients[1]!, db: lab.db.pool, keyPrefix: cluster.prefix, lockWaitMs: 10_000 }).categoryPage('aisle-j');
  const listingDeadline = Date.now() + LIVENESS_MS;
  while (lab.db.queries.count({ kind: 'select' }) < 2 && Date.now() < listingDeadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const bothRendering = lab.db.queries.count({ kind: 'select' });
  renders.release();
  await Promise.all([productLoad, listingLoad]);
  expect(bothRendering, `While product 119's page was rendering, a miss of the aisle-j listing (lockWaitMs 10 000) did not reach Postgres within ${LIVENESS_MS} ms; expected it to render at once: each page has a lock of its own, so only misses of the same page wait (${LESSON}; lab 04).`).toBe(2);
  await cluster.deleteAll();
  // A loader holds its lock until its page is stored: held at that step, it keeps the other process waiting.
  lab.db.queries.reset();
  const store = holdPageStore(clients[0]!);
  const loader = shops[0]!.categoryPage('aisle-l');
  await store.reached;
  const waiter = shops[1]!.categoryPage('aisle-l');
  const until = Date.now() + 300;
  while (lab.db.queries.count({ kind: 'select' }) < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  const rendersWhileStoring = lab.db.queries.count({ kind: 'select' });
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
