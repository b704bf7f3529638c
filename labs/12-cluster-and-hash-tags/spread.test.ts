// Lab 12: where the shop's keys live. Spread over the slots of all three primaries, no slot
// hot, every key with a TTL, and each invalidation one step on one node.
import { beforeAll, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { expectQueries } from '../../harness/lab/teach.js';
import { useCluster } from '../../harness/lab/use-cluster.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { MAX_SLOT_SHARE, PAGE_TTL_SECONDS, TAG_TTL_MARGIN_SECONDS, categoryTag } from './src/contract.js';
import { createShopPages } from './src/shop-pages.js';
import {
  ALL_CATEGORIES,
  LESSON,
  cachedKey,
  cachedPages,
  commandsOnEveryNode,
  idsIn,
  listingIn,
  productPageIn,
  seedAisles,
  stepsOf,
  watchKeysWithoutTtl,
  type NodeCommand,
} from './shop.support.js';

const lab = useLab('12');
const cluster = useCluster('12');
beforeAll(() => seedAisles(lab));

function openShop() {
  return createShopPages({ redis: cluster.client(), db: lab.db.pool, keyPrefix: cluster.prefix, lockWaitMs: 100 });
}

async function readCategories(shop: ReturnType<typeof openShop>, categories: string[]): Promise<void> {
  for (const category of categories) {
    await shop.categoryPage(category);
    for (const id of await idsIn(lab, category)) await shop.productPage(category, id);
  }
}

it('12.6 with twenty categories cached, the pages sit on all three primaries and no slot holds more than MAX_SLOT_SHARE of the keys', { timeout: 30_000 }, async () => {
  captureConsole('12');
  const shop = openShop();
  await readCategories(shop, ALL_CATEGORIES);
  const cachedNow = (await cachedPages(cluster)).size;
  expect(cachedNow, `${cachedNow} pages are cached after every page of the twenty categories was read once; expected all ${ALL_CATEGORIES.length + 50} (see 12.1 and 12.2 first)`).toBe(ALL_CATEGORIES.length + 50);
  lab.db.queries.reset();
  await readCategories(shop, ALL_CATEGORIES);
  expectQueries(lab.db, { kind: 'select' }, 0, `Read a second time, every page of the twenty categories should come from Redis (${LESSON}, "Multi-key commands need one slot").`);

  const keys = (await cluster.keys()).map((k) => k.key);
  const pages = await cachedPages(cluster);
  const slotOf = new Map(await Promise.all(keys.map(async (key) => [key, await cluster.slotOf(key)] as const)));
  const primaries = await Promise.all([...new Set(slotOf.values())].map(async (slot) => [slot, await cluster.primaryOf(slot)] as const));
  const ownerOf = new Map(primaries.map(([slot, node]) => [slot, `${node.host}:${node.port}`]));
  const pagePrimaries = new Set([...pages.keys()].map((key) => ownerOf.get(slotOf.get(key)!)));
  expect(
    pagePrimaries.size,
    `The pages of twenty categories are all on ${[...pagePrimaries].join(', ')}; expected them on all three primaries. A hash tag shared by everything ({shop}, {tags}) puts the whole shop on one node: the others idle while it takes every request (${LESSON}, "Hot keys").`,
  ).toBe(3);

  const perSlot = new Map<number, number>();
  for (const slot of slotOf.values()) perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
  const [hottest, count] = [...perSlot].sort((a, b) => b[1] - a[1])[0]!;
  const inSlot = (await cluster.node(await cluster.primaryOf(hottest)).cluster('COUNTKEYSINSLOT', hottest)) as number;
  expect(
    count / keys.length,
    `Slot ${hottest} (primary ${ownerOf.get(hottest)}) holds ${count} of the file's ${keys.length} keys (COUNTKEYSINSLOT: ${inSlot}, every file of the run counted); expected at most ${MAX_SLOT_SHARE * 100}%. A hash tag groups what must change together, here one category, and no more: a tag every key shares makes one hot slot that no resharding can split (${LESSON}, "Hash tags: keeping keys together on purpose").`,
  ).toBeLessThanOrEqual(MAX_SLOT_SHARE);
});

it('12.7 every key has a TTL from the step that writes it: pages their class\'s, each tag set as long as its longest page plus at most the margin, and no lock is left behind', { timeout: 15_000 }, async () => {
  captureConsole('12');
  const idea = `On a cluster as on one Redis, every key expires: a page after its class's TTL, set in the same step, and a tag set no sooner than the pages it lists and at most TAG_TTL_MARGIN_SECONDS later (${LESSON}; lab 05).`;
  // A load whose render fails still ends: its lock must go with it.
  const failing = lab.db.failQueries(/^SELECT/);
  const shop = openShop();
  await shop.productPage('tools', (await idsIn(lab, 'tools'))[0]!).catch(() => undefined);
  await shop.categoryPage('tools').catch(() => undefined);
  failing();
  const leftAfterFailure = await cluster.keys();
  expect(
    leftAfterFailure.map((state) => state.key),
    `After two reads whose render failed (Postgres refused the SELECT), Redis still holds these keys; expected none: nothing was cached, and a lock is released however its load ends (in a finally), or every miss of that page waits for it until its TTL (${LESSON}; lab 04).`,
  ).toEqual([]);
  const client = cluster.client();
  const withoutTtl = watchKeysWithoutTtl(cluster, client);
  const watched = createShopPages({ redis: client, db: lab.db.pool, keyPrefix: cluster.prefix, lockWaitMs: 100 });
  await readCategories(watched, ['kettles', 'aisle-j']);
  // The other order too: product pages (600 s) first, then the listing (300 s) that lists them again.
  for (const id of await idsIn(lab, 'aisle-l')) await watched.productPage('aisle-l', id);
  await watched.categoryPage('aisle-l');
  expect(
    withoutTtl.slice(0, 4),
    `Keys that had no TTL at the end of the step that wrote them; expected every key to get its TTL in that same step (SET ... EX, or EXPIRE in the same MULTI or script). A process that dies between two steps leaves such a key forever.\n${idea}`,
  ).toEqual([]);
  const reader = cluster.client();
  const states = await cluster.keys();
  const pages = await cachedPages(cluster);
  const ttlOf = new Map(states.map((s) => [s.key, s.pttlMs]));
  for (const [key, html] of pages) {
    const seconds = html.startsWith('<article') ? PAGE_TTL_SECONDS.product : PAGE_TTL_SECONDS.category;
    const pttl = ttlOf.get(key)!;
    expect(pttl > (seconds - 10) * 1000 && pttl <= seconds * 1000, `${key} has ${pttl} ms left; expected its class's ${seconds} s.\n${idea}`).toBe(true);
  }
  let sets = 0;
  for (const { key, pttlMs } of states) {
    if (pages.has(key)) continue;
    const type = await reader.type(key);
    expect(type, `${key} is a ${type} that is neither a page nor a tag set; a lock is released when its load ends.\n${idea}`).toBe('set');
    sets += 1;
    const members = await reader.smembers(key);
    const longest = Math.max(...members.map((member) => ttlOf.get(member) ?? 0));
    expect(
      pttlMs >= longest - 1_000 && pttlMs <= longest + TAG_TTL_MARGIN_SECONDS * 1000 + 1_000,
      `tag set ${key} has ${pttlMs} ms left while the longest page it lists has ${longest} ms.\n${idea}`,
    ).toBe(true);
  }
  expect(sets, 'tag sets exist beside the pages').toBeGreaterThan(0);
});

/** Fails unless `keys` were all removed by one script or MULTI, naming the steps and nodes that did remove them. */
function expectRemovedInOneStep(commands: NodeCommand[], keys: string[], what: string): void {
  const removals = stepsOf(commands.filter((c) => c.role === 'primary')).filter(
    ({ command }) => /^(DEL|UNLINK|GETDEL)$/.test(command.name) && command.args.some((arg) => keys.includes(arg)),
  );
  const stepIds = new Set(removals.map((r) => r.step));
  const removed = new Set(removals.flatMap((r) => r.command.args));
  expect(
    { steps: stepIds.size, atomic: removals.every((r) => r.atomic), missed: keys.filter((key) => !removed.has(key)) },
    `${what} removed its ${keys.length} pages in ${stepIds.size} step(s) (${removals.every((r) => r.atomic) ? 'scripts or MULTI' : 'some as separate commands'}) on ${[...new Set(removals.map((r) => r.command.node))].join(', ') || 'no node'}; expected one script or MULTI that removes all of them, so no reader sees some pages of the tag gone and others still there. On a cluster that is possible only because the pages and their tag set share one slot (${LESSON}, "What this means for the patterns in the labs").`,
  ).toEqual({ steps: 1, atomic: true, missed: [] });
}

it('12.8 an invalidation is one atomic step on one node: every page of the tag goes in the same script or MULTI', { timeout: 15_000 }, async () => {
  captureConsole('12');
  const shop = openShop();
  for (const category of ['kettles', 'aisle-m']) {
    const ids = await idsIn(lab, category);
    await readCategories(shop, [category]);
    let pages = await cachedPages(cluster);
    const listing = cachedKey(listingIn(pages, category), `the ${category} listing`);
    const own = cachedKey(productPageIn(pages, ids[0]!), `product ${ids[0]}'s page`);
    expectRemovedInOneStep(await commandsOnEveryNode(cluster, () => shop.updatePrice(ids[0]!, 6_100)), [own, listing], `updatePrice(${ids[0]})`);
    await readCategories(shop, [category]);
    pages = await cachedPages(cluster);
    const ofCategory = [cachedKey(listingIn(pages, category), `the ${category} listing`), ...ids.map((id) => cachedKey(productPageIn(pages, id), `product ${id}'s page`))];
    expectRemovedInOneStep(
      await commandsOnEveryNode(cluster, () => shop.invalidateTag(category, categoryTag(category))),
      ofCategory,
      `invalidateTag('${category}', '${categoryTag(category)}')`,
    );
  }
});

it('12.13 a page and its tag memberships are written in one step: never cached and listed nowhere', { timeout: 15_000 }, async () => {
  captureConsole('12');
  const shop = openShop();
  const commands = await commandsOnEveryNode(cluster, () => readCategories(shop, ['cups', 'aisle-b']));
  const steps = stepsOf(commands.filter((c) => c.role === 'primary'));
  const pageWrites = steps.filter(({ command }) => command.name === 'SET' && (command.args[0] ?? '').startsWith(cluster.prefix) && /^<(article|section)/.test(command.args[1] ?? ''));
  expect(pageWrites.length, 'pages written while two categories were read; expected some (see 12.1 and 12.2 first)').toBeGreaterThan(0);
  for (const write of pageWrites) {
    const page = write.command.args[0]!;
    const listings = steps.filter(({ command }) => command.name === 'SADD' && command.args.slice(1).includes(page));
    expect(
      { atomic: write.atomic, apart: listings.filter((listing) => listing.step !== write.step).length, listed: listings.length > 0 },
      `${page} was written ${write.atomic ? 'in a MULTI or script' : 'on its own'}, with ${listings.filter((l) => l.step !== write.step).length} of its ${listings.length} SADDs in other steps; expected the SET and every SADD that lists it in one MULTI or script, so no invalidation can run in between and miss it (${LESSON}; lab 05).`,
    ).toEqual({ atomic: true, apart: 0, listed: true });
  }
});
