// Lab 12: price changes and tag invalidations on a Redis Cluster: exactly the pages that
// show the product or carry the tag go, cycle after cycle, and nothing else, even when a
// reader misses while the UPDATE runs or a page is cached while its tag set is read.
import { beforeAll, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { useCluster } from '../../harness/lab/use-cluster.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { categoryTag, formatPrice, productTag } from './src/contract.js';
import { LESSON, cachedPages, idsIn, listingIn, openShop, productPageIn, readAll, seedAisles } from './shop.support.js';

const lab = useLab('12', { audit: false });
const cluster = useCluster('12');
beforeAll(() => seedAisles(lab));

it('12.3 after updatePrice every cached page that shows the product shows the new price, and every other page stays cached', { timeout: 15_000 }, async () => {
  captureConsole('12');
  const { shop } = openShop(lab, cluster);
  await readAll(lab, shop, ['kettles', 'grinders', 'aisle-c']);
  const [changed, sibling] = await idsIn(lab, 'kettles');
  for (const cents of [7_777, 8_888]) {
    const before = await cachedPages(cluster);
    const row = await shop.updatePrice(changed!, cents);
    expect(row, 'updatePrice resolves with the updated row').toMatchObject({ id: changed, category: 'kettles', priceCents: cents });
    const after = await cachedPages(cluster);
    const idea = `The product's tag set lists every page that shows it, its own page and its category's listing; invalidating it removes exactly those, after the commit (${LESSON}, "What this means for the patterns in the labs").`;
    expect(productPageIn(after, changed!), `product ${changed}'s own page is still cached after the price change`).toBeUndefined();
    expect(listingIn(after, 'kettles'), 'the kettles listing, which shows the product, is still cached').toBeUndefined();
    const kept = [...before.keys()].filter((key) => key !== productPageIn(before, changed!)?.[0] && key !== listingIn(before, 'kettles')?.[0]);
    expect(kept.filter((key) => !after.has(key)), `pages that do not show product ${changed} were removed too.\n${idea}`).toEqual([]);
    expect(productPageIn(after, sibling!), `product ${sibling}'s page (same category)`).toBeDefined();
    expect(await shop.productPage('kettles', changed!)).toContain(formatPrice(cents));
    expect(await shop.categoryPage('kettles')).toContain(formatPrice(cents));
  }
  expect(await shop.updatePrice(9_999, 100), 'an unknown id').toBeNull();
});

it('12.4 invalidateTag removes every page of the tag in its category and nothing else, cycle after cycle; a tag with no set costs nothing', { timeout: 15_000 }, async () => {
  captureConsole('12');
  const { shop } = openShop(lab, cluster);
  for (let cycle = 1; cycle <= 2; cycle += 1) {
    await readAll(lab, shop, ['jugs', 'aisle-d', 'aisle-e']);
    const before = await cachedPages(cluster);
    await shop.invalidateTag('aisle-d', categoryTag('aisle-d'));
    const after = await cachedPages(cluster);
    const gone = [...before.keys()].filter((key) => !after.has(key));
    const ofAisleD = [...before].filter(([, html]) => html.includes('Aisle item #7<') || html.includes('Aisle item #8<') || html.includes('data-category="aisle-d"'));
    expect(ofAisleD.length, `cycle ${cycle}: aisle-d's pages cached before the invalidation (its listing and two products); expected all three (see 12.1 and 12.2 first)`).toBe(3);
    expect(gone.sort(), `cycle ${cycle}: the pages removed by invalidating category:aisle-d; expected its listing and its two product pages, and only those (${LESSON}, "What this means for the patterns in the labs")`).toEqual(
      ofAisleD.map(([key]) => key).sort(),
    );
  }
  const before = await cachedPages(cluster);
  await shop.invalidateTag('jugs', productTag(404));
  await shop.invalidateTag('nowhere', categoryTag('nowhere'));
  expect([...(await cachedPages(cluster)).keys()].sort(), 'a tag with no set removes nothing').toEqual([...before.keys()].sort());
  // Once every tag of a category is invalidated, each set went with its pages: nothing is left.
  await cluster.deleteAll();
  await readAll(lab, shop, ['aisle-e']);
  const tags = [categoryTag('aisle-e'), ...(await idsIn(lab, 'aisle-e')).map(productTag)];
  for (const tag of tags) await shop.invalidateTag('aisle-e', tag);
  expect(
    (await cluster.keys()).map((state) => state.key),
    `Keys left after invalidating every tag of aisle-e (${tags.join(', ')}); expected none. invalidateTag removes the tag's set with its pages, in the same step: a set left behind keeps listing pages that are gone, and grows with every page cached again (${LESSON}; lab 05).`,
  ).toEqual([]);
});

it('12.14 pages are invalidated after the commit: a reader that misses while the UPDATE runs cannot keep the old price cached', { timeout: 15_000 }, async () => {
  captureConsole('12');
  const { shop } = openShop(lab, cluster);
  const [id] = await idsIn(lab, 'jugs');
  await readAll(lab, shop, ['jugs']);
  const update = lab.db.holdQueries(/^UPDATE/);
  const changing = shop.updatePrice(id!, 1_234);
  await update.reached;
  const reader = openShop(lab, cluster).shop;
  await reader.categoryPage('jugs');
  await reader.productPage('jugs', id!);
  update.release();
  await changing;
  const idea = `Until the UPDATE commits, Postgres returns the old price, and a reader that misses caches it again. Only an invalidation after the commit removes that page (${LESSON}; lab 05).`;
  expect(await shop.categoryPage('jugs'), `the jugs listing after updatePrice resolved.\n${idea}`).toContain(`#${id}: ${formatPrice(1_234)}`);
  expect(await shop.productPage('jugs', id!), `product ${id}'s page after updatePrice resolved.\n${idea}`).toContain(formatPrice(1_234));
});

it('12.16 a page cached while its tag is being invalidated is never left unlisted: that price change and the next reach it', { timeout: 15_000 }, async () => {
  captureConsole('12');
  const { redis, shop } = openShop(lab, cluster);
  const other = openShop(lab, cluster).shop;
  const [id] = await idsIn(lab, 'aisle-c');
  await shop.categoryPage('aisle-c'); // listed under product:<id>; the product's own page is not cached yet
  // Right after the code reads a set's members, another process caches the product's page,
  // which joins that set: the invalidation must not delete the set without removing it.
  let armed = true;
  const send = redis.sendCommand.bind(redis) as (...args: unknown[]) => Promise<unknown>;
  redis.sendCommand = ((command: { name: string }, ...rest: unknown[]) => {
    const reply = send(command, ...rest);
    if (!armed || command.name !== 'smembers') return reply;
    armed = false;
    return reply.then(async (members) => {
      await other.productPage('aisle-c', id!);
      return members;
    });
  }) as typeof redis.sendCommand;
  await shop.updatePrice(id!, 2_001);
  const idea = `A page that joins a tag set between your read of its members and the script that deletes the set is left cached and listed nowhere: no later invalidation reaches it. Check in the script that the set still lists exactly what you read (or read it inside the script), and read again when it changed, until the step succeeds: giving up leaves the old price cached (${LESSON}; lab 05).`;
  expect(await other.productPage('aisle-c', id!), `product ${id}'s page once the first price change resolved, a page having joined the set meanwhile.\n${idea}`).toContain(formatPrice(2_001));
  expect(await other.categoryPage('aisle-c'), `the aisle-c listing once the first price change resolved.\n${idea}`).toMatch(new RegExp(`data-product="${id}">[^<]*: \\${formatPrice(2_001)}<`));
  await shop.updatePrice(id!, 2_002);
  expect(await other.productPage('aisle-c', id!), `product ${id}'s page after a second price change.\n${idea}`).toContain(formatPrice(2_002));
  expect(await other.categoryPage('aisle-c'), `the aisle-c listing after a second price change.\n${idea}`).toMatch(new RegExp(`data-product="${id}">[^<]*: \\${formatPrice(2_002)}<`));
});
