// Lab 05 checks. Run: npm test labs/05-tags
// Each check names the behaviour it demands; its failure says what Redis and Postgres showed.
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { interleave } from '../../harness/lab/interleave.js';
import { serverCommandsDuring } from '../../harness/lab/server-commands.js';
import { expectEveryKeyHasTtl, expectQueries } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { createCatalogPages } from './src/catalog-pages.js';
import {
  PAGE_TTL_SECONDS,
  TAG_TTL_MARGIN_SECONDS,
  categoryTag,
  formatPrice,
  pageKey,
  productTag,
  tagKey,
} from './src/contract.js';

const lab = useLab('05');
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

describe('caching pages with their tags', () => {
  it('05.1 a page is rendered from Postgres once, then served from Redis', async () => {
    const s = shop();
    for (let round = 0; round < 2; round++) {
      expect(await s.productPage(3), 'productPage(3) should render "Milk jug #3"').toContain('Milk jug #3');
      await s.categoryPage('jugs');
      await s.searchPage('grinder');
    }
    expectQueries(lab.db, products, 3, `Three pages read twice: each renders once, then comes from Redis (the read path of Lesson 01, Cache-aside).`);
  });

  it('05.2 each cached page is listed under the tag of every product and category it shows', async () => {
    const s = shop();
    await s.productPage(3); // Milk jug #3, category jugs
    await s.categoryPage('tools'); // products 4, 9, 14, 19
    await s.searchPage('grinder #1'); // Burr grinder #12 and #17
    const wanted: Array<[string, string, string]> = [
      [productTag(3), 'product:3', 'it is product 3'],
      [categoryTag('jugs'), 'product:3', 'it names its category'],
      [categoryTag('tools'), 'category:tools', 'it is that listing'],
      ...[4, 9, 14, 19].map((id): [string, string, string] => [productTag(id), 'category:tools', `it lists product ${id}`]),
      ...[12, 17].map((id): [string, string, string] => [productTag(id), 'search:grinder #1', `it lists product ${id}`]),
    ];
    const missing: string[] = [];
    for (const [tagName, pageName, why] of wanted) {
      const members = await lab.redis.admin.smembers(tag(tagName));
      if (!members.includes(page(pageName))) {
        missing.push(`SMEMBERS ${tag(tagName)} holds [${members.join(', ')}], not ${page(pageName)} (${why})`);
      }
    }
    expect(
      missing,
      `${missing.join('\n')}\nWhen a page is cached, SADD its key to the set of every tag it shows: a product page to product:<id> and category:<name>, a listing or a search to product:<id> of each row. The tag set is how a price change finds the page later (${LESSON}, "Tag sets").`,
    ).toEqual([]);
  });
});

describe('how long things live', () => {
  it("05.3 every key has a TTL: each page its class's, and every tag set one too", async () => {
    const s = shop();
    await s.productPage(3);
    await s.categoryPage('tools');
    await s.searchPage('grinder');
    const idea = `Pages expire after their class's TTL (product ${PAGE_TTL_SECONDS.product} s, category ${PAGE_TTL_SECONDS.category} s, search ${PAGE_TTL_SECONDS.search} s), and a tag set needs a TTL too, or sets of long-gone pages pile up forever. Note that EXPIRE ... GT never sets a first TTL: to GT, "no TTL" counts as forever (${LESSON}, "How long a tag set lives").`;
    await expectEveryKeyHasTtl(lab.redis, idea);
    for (const [name, seconds] of [['product:3', PAGE_TTL_SECONDS.product], ['category:tools', PAGE_TTL_SECONDS.category], ['search:grinder', PAGE_TTL_SECONDS.search]] as const) {
      const pttl = await lab.redis.admin.pttl(page(name));
      expect(pttl, `PTTL ${page(name)} is ${pttl} ms; expected between ${seconds * 1000 - 5000} and ${seconds * 1000}.\n${idea}`).toBeGreaterThan(seconds * 1000 - 5000);
      expect(pttl, `PTTL ${page(name)} is ${pttl} ms; expected at most ${seconds * 1000}.\n${idea}`).toBeLessThanOrEqual(seconds * 1000);
    }
  });

  it('05.4 a tag set outlives the longest-lived page it lists, by at most 60 s, whichever is cached first', async () => {
    const s = shop();
    await s.productPage(3); // 600 s, then
    await s.searchPage('jug #3'); // 60 s, same tag product:3
    await s.searchPage('jug #8'); // 60 s, then
    await s.productPage(8); // 600 s, same tag product:8
    const marginMs = TAG_TTL_MARGIN_SECONDS * 1000;
    for (const [id, order] of [[3, 'the product page, then a search page'], [8, 'a search page, then the product page']] as const) {
      const replies = await lab.redis.admin.multi().pttl(page(`product:${id}`)).pttl(tag(productTag(id))).exec();
      const [pagePttl, tagPttl] = (replies ?? []).map(([, value]) => Number(value));
      const shown = `Cached ${order}: PTTL ${page(`product:${id}`)} = ${pagePttl} ms, PTTL ${tag(productTag(id))} = ${tagPttl} ms; expected the tag set's between ${pagePttl} and ${pagePttl! + marginMs} ms (-1 means no TTL, -2 no such key).`;
      const idea = `A tag set that dies before one of its pages leaves that page unreachable, stale until its own TTL; one that lingers much longer only holds dead keys. Each write may lengthen the set's TTL to its page's TTL + ${TAG_TTL_MARGIN_SECONDS} s, never shorten it: EXPIRE ... NX, then EXPIRE ... GT (${LESSON}, "How long a tag set lives").`;
      expect(tagPttl, `${shown}\n${idea}`).toBeGreaterThanOrEqual(pagePttl!);
      expect(tagPttl, `${shown}\n${idea}`).toBeLessThanOrEqual(pagePttl! + marginMs + 1000);
    }
  });
});

describe('invalidating a tag', () => {
  it('05.5 after updatePrice, every cached page that shows the product shows the new price', async () => {
    const s = shop();
    const views: Record<string, () => Promise<string | null>> = {
      'productPage(1)': () => s.productPage(1),
      "categoryPage('kettles')": () => s.categoryPage('kettles'),
      "searchPage('kettle')": () => s.searchPage('kettle'),
      "searchPage('#1')": () => s.searchPage('#1'),
    };
    for (const view of Object.values(views)) await view(); // all cached with the old price
    await s.updatePrice(1, 4242);
    const stale: string[] = [];
    for (const [name, view] of Object.entries(views)) {
      const html = await view();
      if (priceOf(html, 1) !== formatPrice(4242)) stale.push(`${name} still shows ${priceOf(html, 1)}`);
    }
    expect(
      stale,
      `After updatePrice(1, 4242): ${stale.join('; ')}; expected ${formatPrice(4242)} everywhere.\nDeleting the product's own key misses every page derived from it. Invalidate the tag product:1 after the commit, and every page listed under it goes (${LESSON}, "Why deleting one key is not enough").`,
    ).toEqual([]);
  });

  it("05.6 invalidating product 1 keeps every other page: product 10's, other listings, another shop's", async () => {
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
  });

  it('05.7 a page cached after an invalidation is listed again, and the next invalidation reaches it', async () => {
    const s = shop();
    await s.productPage(2);
    await s.updatePrice(2, 1234);
    expect(await s.productPage(2), 'after updatePrice(2, 1234) the page should be re-rendered').toContain(formatPrice(1234));
    lab.db.queries.reset();
    await s.productPage(2);
    const idea = `After an invalidation the tag set is gone; the next write of a page must create it again (SADD, with its TTL). Anything that remembers "already listed" outside Redis goes stale with the set (${LESSON}, "Tag sets").`;
    expectQueries(lab.db, products, 0, `The re-rendered page should now be served from Redis. ${idea}`);
    const members = await lab.redis.admin.smembers(tag(productTag(2)));
    expect(members, `SMEMBERS ${tag(productTag(2))} holds [${members.join(', ')}], not the re-cached ${page('product:2')}.\n${idea}`).toContain(page('product:2'));
    await s.updatePrice(2, 5678);
    const html = await s.productPage(2);
    expect(priceOf(html, 2), `After a second updatePrice(2, 5678) the page shows ${priceOf(html, 2)}.\n${idea}`).toBe(formatPrice(5678));
  });

  it("05.8 an invalidation is one atomic step: a reader between its round trips sees all of the tag's pages or none", async () => {
    const client = lab.redis.client();
    const s = shop(client);
    const terms = ['kettle', 'Kettle #1', 'pour', 'over', 'r-over', 'ttle #1', 'e #1', '#1', 'kettle #', 'Pour-over kettle #1'];
    await s.productPage(1);
    await s.categoryPage('kettles');
    for (const term of terms) await s.searchPage(term);
    const keys = [page('product:1'), page('category:kettles'), ...terms.map((term) => page(`search:${term}`))];
    const seen: number[] = [];
    const reader = interleave(client, async () => seen.push(await lab.redis.admin.exists(...keys)));
    try {
      await s.invalidateTag(productTag(1));
    } finally {
      reader.stop();
    }
    const idea = `Read the members and delete them and the set in one step: a Lua script, or WATCH + MULTI ... EXEC. Deleting page by page lets readers see a half-invalidated site (${LESSON}, "Invalidating a tag in one step").`;
    const partial = seen.filter((count) => count !== 0 && count !== keys.length);
    expect(partial, `Between invalidateTag's round trips a reader found ${partial.join(', ')} of the tag's ${keys.length} pages still cached; expected all or none.\n${idea}`).toEqual([]);
    const left = await held(keys);
    expect(left, `After invalidateTag('product:1') resolved, Redis still held ${listing(left)}.\n${idea}`).toEqual([]);
  });

  it('05.9 a page cached while an invalidation runs is never left unlisted: the next invalidation still reaches it', async () => {
    const mainClient = lab.redis.client();
    const s = shop(mainClient);
    const other = shop();
    await s.productPage(1);
    await s.searchPage('kettle');
    // Another instance caches a page in every gap of the invalidation ...
    const writer = interleave(mainClient, () => other.searchPage('over kettle #1'));
    try {
      await s.invalidateTag(productTag(1));
    } finally {
      writer.stop();
    }
    await other.searchPage('over kettle #1');
    // ... and an invalidation runs in every gap of a page being cached.
    const writingClient = lab.redis.client();
    const invalidator = interleave(writingClient, () => s.invalidateTag(productTag(1)));
    try {
      await shop(writingClient).searchPage('Pour-over');
    } finally {
      invalidator.stop();
    }
    await s.updatePrice(1, 3131);
    const stale: string[] = [];
    for (const term of ['over kettle #1', 'Pour-over']) {
      const html = await s.searchPage(term);
      if (priceOf(html, 1) !== formatPrice(3131)) stale.push(`searchPage('${term}') still shows ${priceOf(html, 1)}`);
    }
    expect(
      stale,
      `${stale.join('; ')} after updatePrice(1, 3131): the page was cached while product:1 was being invalidated and ended up in Redis without being listed under the tag.\nIf the members are read (SMEMBERS) and deleted in separate steps, a page added in between is dropped from the set but not deleted; if the tags are written before the page, an invalidation in between deletes the set before the page arrives. Write page and tags in one MULTI, invalidate in one script or WATCHed MULTI (${LESSON}, "Invalidating a tag in one step").`,
    ).toEqual([]);
  });

  it("05.10 finding a tag's pages never walks the keyspace: no KEYS or SCAN, not even inside a script", async () => {
    const client = lab.redis.client();
    const s = shop(client);
    const { commands: mine } = await serverCommandsDuring(lab.redis, async () => {
      await s.productPage(1);
      await s.categoryPage('kettles');
      await s.searchPage('kettle');
      await s.updatePrice(1, 777);
      await s.invalidateTag(categoryTag('kettles'));
    });
    expect(mine.length, 'MONITOR reported no command from the code under test; the check itself is broken.').toBeGreaterThan(0);
    const walks = mine.filter((c) => c.name === 'KEYS' || c.name === 'SCAN');
    const shown = walks.map((c) => `${c.name} ${c.args.join(' ')}${c.source === 'lua' ? ' (inside a script)' : ''}`);
    expect(
      shown,
      `The server ran ${shown.join('; ')} for your code; expected no KEYS or SCAN.\nKEYS looks at every key in the database, even with no wildcard in the pattern, and blocks every client while it does; SCAN spreads the same work over many round trips. The tag set already names the keys (${LESSON}, "KEYS, SCAN and the request path").`,
    ).toEqual([]);
  });
});
