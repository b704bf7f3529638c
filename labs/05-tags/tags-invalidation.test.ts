// Lab 05 checks, part 2: what an invalidation removes and what it leaves alone, at every
// size, several at once, cycle after cycle, and after Redis forgets its scripts.
// Run: npm test labs/05-tags. Each check names the behaviour it demands; its failure says
// what Redis and Postgres showed.
import type { Redis } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import { serverCommandsDuring, type ServerCommand } from '../../harness/lab/server-commands.js';
import { atomicSteps } from '../../harness/lab/steps.js';
import { expectQueries, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { forgetfulScripts, useCodeConnections } from './code-connections.support.js';
import { MANY, addManyProducts } from './many-products.support.js';
import { createCatalogPages } from './src/catalog-pages.js';
import { categoryTag, formatPrice, pageKey, productTag, renderListing, tagKey } from './src/contract.js';

const lab = useLab('05');
const codeConnections = useCodeConnections(lab);
const LESSON = 'Lesson 05, Tags';
const products = { table: 'products', kind: 'select' } as const;

/** One instance of the shop, as one process would run it, with its own Redis connection. */
const shop = (redis: Redis = lab.redis.client(), keyPrefix = lab.redis.prefix) =>
  createCatalogPages({ redis, db: lab.db.pool, keyPrefix });
const page = (name: string) => pageKey(lab.redis.prefix, name);
const tag = (name: string) => tagKey(lab.redis.prefix, name);
const listing = (keys: string[]) => (keys.length ? keys.join(', ') : 'nothing');

/** The price a page shows for product `id` ("$6.25"), or "no price for product <id>". */
function priceOf(html: string | null, id: number): string {
  return new RegExp(`data-product="${id}">.*?(\\$\\d+\\.\\d\\d)`).exec(html ?? '')?.[1] ?? `no price for product ${id}`;
}

/** The keys among `keys` that Redis holds right now. */
async function held(keys: string[]): Promise<string[]> {
  const found = await Promise.all(keys.map((key) => lab.redis.admin.exists(key)));
  return keys.filter((_, i) => found[i] === 1);
}

/** What a check expected gone and kept, against what Redis holds: one line per surprise. */
async function surprises(gone: string[], kept: string[]): Promise<string[]> {
  const [left, still] = await Promise.all([held(gone), held(kept)]);
  return [...left.map((key) => `${key} is still cached`), ...kept.filter((key) => !still.includes(key)).map((key) => `${key} was removed`)];
}

describe('invalidating a tag', () => {
  it('05.5 after updatePrice, every cached page that shows the product shows the new price, also the last row of a 300-product listing', async () => {
    const s = shop();
    const views: Record<string, () => Promise<string | null>> = {
      'productPage(1)': () => s.productPage(1),
      "categoryPage('kettles')": () => s.categoryPage('kettles'),
      "searchPage('kettle')": () => s.searchPage('kettle'),
      "searchPage('#1')": () => s.searchPage('#1'),
    };
    for (const view of Object.values(views)) await view(); // all cached with the old price
    const row = await s.updatePrice(1, 4242);
    expect(row, `updatePrice(1, 4242) resolved to ${JSON.stringify(row)}; expected the updated row, with priceCents 4242.`).toMatchObject({ id: 1, priceCents: 4242 });
    const stale: string[] = [];
    for (const [name, view] of Object.entries(views)) {
      const html = await view();
      if (priceOf(html, 1) !== formatPrice(4242)) stale.push(`${name} still shows ${priceOf(html, 1)}`);
    }
    expect(
      stale,
      `After updatePrice(1, 4242): ${stale.join('; ')}; expected ${formatPrice(4242)} everywhere.\nDeleting the product's own key misses every page derived from it. Invalidate the tag product:1 after the commit, and every page listed under it goes (${LESSON}, "Why deleting one key is not enough").`,
    ).toEqual([]);

    // A page showing many products is tagged with every one of them, not the first few:
    // the price that changes is the last row's.
    const many = await addManyProducts(lab, 300);
    const big: Record<string, () => Promise<string | null>> = {
      [`categoryPage('${MANY.category}')`]: () => s.categoryPage(MANY.category), // all 300
      [`searchPage('${MANY.term}')`]: () => s.searchPage(MANY.term), // the first 50 (LIMIT 50)
    };
    for (const view of Object.values(big)) await view();
    const missed: string[] = [];
    for (const [id, cents, views] of [[many[49]!, 5050, Object.keys(big)], [many.at(-1)!, 3030, [`categoryPage('${MANY.category}')`]]] as const) {
      await s.updatePrice(id, cents);
      for (const name of views) {
        const html = await big[name]!();
        if (priceOf(html, id) !== formatPrice(cents)) missed.push(`after updatePrice(${id}, ${cents}), ${name} still shows ${priceOf(html, id)} for product ${id}, its last row`);
      }
    }
    expect(
      missed,
      `${missed.join('\n')}\nA listing of ${many.length} products and a search showing 50 of them were cached, then the price of a product far down each changed. A page is tagged with every product it shows, however many: a cap on its tags (the first ten, say) leaves the rows past it at the old price until the page's TTL ends (${LESSON}, "Tag sets").`,
    ).toEqual([]);
  });

  it("05.6 invalidating product 1 keeps every other page: product 10's, other listings, another shop's; a category's tag keeps one spelled in other case", async () => {
    const s = shop();
    const otherPrefix = lab.redis.key('shop-b:');
    await s.productPage(1);
    for (const id of [10, 11, 12, 19]) await s.productPage(id);
    await s.categoryPage('tools');
    await s.searchPage('grinder');
    await shop(lab.redis.client(), otherPrefix).productPage(1);
    await s.invalidateTag(productTag(1));
    const others = [...[10, 11, 12, 19].map((id) => page(`product:${id}`)), page('category:tools'), page('search:grinder'), pageKey(otherPrefix, 'product:1')];
    const kept = await held(others);
    const gone = others.filter((key) => !kept.includes(key));
    expect(
      gone,
      `invalidateTag('product:1') also removed ${listing(gone)}; expected only the pages listed under product:1.\nA pattern such as page:product:1* matches page:product:10 to :19, and anything outside your keyPrefix belongs to someone else. A tag set names exact keys (${LESSON}, "KEYS, SCAN and the request path").`,
    ).toEqual([]);
    expect(await held([page('product:1')]), `invalidateTag('product:1') left product 1's own page cached (${LESSON}, "Tag sets").`).toEqual([]);

    // A category is named as Postgres holds it: 'Kettles' is not 'kettles'.
    await lab.db.sql(`INSERT INTO products (id, sku, name, category, price_cents) VALUES (2001, 'SKU-2001', 'Travel kettle #2001', 'Kettles', 4500)`);
    onTestFinished(async () => {
      await lab.db.sql('DELETE FROM products WHERE id = 2001');
    });
    await s.categoryPage('kettles');
    await s.categoryPage('Kettles');
    await s.invalidateTag(categoryTag('Kettles'));
    const cased = await surprises([page('category:Kettles')], [page('category:kettles')]);
    expect(
      cased,
      `After invalidateTag('category:Kettles'), with listings of 'kettles' and 'Kettles' cached: ${cased.join('; ')}.\nTwo categories that differ only in case are two categories in Postgres, with two listings: each has a tag of its own. Folding the case of a tag makes one category's invalidation remove the other's pages (${LESSON}, "Tag sets").`,
    ).toEqual([]);
    // The same on what the pages show, and on a product page's category tag.
    const caseIdea = `A category, and a search term, is used exactly as given: in the page's key, in its tags and in its query. Folding case or trimming blanks anywhere serves one page for another, or leaves a page out of reach of its tag (${LESSON}, "Tag sets").`;
    const [upper, lower] = [await s.categoryPage('Kettles'), await s.categoryPage('kettles')];
    expect(upper.includes('Travel kettle #2001') && !lower.includes('Travel kettle #2001'), `categoryPage('Kettles') ${upper.includes('Travel kettle #2001') ? 'lists' : 'does not list'} Travel kettle #2001 (category 'Kettles'), and categoryPage('kettles') ${lower.includes('Travel kettle #2001') ? 'lists' : 'does not list'} it; expected only the first to. ${caseIdea}`).toBe(true);
    await s.productPage(2001);
    await s.invalidateTag(categoryTag('kettles'));
    const kettleKept = await held([page('product:2001')]);
    await s.invalidateTag(categoryTag('Kettles'));
    const kettleGone = await held([page('product:2001')]);
    expect(
      [kettleKept.length, kettleGone.length],
      `Product 2001's page (category 'Kettles') was ${kettleKept.length ? 'kept' : 'removed'} by invalidateTag('category:kettles') and ${kettleGone.length ? 'kept' : 'removed'} by invalidateTag('category:Kettles'); expected kept, then removed: a product page is listed under its category as Postgres names it. ${caseIdea}`,
    ).toEqual([1, 0]);
    // A search's term as given: a blank is part of it, and so is case.
    await lab.db.sql(`INSERT INTO products (id, sku, name, category, price_cents) VALUES (2002, 'SKU-2002', 'Grinder brush #2002', 'tools', 900)`);
    onTestFinished(async () => {
      await lab.db.sql('DELETE FROM products WHERE id = 2002');
    });
    const [asked, blank, shouted] = [await s.searchPage('grinder brush'), await s.searchPage(' grinder'), await s.searchPage('GRINDER BRUSH')];
    expect(asked, `searchPage('grinder brush') should list Grinder brush #2002. ${caseIdea}`).toContain('Grinder brush #2002');
    expect(blank, `searchPage(' grinder') listed Grinder brush #2002, whose name has no blank before "Grinder": the search ran for 'grinder'. ${caseIdea}`).not.toContain('Grinder brush #2002');
    const title = renderListing('Results for "GRINDER BRUSH"', []).split('<ul>')[0]!;
    expect(shouted.slice(0, title.length), `searchPage('GRINDER BRUSH'), after searchPage('grinder brush') was cached, opened with ${shouted.slice(0, title.length)}; expected its own page, ${title}. ${caseIdea}`).toBe(title);
  });

  it('05.14 a price change removes only the pages that show the product: the rest of its category stays cached', async () => {
    const s = shop();
    for (const id of [1, 6, 10]) await s.productPage(id); // 1 and 6 are both kettles
    await s.categoryPage('kettles');
    await s.categoryPage('tools');
    await s.searchPage('kettle #1'); // kettles #1, #11, #16
    await s.searchPage('grinder');
    await s.updatePrice(1, 999);
    const problems = await surprises(
      ['product:1', 'category:kettles', 'search:kettle #1'].map(page),
      ['product:6', 'product:10', 'category:tools', 'search:grinder'].map(page),
    );
    await s.updatePrice(6, 1666); // product 6's own tag must still reach its page
    problems.push(...(await held([page('product:6')])).map((key) => `${key} is still cached after updatePrice(6, 1666)`));
    expect(
      problems,
      `After updatePrice(1, 999): ${problems.join('; ')}.\nA price change invalidates the product's tag and nothing else. Product 6's page names the same category but not product 1's price: invalidating category:kettles too re-renders every product of the category for nothing, and removing other tags' sets leaves their pages unreachable. Over-invalidation is a bug as well, paid in renders (${LESSON}, "Tag sets").`,
    ).toEqual([]);
  });

  it('05.15 several tags invalidated at once each remove exactly their own pages', async () => {
    const [a, b] = [shop(), shop()];
    for (const id of [1, 12, 3, 8, 5]) await a.productPage(id);
    for (const category of ['kettles', 'grinders', 'jugs', 'cups']) await a.categoryPage(category);
    await a.searchPage('jug');
    await a.searchPage('cup');
    await Promise.all([a.invalidateTag(productTag(1)), a.invalidateTag(productTag(12)), b.invalidateTag(categoryTag('jugs'))]);
    const problems = await surprises(
      ['product:1', 'category:kettles', 'product:12', 'category:grinders', 'category:jugs', 'product:3', 'product:8'].map(page),
      // Nothing on them was invalidated. search:jug shows jugs, but a search is listed under
      // its rows' products only: invalidating category:jugs must leave it.
      ['product:5', 'category:cups', 'search:cup', 'search:jug'].map(page),
    );
    await Promise.all([a.updatePrice(5, 1234), b.updatePrice(13, 2345)]);
    for (const [what, html, id, cents] of [
      ["categoryPage('cups')", await a.categoryPage('cups'), 5, 1234],
      ["searchPage('cup')", await b.searchPage('cup'), 5, 1234],
      ["searchPage('jug')", await a.searchPage('jug'), 13, 2345],
    ] as const) {
      if (priceOf(html, id) !== formatPrice(cents)) problems.push(`after two price changes at once, ${what} shows ${priceOf(html, id)} for product ${id}, not ${formatPrice(cents)}`);
    }
    expect(
      problems,
      `Three invalidations ran at once (product:1 and product:12 from one instance, category:jugs from another), then two price changes: ${problems.join('; ')}.\nEach invalidation reads and removes its own tag's pages, no more: a search is listed under product:<id> of each row, never under their categories, so invalidating category:jugs leaves searchPage('jug') cached. Anything shared between them (a fixed temporary key, one lock, a module-level variable) lets one invalidation delete another's pages or none at all (${LESSON}, "Invalidating a tag in one step").`,
    ).toEqual([]);
  });

  it('05.7 a page cached after an invalidation is listed again, and the next invalidation reaches it', async () => {
    const s = shop();
    const views: Record<string, () => Promise<string | null>> = {
      'productPage(2)': () => s.productPage(2),
      "categoryPage('grinders')": () => s.categoryPage('grinders'),
      "searchPage('burr')": () => s.searchPage('burr'),
    };
    const keys = [page('product:2'), page('category:grinders'), page('search:burr')];
    for (const view of Object.values(views)) await view();
    const idea = `After an invalidation the tag set is gone; the next write of a page must create it again (SADD, with its TTL). Anything that remembers "already listed" outside Redis goes stale with the set (${LESSON}, "Tag sets").`;
    for (const [cycle, cents] of [[1, 1234], [2, 5678], [3, 9012]] as const) {
      await s.updatePrice(2, cents);
      const kept = await lab.redis.admin.smembers(tag(productTag(2)));
      expect(
        kept,
        `After price change ${cycle}, before any page was read again, SMEMBERS ${tag(productTag(2))} holds [${kept.join(', ')}]; expected no set.\nAn invalidation removes the tag's set with its pages. A set left behind names only deleted pages, grows with every page cached after it, its TTL lengthened each time, and every later invalidation deletes its dead keys again (${LESSON}, "Invalidating a tag in one step").`,
      ).toEqual([]);
      const stale: string[] = [];
      for (const [name, view] of Object.entries(views)) {
        const html = await view();
        if (priceOf(html, 2) !== formatPrice(cents)) stale.push(`${name} shows ${priceOf(html, 2)}`);
      }
      expect(stale, `After price change ${cycle}, updatePrice(2, ${cents}): ${stale.join('; ')}; expected ${formatPrice(cents)}.\n${idea}`).toEqual([]);
      lab.db.queries.reset();
      for (const view of Object.values(views)) await view();
      expectQueries(lab.db, products, 0, `After price change ${cycle}, the re-rendered pages should be served from Redis. ${idea}`);
      const members = await lab.redis.admin.smembers(tag(productTag(2)));
      const unlisted = keys.filter((key) => !members.includes(key));
      expect(unlisted, `After price change ${cycle}, SMEMBERS ${tag(productTag(2))} holds [${members.join(', ')}], not the re-cached ${listing(unlisted)}.\n${idea}`).toEqual([]);
    }
  });

  it('05.13 a tag of 12,000 pages is removed whole, and a tag with no pages costs nothing', async () => {
    const s = shop();
    await s.productPage(5);
    await s.categoryPage('cups');
    await s.productPage(6);
    // 12,000 more pages listed under product:5, past any batch size: searches for the terms
    // "0" to "11999", written by the suite in one MSET (any left behind are removed after the check).
    const bulk = Array.from({ length: 12_000 }, (_, i) => page(`search:${i}`));
    await lab.redis.admin.mset(...bulk.flatMap((key) => [key, 'x']));
    await lab.redis.admin.sadd(tag(productTag(5)), ...bulk);
    const big = `Read the members and remove them in batches inside the one step (a run of the script per batch is a step per batch: readers see the tag half removed between them): Lua's unpack() takes at most about 8,000 values, and a batch size must not drop the last partial batch (${LESSON}, "Huge tags").`;
    let commands: ServerCommand[] = [];
    const watched = serverCommandsDuring(lab.redis, () => s.invalidateTag(productTag(5)));
    const outcome = await expectSettlesWithin(
      watched.then((run) => ((commands = run.commands), 'resolved'), (error: unknown) => `rejected: ${String(error)}`),
      10_000,
      "invalidateTag('product:5') with 12,002 pages",
      big,
    );
    // One step, also for a big tag: the server's log, scripts' commands included, shows how
    // many steps removed the bulk pages (a script may UNLINK them in batches inside it).
    const doomed = new Set(bulk);
    const steps = atomicSteps(commands).filter((step) => step.commands.some((c) => /^(DEL|UNLINK|GETDEL)$/.test(c.name) && c.args.some((arg) => doomed.has(arg)))).length;
    let left = 0; // counted with SCAN, so nothing the suite sends names 12,000 keys again
    for await (const found of lab.redis.admin.scanStream({ match: `${page('search:')}[0-9]*`, count: 1000 })) left += (found as string[]).length;
    if (left > 0) await lab.redis.unlink(bulk); // cheaper here than in the cleanup after the check
    const problems = [
      ...(outcome === 'resolved' ? [] : [`invalidateTag('product:5') ${outcome}`]),
      ...(left ? [`${left} of the 12,000 bulk pages are still cached`] : []),
      ...(steps > 1 ? [`the server removed the bulk pages in ${steps} steps, with the code's own commands between them, not in one`] : []),
    ];
    problems.push(...(await surprises([page('product:5'), page('category:cups')], [page('product:6')])));
    expect(problems, `A tag listing 12,002 pages was invalidated: ${problems.join('; ')}.\n${big}`).toEqual([]);

    const empty: string[] = [];
    for (const name of [productTag(5), productTag(7), categoryTag('no-such-category')]) {
      await s.invalidateTag(name).catch((error: unknown) => empty.push(`invalidateTag('${name}') rejected: ${String(error)}`));
    }
    const unknown = await s.updatePrice(9999, 100);
    if (unknown !== null) empty.push(`updatePrice(9999, 100) resolved to ${JSON.stringify(unknown)}, not null`);
    const uncached = await s.updatePrice(7, 707);
    if (uncached?.priceCents !== 707) empty.push(`updatePrice(7, 707), with no page of product 7 cached, resolved to ${JSON.stringify(uncached)}`);
    empty.push(...(await surprises([], [page('product:6')])));
    expect(
      empty,
      `Tags with no cached pages (product:5 again, product:7 never cached, an unknown category): ${empty.join('; ')}.\nAn empty or missing tag set is the common case, not an error: SMEMBERS of a missing key is an empty list, and UNLINK with no keys is an error, so guard the empty batch (${LESSON}, "Invalidating a tag in one step").`,
    ).toEqual([]);
  }, 30_000); // a liveness bound: writing 12,000 keys is slow on a busy machine

  it("05.10 finding a tag's pages never walks the keyspace: no KEYS or SCAN, not even inside a script", async () => {
    const client = lab.redis.client();
    const s = shop(client);
    const { commands: mine } = await serverCommandsDuring(lab.redis, async () => {
      await s.productPage(1);
      await s.categoryPage('kettles');
      await s.searchPage('kettle');
      await s.updatePrice(1, 777);
      await s.invalidateTag(categoryTag('kettles'));
      await s.invalidateTag(productTag(7)); // a tag nobody cached: no set to read
      await s.updatePrice(9999, 1);
    });
    expect(mine.length, 'MONITOR reported no command from the code under test; the check itself is broken.').toBeGreaterThan(0);
    const walks = mine.filter((c) => c.name === 'KEYS' || c.name === 'SCAN');
    const shown = walks.map((c) => `${c.name} ${c.args.join(' ')}${c.source === 'lua' ? ' (inside a script)' : ''}`);
    expect(
      shown,
      `The server ran ${shown.join('; ')} for your code; expected no KEYS or SCAN.\nKEYS looks at every key in the database, even with no wildcard in the pattern, and blocks every client while it does; SCAN spreads the same work over many round trips. The tag set already names the keys, and a missing set means no page to remove, not a reason to search (${LESSON}, "KEYS, SCAN and the request path").`,
    ).toEqual([]);
  });

  it('05.19 after Redis restarts and forgets its scripts, the next price change still removes the pages', async () => {
    const connections = codeConnections();
    const redis = forgetfulScripts(connections);
    const s = shop(connections.client);
    const stale: string[] = [];
    for (const [round, cents] of [[1, 1111], [2, 2222], [3, 3333]] as const) {
      if (round === 2) redis.restart(); // a restart or failover between two price changes
      await s.productPage(1);
      await s.categoryPage('kettles');
      await s.updatePrice(1, cents);
      for (const [name, html] of [['productPage(1)', await s.productPage(1)], ["categoryPage('kettles')", await s.categoryPage('kettles')]] as const) {
        if (priceOf(html, 1) !== formatPrice(cents)) stale.push(`price change ${round}${round === 2 ? ', right after the restart' : ''}: ${name} shows ${priceOf(html, 1)}, not ${formatPrice(cents)}`);
      }
    }
    expect(
      stale,
      `${stale.join('\n')}\nA restarted or failed-over Redis has an empty script cache and answers EVALSHA with NOSCRIPT. Code that loaded its script once per process then fails every invalidation, and updatePrice (rightly) only logs it. Send the script by its SHA, and in full with EVAL when the server answers NOSCRIPT (ioredis's defineCommand does this for you) (${LESSON}, "Invalidating a tag in one step").`,
    ).toEqual([]);
  });
});
