// Lab 12: the cluster changes under the code. The suite moves a slot while requests run,
// and kills a primary; reads keep answering and no price change is lost. This file has a
// cluster of its own, since it moves slots and kills nodes.
import { setTimeout as pause } from 'node:timers/promises';
import { beforeAll, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { expectQueries, LIVENESS_MS } from '../../harness/lab/teach.js';
import { useCluster, type ClusterNode } from '../../harness/lab/use-cluster.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { formatPrice } from './src/contract.js';
import { createShopPages } from './src/shop-pages.js';
import { LESSON, cachedKey, cachedPages, idsIn, listingIn, seedAisles } from './shop.support.js';

const lab = useLab('12', { audit: false });
const cluster = useCluster('12', { exclusive: true });
beforeAll(() => seedAisles(lab));

/** Moving slots and killing nodes is for a cluster the course started; it puts it back afterwards. */
function expectOwnCluster(): void {
  expect(
    cluster.owned,
    `This check moves slots and kills a primary, which the course does only to a cluster it started itself, not to ${cluster.topology.source}. Unset REDIS_CLUSTER_URL (or stop the docker compose service redis-cluster) and run it again.`,
  ).toBe(true);
}

async function openShop() {
  const redis = cluster.client();
  await redis.ping(); // connected, with the slot map, before the cluster changes
  return createShopPages({ redis, db: lab.db.pool, keyPrefix: cluster.prefix });
}

type Shop = Awaited<ReturnType<typeof openShop>>;

/** Reads every page of `category` and fails unless each shows `cents` for product `id`. */
async function expectPrice(shop: Shop, category: string, id: number, cents: number, when: string): Promise<void> {
  const idea = `A price change must reach every page that shows the product even while the cluster moves the slot or replaces a primary: the client follows MOVED and ASK, and a script that declares all its keys lets the cluster answer TRYAGAIN instead of running on half of them (${LESSON}, "Where a key lives: 16384 hash slots").`;
  expect(await shop.productPage(category, id), `product ${id}'s page ${when}.\n${idea}`).toContain(formatPrice(cents));
  expect(await shop.categoryPage(category), `the ${category} listing ${when}.\n${idea}`).toContain(`#${id}: ${formatPrice(cents)}`);
}

/** How many commands `nodes` have refused with TRYAGAIN (keys of one step split between two nodes while a slot moves). */
async function tryAgainCount(...nodes: ClusterNode[]): Promise<number> {
  const counts = await Promise.all(nodes.map(async (node) => /^errorstat_TRYAGAIN:count=(\d+)/m.exec(await cluster.node(node).info('errorstats'))?.[1]));
  return counts.reduce((sum, count) => sum + Number(count ?? 0), 0);
}

/** Moves the keys of `slot` from `source` to `target`: the first `sets` keys that are sets, then the rest once `between` resolves. */
async function moveSlot(slot: number, source: ClusterNode, target: ClusterNode, between: () => Promise<void>): Promise<void> {
  const from = cluster.node(source);
  const to = cluster.node(target);
  await to.cluster('SETSLOT', slot, 'IMPORTING', source.id);
  await from.cluster('SETSLOT', slot, 'MIGRATING', target.id);
  const keys = (await from.cluster('GETKEYSINSLOT', slot, 10_000)) as string[];
  const types = await Promise.all(keys.map((key) => from.type(key)));
  const migrate = (key: string) => from.migrate(target.host, target.port, key, 0, 5_000);
  // Tag sets first: a script that reads a set and reaches pages it never declared now
  // runs where the set is, while the pages are still on the node the slot leaves.
  for (const key of keys.filter((_, i) => types[i] === 'set')) await migrate(key);
  await between();
  for (const key of keys.filter((_, i) => types[i] !== 'set')) await migrate(key);
  const primaries = (await cluster.nodes()).filter((node) => node.role === 'primary');
  for (const node of [target, source, ...primaries]) await cluster.node(node).cluster('SETSLOT', slot, 'NODE', target.id);
}

it('12.11 a slot moved during a burst of reads and a price change: every read answers, the new price reaches every page, and the pages keep being served from the slot\'s new primary', { timeout: 30_000 }, async () => {
  expectOwnCluster();
  captureConsole('12');
  const shop = await openShop();
  const [id, other] = await idsIn(lab, 'kettles');
  await shop.categoryPage('kettles');
  for (const product of await idsIn(lab, 'kettles')) await shop.productPage('kettles', product);
  const listing = cachedKey(listingIn(await cachedPages(cluster), 'kettles'), 'the kettles listing');
  const slot = await cluster.slotOf(listing);
  const source = await cluster.primaryOf(slot);
  const target = (await cluster.nodes()).find((node) => node.role === 'primary' && node.id !== source.id)!;

  const moved: Promise<unknown>[] = [];
  await moveSlot(slot, source, target, async () => {
    const reads = Array.from({ length: 4 }, () => [shop.productPage('kettles', other!), shop.categoryPage('kettles')]).flat();
    const update = lab.db.holdQueries(/^UPDATE/);
    const refusedBefore = await tryAgainCount(source, target);
    const changed = shop.updatePrice(id!, 9_191);
    await update.reached;
    update.release();
    // The pages stay behind until the invalidation that follows the commit has reached the
    // cluster: it has finished (a script that ran where only the set was), or a node has
    // refused it with TRYAGAIN (declared keys split between the two nodes) and the client
    // is about to try again. Bounded, so a write that never comes cannot stall the move.
    const deadline = Date.now() + LIVENESS_MS;
    let settled = false;
    void changed.finally(() => (settled = true)).catch(() => {}); // awaited below
    while (!settled && Date.now() < deadline && (await tryAgainCount(source, target)) === refusedBefore) await pause(10);
    moved.push(changed, ...reads);
  });
  const answers = await Promise.all(moved);
  expect(answers.slice(1).every((html) => typeof html === 'string' && html.length > 0), 'every read during the move answered a page').toBe(true);
  expect(answers[0], 'updatePrice resolved with the row').toMatchObject({ id, priceCents: 9_191 });
  await cluster.waitForOk();
  await expectPrice(shop, 'kettles', id!, 9_191, 'after the slot moved');
  lab.db.queries.reset();
  await expectPrice(shop, 'kettles', id!, 9_191, 'read again');
  expectQueries(lab.db, { kind: 'select' }, 0, `Once the slot has moved, its pages are cached on its new primary, ${target.port}, and served from there (${LESSON}).`);
  expect((await cluster.primaryOf(listing)).id, 'the kettles listing lives on the slot\'s new primary').toBe(target.id);
});

it('12.12 a killed primary: its replica takes over, cached pages are still served, and a price change afterwards reaches every page', { timeout: 40_000 }, async () => {
  expectOwnCluster();
  captureConsole('12');
  const shop = await openShop();
  const [id] = await idsIn(lab, 'grinders');
  // Every script of the code runs once before the failover, so the client knows their
  // digests: the promoted replica knows none of them (scripts reach a replica as their
  // effects), and a script sent by digest alone meets NOSCRIPT there.
  await shop.categoryPage('grinders');
  await shop.updatePrice(id!, 2_202);
  await shop.categoryPage('grinders');
  for (const product of await idsIn(lab, 'grinders')) await shop.productPage('grinders', product);
  const listing = cachedKey(listingIn(await cachedPages(cluster), 'grinders'), 'the grinders listing');
  const former = await cluster.primaryOf(listing);
  // The replica has every write before its primary dies: a failover may lose writes the
  // replica never received, which is a different lesson.
  const direct = cluster.node(former);
  let mark = 0;
  while ((await cluster.primaryOf(cluster.key(`sync-${mark}`))).id !== former.id) mark += 1;
  await direct.set(cluster.key(`sync-${mark}`), '1', 'PX', 60_000);
  expect(await direct.wait(1, 2_000), 'the replica acknowledged the writes').toBe(1);

  await cluster.kill(former);
  const during = shop.categoryPage('grinders');
  const promoted = await cluster.takeOver(former);
  expect(await during, 'a read made while the primary was down answers the listing').toContain('data-category="grinders"');
  lab.db.queries.reset();
  await shop.categoryPage('grinders');
  expectQueries(lab.db, { kind: 'select' }, 0, `After the failover the listing is read from ${promoted.port}, the promoted replica, which holds a copy of it (${LESSON}).`);
  await shop.updatePrice(id!, 3_303);
  await expectPrice(shop, 'grinders', id!, 3_303, 'after a price change on the promoted replica');
});
