// Lab 12: each invalidation is one step on one node, and a page is written with its tag
// memberships in one step, as the servers' MONITOR shows.
import { beforeAll, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { useCluster } from '../../harness/lab/use-cluster.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { categoryTag } from './src/contract.js';
import { LESSON, cachedKey, cachedPages, commandsOnEveryNode, idsIn, listingIn, openShop, productPageIn, readAll, seedAisles, stepsOf, type NodeCommand } from './shop.support.js';

const lab = useLab('12', { audit: false });
const cluster = useCluster('12');
beforeAll(() => seedAisles(lab));

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
  const { shop } = openShop(lab, cluster);
  for (const category of ['kettles', 'aisle-m']) {
    const ids = await idsIn(lab, category);
    await readAll(lab, shop, [category]);
    let pages = await cachedPages(cluster);
    const listing = cachedKey(listingIn(pages, category), `the ${category} listing`);
    const own = cachedKey(productPageIn(pages, ids[0]!), `product ${ids[0]}'s page`);
    expectRemovedInOneStep(await commandsOnEveryNode(cluster, () => shop.updatePrice(ids[0]!, 6_100)), [own, listing], `updatePrice(${ids[0]})`);
    await readAll(lab, shop, [category]);
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
  const { shop } = openShop(lab, cluster);
  const commands = await commandsOnEveryNode(cluster, () => readAll(lab, shop, ['cups', 'aisle-b']));
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
