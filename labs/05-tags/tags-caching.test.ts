// Lab 05 checks, part 1: caching a page with its tags, and how long each key lives.
// Run: npm test labs/05-tags. Each check names the behaviour it demands; its failure says
// what Redis and Postgres showed.
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { between, expectEveryKeyHasTtl, expectQueries } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { useCodeConnections } from './code-connections.support.js';
import { createCatalogPages } from './src/catalog-pages.js';
import { PAGE_TTL_SECONDS, TAG_TTL_MARGIN_SECONDS, categoryTag, pageKey, productTag, renderListing, tagKey } from './src/contract.js';

const lab = useLab('05');
const codeConnections = useCodeConnections(lab);
const LESSON = 'Lesson 05, Tags';
const products = { table: 'products', kind: 'select' } as const;

/** One instance of the shop, as one process would run it, with its own Redis connection. */
const shop = (redis: Redis = lab.redis.client()) => createCatalogPages({ redis, db: lab.db.pool, keyPrefix: lab.redis.prefix });
const page = (name: string) => pageKey(lab.redis.prefix, name);
const tag = (name: string) => tagKey(lab.redis.prefix, name);
const short = (key: string) => key.slice(lab.redis.prefix.length);
/** How a listing titled `title` opens, whatever rows it has. */
const heading = (title: string) => renderListing(title, []).split('<ul>')[0]!;

/** The tag sets under the prefix. */
const tagSets = async () => (await lab.redis.keys()).map(({ key }) => key).filter((key) => key.startsWith(tag('')));

/**
 * Every tag set under the prefix with the keys it lists, and the PTTL of the set and of each
 * key, all read by one script: at the same instant, and in one round trip (05.4 reads them
 * in every gap between the code's round trips). Sets sorted by name.
 */
const READ_TAG_SETS = `
local sets, cursor = {}, '0'
repeat
  local reply = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 500)
  cursor = reply[1]
  for _, set in ipairs(reply[2]) do
    local members, pttls = redis.call('SMEMBERS', set), {}
    for i, key in ipairs(members) do pttls[i] = redis.call('PTTL', key) end
    table.insert(sets, { set, redis.call('PTTL', set), members, pttls })
  end
until cursor == '0'
return sets
`;
async function tagSetsWithTtls(): Promise<Array<{ set: string; setPttl: number; members: string[]; pagePttls: number[] }>> {
  const glob = `${tag('').replace(/[*?[\]\\]/g, '\\$&')}*`;
  const rows = (await lab.redis.admin.eval(READ_TAG_SETS, 0, glob)) as Array<[string, number, string[], number[]]>;
  return rows.map(([set, setPttl, members, pagePttls]) => ({ set, setPttl, members, pagePttls })).sort((a, b) => a.set.localeCompare(b.set));
}

/**
 * One line per tag set that dies before a page it lists, or (with `upper`) lives more than
 * TAG_TTL_MARGIN_SECONDS longer than the longest-lived one.
 */
async function ttlProblems(upper: boolean): Promise<string[]> {
  const problems: string[] = [];
  for (const { set, setPttl, members, pagePttls } of await tagSetsWithTtls()) {
    const longest = Math.max(0, ...pagePttls);
    const longestPage = members[pagePttls.indexOf(longest)] ?? 'none';
    // A few ms either way is rounding: not a page left unreachable, nor a set kept longer.
    if (setPttl < longest - 10 || (upper && setPttl > longest + TAG_TTL_MARGIN_SECONDS * 1000 + 10)) {
      const pages = members.map((key, j) => `${short(key)} ${pagePttls[j]} ms`).join(', ');
      problems.push(`PTTL ${short(set)} = ${setPttl} ms; its longest-lived page ${short(longestPage)} has ${longest} ms, so expected ${longest} to ${longest + TAG_TTL_MARGIN_SECONDS * 1000} ms (pages: ${pages})`);
    }
  }
  return problems;
}

/**
 * What `seconds` passing does to the keys under the prefix: each expiry moved that much
 * earlier, and the keys whose TTL runs out removed (PEXPIREAT in the past deletes), as the
 * server's clock would, without waiting. Absolute times, so every key moves by exactly as much.
 */
async function timePasses(seconds: number): Promise<void> {
  const keys = (await lab.redis.keys()).filter(({ pttlMs }) => pttlMs >= 0).map(({ key }) => key);
  const expiries = await Promise.all(keys.map((key) => lab.redis.admin.pexpiretime(key)));
  await Promise.all(keys.map((key, i) => lab.redis.admin.pexpireat(key, expiries[i]! - seconds * 1000)));
}

describe('caching pages with their tags', () => {
  it('05.1 a page is rendered from Postgres once, then served from Redis', async () => {
    const s = shop();
    // With Redis and Postgres healthy there is nothing to report: count what the code logs, at any level.
    const logs = captureConsole('05', ['log', 'info', 'debug', 'warn', 'error']);
    const pages: Array<[string, () => Promise<string | null>, string]> = [
      ['productPage(3)', () => s.productPage(3), 'Milk jug #3'],
      ["categoryPage('jugs')", () => s.categoryPage('jugs'), 'Milk jug #8'],
      ["searchPage('grinder')", () => s.searchPage('grinder'), 'Burr grinder #12'],
      // A blank is part of the term: ' grinder' is a search of its own, titled as asked.
      ["searchPage(' grinder')", () => s.searchPage(' grinder'), 'Burr grinder #17'],
    ];
    const headings: Record<string, string> = {
      "categoryPage('jugs')": heading('jugs'),
      "searchPage('grinder')": heading('Results for "grinder"'),
      "searchPage(' grinder')": heading('Results for " grinder"'),
    };
    let logged: string[];
    try {
      for (let round = 0; round < 2; round++) {
        for (const [name, read, text] of pages) {
          const html = await read();
          expect(html, `${name} should render "${text}"`).toContain(text);
          const wanted = headings[name];
          if (wanted) expect(html?.slice(0, wanted.length), `${name} should open with the heading the README gives it, ${wanted}`).toBe(wanted);
        }
      }
      expectQueries(lab.db, products, 4, `Four pages read twice (two searches whose terms differ by a blank): each renders once, then comes from Redis (the read path of Lesson 01, Cache-aside).`);
      // A hit leaves a page's TTL alone, also one about to expire: aged to a few seconds left
      // (as if cached all but that long ago), then read again.
      const pageKeys = (await lab.redis.keys()).filter(({ key }) => key.startsWith(page('')));
      const agedMs = between(3_000, 5_000);
      for (const { key } of pageKeys) await lab.redis.admin.pexpire(key, agedMs);
      for (const [, read] of pages) await read();
      const renewed = (await lab.redis.keys()).filter(({ key, pttlMs }) => key.startsWith(page('')) && pttlMs > agedMs);
      expect(
        renewed.map(({ key, pttlMs }) => `${short(key)}: PTTL ${pttlMs} ms`),
        `Each page was left ${agedMs} ms to live (as if cached all but that long ago), then read again; these hits gave their page a longer life. A hit serves the page and leaves its TTL alone (GET, not GETEX ... EX, no EXPIRE on read): the TTL bounds how long a page may be served without a render, and a page whose tag set expired, or whose invalidation was lost, would otherwise stay stale for as long as it is popular (${LESSON}, "How long a tag set lives").`,
      ).toEqual([]);
      // The other healthy paths say nothing either: a miss of an unknown id, a price change
      // that removes a cached page (product 8 is on the jugs listing), and one of no product.
      await s.productPage(9998);
      const [row] = await lab.db.sql<{ price_cents: number }>('SELECT price_cents FROM products WHERE id = 8');
      await s.updatePrice(8, row!.price_cents + 1);
      await s.updatePrice(9997, 100);
    } finally {
      logged = logs.lines();
      logs.restore();
    }
    expect(
      logged,
      `With Redis and Postgres healthy, reading four pages three times, a product that does not exist, changing a price on a cached listing and one of a product that does not exist logged:\n${logged.join('\n')}\nexpected nothing, at any level (console.log, info and debug too). A warning belongs to a command that failed; a line logged for every miss or every page written drowns the warnings that matter. ioredis's exec() resolves to [error, result] pairs, and error is null, not undefined, for a command that succeeded (${LESSON}, "Tag sets").`,
    ).toEqual([]);
    const before = new Set((await lab.redis.keys()).map(({ key }) => key));
    const unknown = await s.productPage(9999);
    const added = (await lab.redis.keys()).map(({ key }) => key).filter((key) => !before.has(key));
    expect(unknown, `productPage(9999) returned ${JSON.stringify(unknown)?.slice(0, 80)}; no product has that id, so expected null.`).toBeNull();
    expect(added, `productPage(9999) left ${added.join(', ')} in Redis; the README says an unknown id returns null and caches nothing, under any key: a remembered "not found" keeps a product created later invisible until it expires.`).toEqual([]);
  });

  it('05.2 each cached page is listed under the tag of every product and category it shows', async () => {
    const s = shop();
    await s.productPage(3); // Milk jug #3, category jugs
    await s.categoryPage('tools'); // products 4, 9, 14, 19
    await s.searchPage('grinder #1'); // Burr grinder #12 and #17
    await s.categoryPage('spoons'); // no products yet: listed under its own tag all the same
    const wanted: Array<[string, string, string]> = [
      [productTag(3), 'product:3', 'it is product 3'],
      [categoryTag('jugs'), 'product:3', 'it names its category'],
      [categoryTag('tools'), 'category:tools', 'it is that listing'],
      [categoryTag('spoons'), 'category:spoons', 'it is that listing, although no row names the category yet'],
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
      `${missing.join('\n')}\nWhen a page is cached, SADD its key to the set of every tag it shows: a product page to product:<id> and category:<name>, a listing to its own category:<name> (taken from the page asked for, not from its rows: an empty listing has none) and, like a search, to product:<id> of each row. The tag set is how a price change finds the page later (${LESSON}, "Tag sets").`,
    ).toEqual([]);
  });
});

describe('how long things live', () => {
  it("05.3 every key has a TTL: each page its class's, and every tag set one too", async () => {
    const s = shop();
    const idea = `Pages expire after their class's TTL (product ${PAGE_TTL_SECONDS.product} s, category ${PAGE_TTL_SECONDS.category} s, search ${PAGE_TTL_SECONDS.search} s), and a tag set needs a TTL too, or sets of long-gone pages pile up forever. Note that EXPIRE ... GT never sets a first TTL: to GT, "no TTL" counts as forever (${LESSON}, "How long a tag set lives").`;
    const pages: Array<[string, () => Promise<unknown>, number]> = [
      ['product:3', () => s.productPage(3), PAGE_TTL_SECONDS.product],
      ['product:8', () => s.productPage(8), PAGE_TTL_SECONDS.product],
      ['category:tools', () => s.categoryPage('tools'), PAGE_TTL_SECONDS.category],
      ['category:jugs', () => s.categoryPage('jugs'), PAGE_TTL_SECONDS.category],
      ['search:grinder', () => s.searchPage('grinder'), PAGE_TTL_SECONDS.search],
      ['search:jug', () => s.searchPage('jug'), PAGE_TTL_SECONDS.search],
    ];
    const wrong: string[] = [];
    // The TTL may have run down by the time from the read's start to the PTTL, no more.
    const ttlReading = async (name: string, read: () => Promise<unknown>) => {
      const since = performance.now();
      await read();
      const pttl = await lab.redis.admin.pttl(page(name));
      return { pttl, elapsed: Math.ceil(performance.now() - since) };
    };
    for (const [name, read, seconds] of pages) {
      // A read a loaded machine slowed leaves slack enough to hide a TTL cut short by a
      // second: it is taken again, the page dropped first, twice at most.
      let { pttl, elapsed } = await ttlReading(name, read);
      for (let again = 0; again < 2 && elapsed > 250; again++) {
        await lab.redis.admin.del(page(name));
        ({ pttl, elapsed } = await ttlReading(name, read));
      }
      const least = seconds * 1000 - elapsed - 1;
      if (pttl < least || pttl > seconds * 1000) wrong.push(`PTTL ${page(name)} is ${pttl} ms, read ${elapsed} ms after ${name} was asked for; expected ${least} to ${seconds * 1000}`);
    }
    expect(wrong, `${wrong.join('\n')}\nA page lives exactly its class's TTL from the moment it is cached: a TTL cut short, by a rounding or a random spread, is shorter than the README promises.\n${idea}`).toEqual([]);
    await expectEveryKeyHasTtl(lab.redis, idea);
  });

  it('05.4 a tag set outlives the longest-lived page it lists, by at most 60 s, whichever is cached first, also when a page is cached again while its set still lists it', async () => {
    const connections = codeConnections();
    const s = shop(connections.client);
    const reads: Array<[string, () => Promise<unknown>]> = [
      ['productPage(3)', () => s.productPage(3)], // product:3: a 600 s page, then a 60 s search
      ["searchPage('jug #3')", () => s.searchPage('jug #3')],
      ["searchPage('jug #8')", () => s.searchPage('jug #8')], // product:8: a 60 s search, then the 600 s page
      ['productPage(8)', () => s.productPage(8)],
      ["searchPage('grinder')", () => s.searchPage('grinder')], // product:2, 7, 12, 17: only 60 s searches
      // 100 s later the search has expired and its sets (120 s) have 20 s left, still listing
      // it: caching it again must give them its 60 s, although SADD adds nothing new.
      ["searchPage('grinder') again, 100 s later", async () => {
        await timePasses(100);
        return s.searchPage('grinder');
      }],
      ["searchPage('tamper #9')", () => s.searchPage('tamper #9')], // product:9: a 60 s search, then a 300 s listing
      ["categoryPage('tools')", () => s.categoryPage('tools')],
      ['productPage(11)', () => s.productPage(11)], // category:kettles: a 600 s product page, then its 300 s listing
      ["categoryPage('kettles')", () => s.categoryPage('kettles')], // product:6: a 300 s listing, then a 60 s search
      ["searchPage('kettle #6')", () => s.searchPage('kettle #6')],
    ];
    // Between the code's round trips too: a set that is lengthened a step after its page
    // is written is too short for as long as the code takes to get there, or for ever if
    // the process dies in between.
    const between: string[] = [];
    let reading = '';
    const stopChecker = connections.interleave(async () => {
      for (const line of await ttlProblems(false)) between.push(`between two round trips of ${reading}: ${line}`);
    });
    try {
      for (const [name, read] of reads) {
        reading = name;
        await read();
      }
    } finally {
      stopChecker();
    }
    const judged = [3, 8, 12, 9, 6].map((id) => tag(productTag(id)));
    const sets = await tagSets();
    const problems = [...between.slice(0, 3), ...judged.filter((key) => !sets.includes(key)).map((key) => `${key} does not exist`), ...(await ttlProblems(true))];
    expect(
      problems,
      `Tag sets under ${lab.redis.prefix} (-1 means no TTL, -2 no such key):\n${problems.join('\n')}\n` +
        `Pages of three classes were cached in both orders: a 600 s product page with a 60 s search, a 300 s listing with a 60 s search, a 600 s product page and then its category's 300 s listing (both in the category's set), and searches alone. ` +
        `A set that dies before one of its pages leaves that page unreachable, stale until its own TTL; one that lives more than ${TAG_TTL_MARGIN_SECONDS} s longer than its longest-lived page only holds dead keys. ` +
        `Then 100 s passed (the suite shortened every TTL by 100 s, and removed what had expired) and the search for 'grinder' was cached again, while its sets still listed its expired key. ` +
        `Each write may lengthen the set's TTL to its page's TTL + ${TAG_TTL_MARGIN_SECONDS} s, never shorten it: EXPIRE ... NX, then EXPIRE ... GT, in the step that writes the page, every time, also when SADD answers 0 because the set already lists the key (${LESSON}, "How long a tag set lives").`,
    ).toEqual([]);
  });
});
