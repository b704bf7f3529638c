// Lab 12: pages cached on a Redis Cluster: rendered once and then served, every multi-key
// step in one slot, no keyspace scan, and a Redis that fails costing renders, never pages.
// (Price changes and tag invalidations: invalidation.test.ts.)
import { beforeAll, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { expectQueries } from '../../harness/lab/teach.js';
import { useCluster } from '../../harness/lab/use-cluster.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { categoryTag, LOCK_TTL_MS, productTag, renderListing, renderProductPage, type Product } from './src/contract.js';
import { createShopPages } from './src/shop-pages.js';
import {
  LESSON,
  cachedPages,
  carriesPage,
  commandsOnEveryNode,
  expectNoStepRefused,
  idsIn,
  interceptSteps,
  openShop,
  readAll,
  recordSteps,
  seedAisles,
  stepText,
} from './shop.support.js';

const lab = useLab('12', { audit: false });
const cluster = useCluster('12');
beforeAll(() => seedAisles(lab));

const rowsOf = (category: string) =>
  lab.db.sql<Product>('SELECT id, sku, name, category, price_cents AS "priceCents" FROM products WHERE category = $1 ORDER BY id', [category]);

it('12.1 a page is rendered from Postgres once, then served from the cluster; an unknown product is null and not cached', { timeout: 15_000 }, async () => {
  const logs = captureConsole('12');
  const { redis, shop } = openShop(lab, cluster);
  const categories = ['kettles', 'aisle-a', 'aisle-f'];
  let pageCount = categories.length;
  const idea = `Cache-aside works on a cluster as on one Redis, as long as the cluster accepts every step: a write it refuses is a page rendered on every read (${LESSON}, "Multi-key commands need one slot").`;
  for (const category of categories) {
    const rows = await rowsOf(category);
    pageCount += rows.length;
    expect(await shop.categoryPage(category), `the listing of ${category}`).toBe(renderListing(category, rows));
    for (const row of rows) expect(await shop.productPage(category, row.id), `the page of product ${row.id}`).toBe(renderProductPage(row));
  }
  lab.db.queries.reset();
  const steps = recordSteps(redis);
  await readAll(lab, shop, categories);
  expectQueries(lab.db, { kind: 'select' }, 0, `Read a second time, every page should come from Redis.\nLogged meanwhile: ${logs.lines().slice(0, 3).join(' | ') || '(nothing)'}\n${idea}`);
  expect(
    steps.map((step) => step.commands.map((c) => c.name).join(' ')),
    `Reading ${pageCount} cached pages sent ${steps.length} steps (${steps.slice(0, 6).map(stepText).join(', ')}...); expected one GET each: a hit needs no lock and no second read (lab 04).`,
  ).toEqual(Array(pageCount).fill('GET'));
  const keysBefore = (await cluster.keys()).map((state) => state.key);
  expect(await shop.productPage('kettles', 9_999), 'an unknown id').toBeNull();
  const cup = (await idsIn(lab, 'cups'))[0]!;
  expect(await shop.productPage('kettles', cup), `product ${cup} is a cup, so /kettles/${cup} is no page`).toBeNull();
  const added = (await cluster.keys()).map((state) => state.key).filter((key) => !keysBefore.includes(key));
  expect(added, `Two reads of pages that do not exist (product 9999, and a cup under kettles) left keys behind; expected none: no page, and the lock of each miss released however the render ended, a render that found nothing included (lab 04).`).toEqual([]);
  const pages = await cachedPages(cluster);
  expect(pages.size, `pages cached: ${categories.length} listings and their products, and no page for an unknown product`).toBe(pageCount);
  expect(logs.lines(), 'nothing is logged while Redis and Postgres are healthy').toEqual([]);
});

it('12.2 every step the code sends touches one slot: the cluster refuses none of them', { timeout: 15_000 }, async () => {
  captureConsole('12');
  const { redis, shop } = openShop(lab, cluster);
  const steps = recordSteps(redis);
  await readAll(lab, shop, ['cups', 'kettles', 'aisle-b', 'aisle-k']);
  const kettle = (await idsIn(lab, 'kettles'))[0]!;
  await shop.updatePrice(kettle, 4_321);
  await shop.invalidateTag('cups', categoryTag('cups'));
  await shop.invalidateTag('aisle-b', productTag(103));
  await readAll(lab, shop, ['kettles']);
  await expectNoStepRefused(
    cluster,
    steps,
    `A cluster runs a MULTI, a script or a multi-key command only when all its keys hash to one slot (CROSSSLOT otherwise), and a script only reaches keys it declared in KEYS or that share their slot. Give the keys that change together one hash tag, e.g. {shop:<category>}, and declare a script's keys (${LESSON}, "Hash tags: keeping keys together on purpose").`,
  );
  expect(steps.some((step) => step.kind === 'MULTI' || step.commands.some((c) => c.name.startsWith('EVAL'))), 'pages and their tags are written in one MULTI or script').toBe(true);
});

it('12.5 no request scans the keyspace on any node: no KEYS, no SCAN, not even for a tag with no set', { timeout: 15_000 }, async () => {
  captureConsole('12');
  const { shop } = openShop(lab, cluster);
  const commands = await commandsOnEveryNode(cluster, async () => {
    await readAll(lab, shop, ['tools', 'aisle-g']);
    await shop.updatePrice((await idsIn(lab, 'tools'))[0]!, 2_500);
    await shop.invalidateTag('aisle-g', categoryTag('aisle-g'));
    await shop.invalidateTag('aisle-g', productTag(9_999));
    await shop.invalidateTag('aisle-h', categoryTag('aisle-h'));
  });
  // Other files of the run scan for their own keys under their own prefixes, on the same nodes.
  const patternOf = (c: (typeof commands)[number]) => (c.name === 'KEYS' ? c.args[0] : c.args[c.args.findIndex((a) => a.toUpperCase() === 'MATCH') + 1]) ?? '*';
  const ofAnotherFile = (pattern: string) => pattern.startsWith('course:') && !pattern.startsWith(cluster.prefix);
  const scans = commands.filter((c) => /^(KEYS|SCAN)$/.test(c.name) && !ofAnotherFile(patternOf(c)));
  expect(
    scans.map((c) => `${c.name} ${c.args.join(' ')} on ${c.role} ${c.node}`),
    `A request walked the keyspace. KEYS and SCAN visit every key of one node (a cluster client sends them to one node of several, so they also miss most keys), and block or slow it. A tag set already names the pages to remove (${LESSON}, "What this means for the patterns in the labs").`,
  ).toEqual([]);
});

it('12.15 a Redis that fails costs renders, never a page or a price change, and each failure is logged', { timeout: 15_000 }, async () => {
  const logs = captureConsole('12');
  const redis = cluster.client();
  await redis.ping();
  redis.options.enableOfflineQueue = false; // so commands fail rather than wait for a reconnection
  const ended = new Promise((resolve) => redis.once('end', resolve));
  redis.disconnect();
  await ended;
  // Every command now fails at once: "Connection is closed.", then "Cluster isn't ready ...".
  const failure = /closed|isn't ready/;
  const shop = createShopPages({ redis, db: lab.db.pool, keyPrefix: cluster.prefix, lockWaitMs: 100 });
  const [row] = await rowsOf('cups');
  const idea = `Redis is a copy; Postgres is the truth. When Redis fails, render from Postgres, skip the cache, and log the failure (console.warn or console.error) with the error it gave, or a cache that stopped working looks like a slow database. After a committed UPDATE, a failed invalidation is logged and the row returned (${LESSON}; lab 05).`;
  const loggedBy = async (what: string, work: () => Promise<unknown>) => {
    const before = logs.lines().length;
    // A read that fails is a failure of its own, logged before the page is rendered instead.
    const render = lab.db.holdQueries(/^(SELECT|UPDATE)/);
    const result = work();
    await render.reached;
    const beforeRender = logs.lines().length - before;
    render.release();
    await result;
    if (what !== 'updatePrice') {
      expect(beforeRender, `${what} with Redis down logged nothing before it went to Postgres; expected the failed read logged.\n${idea}`).toBeGreaterThan(0);
    }
    const lines = logs.lines().slice(before);
    expect(lines.length > 0 && lines.every((line) => failure.test(line)), `${what} with Redis down logged ${JSON.stringify(lines)}; expected the failure, with the error the client gave.\n${idea}`).toBe(true);
    return await result;
  };
  expect(await loggedBy('productPage', () => shop.productPage('cups', row!.id)), 'the product page, from Postgres').toBe(renderProductPage(row!));
  expect(await loggedBy('categoryPage', () => shop.categoryPage('cups')), 'the listing, from Postgres').toBe(renderListing('cups', await rowsOf('cups')));
  expect(await loggedBy('updatePrice', () => shop.updatePrice(row!.id, 4_444)), 'updatePrice resolves with the row').toMatchObject({ id: row!.id, priceCents: 4_444 });
  const [stored] = await lab.db.sql<{ price_cents: number }>('SELECT price_cents FROM products WHERE id = $1', [row!.id]);
  expect(stored!.price_cents, 'the new price is committed').toBe(4_444);
  // Then a healthy Redis that fails one step of a miss only, each step in turn: read, lock, store, release.
  const [kettle] = await rowsOf('kettles');
  const shopOn = (client: typeof redis) => createShopPages({ redis: client, db: lab.db.pool, keyPrefix: cluster.prefix, lockWaitMs: 100 });
  // One client counts the steps of a miss, then fails step k of each miss after: a fault is
  // injected in place of the step, which never reaches the connection.
  const client = cluster.client();
  let step = 0;
  let failAt = 0;
  let failed: string | undefined;
  let storeFailed = false;
  await client.ping();
  interceptSteps(client, (args, send) => {
    step += 1;
    if (step !== failAt) return send();
    storeFailed = carriesPage(args);
    failed = args.slice(0, 2).map((arg) => (arg.length > 40 ? `${arg.slice(0, 37)}...` : arg)).join(' ');
    return Promise.reject(new Error(`injected fault at step ${failAt}`));
  });
  await shopOn(client).productPage('kettles', kettle!.id);
  const stepsOfMiss = step;
  for (let k = 1; k <= stepsOfMiss; k += 1) {
    await cluster.deleteAll();
    [step, failAt, failed, storeFailed] = [0, k, undefined, false];
    const before = logs.lines().length;
    expect(await shopOn(client).productPage('kettles', kettle!.id), `product ${kettle!.id}'s page, step ${k} of the miss failing`).toBe(renderProductPage(kettle!));
    const lines = logs.lines().slice(before);
    // A failed store still ends with the lock released (only a failed release may leave it).
    if (storeFailed) {
      const locksLeft = (await cluster.keys()).filter((state) => state.pttlMs > 0 && state.pttlMs <= LOCK_TTL_MS);
      expect(
        locksLeft.map((state) => state.key),
        `Step ${k} of a miss, the store of the page ([${failed} ...]), failed, and afterwards a lock was still in Redis; expected it released anyway, in a finally: a lock left behind holds every other process's miss of that page for lockTtlMs.\n${idea}`,
      ).toEqual([]);
    }
    if (failed !== undefined) {
      expect(
        lines.some((line) => line.includes(`injected fault at step ${k}`)),
        `Step ${k} of a miss ([${failed} ...]) failed with "injected fault at step ${k}", and the code logged ${JSON.stringify(lines)}; expected that failure logged with its error, whichever step it was (a read, the lock, the store, the release).\n${idea}`,
      ).toBe(true);
    }
  }
});
