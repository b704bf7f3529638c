// Lab 12: where the shop's keys live: twenty categories spread over the slots of all three
// primaries, no slot hot, and every key with a TTL from the step that writes it.
// (Each invalidation one step on one node: one-step.test.ts.)
import { beforeAll, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { expectQueries } from '../../harness/lab/teach.js';
import { useCluster } from '../../harness/lab/use-cluster.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { MAX_SLOT_SHARE, PAGE_TTL_SECONDS, TAG_TTL_MARGIN_SECONDS } from './src/contract.js';
import { createShopPages } from './src/shop-pages.js';
import { ALL_CATEGORIES, LESSON, cachedPages, idsIn, openShop, placesOf, readAll, seedAisles, suiteClient, watchKeysWithoutTtl } from './shop.support.js';

const lab = useLab('12', { audit: false });
const cluster = useCluster('12');
beforeAll(() => seedAisles(lab));

it('12.6 with twenty categories cached, the pages sit on all three primaries and no slot holds more than MAX_SLOT_SHARE of the keys', { timeout: 30_000 }, async () => {
  const { shop } = openShop(lab, cluster);
  captureConsole('12');
  // The categories side by side: each has pages, tag sets and locks of its own.
  const readEveryCategory = () => Promise.all(ALL_CATEGORIES.map((category) => readAll(lab, shop, [category])));
  await readEveryCategory();
  const cachedNow = (await cachedPages(cluster)).size;
  expect(cachedNow, `${cachedNow} pages are cached after every page of the twenty categories was read once; expected all ${ALL_CATEGORIES.length + 50} (see 12.1 and 12.2 first)`).toBe(ALL_CATEGORIES.length + 50);
  lab.db.queries.reset();
  await readEveryCategory();
  expectQueries(lab.db, { kind: 'select' }, 0, `Read a second time, every page of the twenty categories should come from Redis (${LESSON}, "Multi-key commands need one slot").`);

  const keys = (await cluster.keys()).map((k) => k.key);
  const pages = await cachedPages(cluster);
  const { slotOf, primaryOf } = await placesOf(cluster, keys);
  const ownerOf = new Map([...new Set(slotOf.values())].map((slot) => [slot, `${primaryOf(slot).host}:${primaryOf(slot).port}`]));
  const pagePrimaries = new Set([...pages.keys()].map((key) => ownerOf.get(slotOf.get(key)!)));
  expect(
    pagePrimaries.size,
    `The pages of twenty categories are all on ${[...pagePrimaries].join(', ')}; expected them on all three primaries. A hash tag shared by everything ({shop}, {tags}) puts the whole shop on one node: the others idle while it takes every request (${LESSON}, "Hot keys").`,
  ).toBe(3);

  const perSlot = new Map<number, number>();
  for (const slot of slotOf.values()) perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
  const [hottest, count] = [...perSlot].sort((a, b) => b[1] - a[1])[0]!;
  const inSlot = (await cluster.node(primaryOf(hottest)).cluster('COUNTKEYSINSLOT', hottest)) as number;
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
  const { shop } = openShop(lab, cluster);
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
  await readAll(lab, watched, ['kettles', 'aisle-j']);
  // The other order too: product pages (600 s) first, then the listing (300 s) that lists them again.
  for (const id of await idsIn(lab, 'aisle-l')) await watched.productPage('aisle-l', id);
  await watched.categoryPage('aisle-l');
  expect(
    withoutTtl.slice(0, 4),
    `Keys that had no TTL at the end of the step that wrote them; expected every key to get its TTL in that same step (SET ... EX, or EXPIRE in the same MULTI or script). A process that dies between two steps leaves such a key forever.\n${idea}`,
  ).toEqual([]);
  const reader = suiteClient(cluster);
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
