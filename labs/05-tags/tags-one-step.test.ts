// Lab 05 checks, part 3: one step, whichever connection sends it. These checks judge what
// the server ran (MONITOR sees every connection the code opens, and the commands inside its
// scripts), and they reach every connection the code makes with duplicate(): a second
// connection changes who sends a command, not what the server runs.
// Run: npm test labs/05-tags.
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { serverCommandsDuring, type ServerCommand } from '../../harness/lab/server-commands.js';
import { holdReply, type HeldReply } from '../../harness/lab/hold.js';
import { atomicSteps } from '../../harness/lab/steps.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { forgetfulScripts, useCodeConnections } from './code-connections.support.js';
import { MANY, addManyProducts } from './many-products.support.js';
import { createCatalogPages } from './src/catalog-pages.js';
import { categoryTag, formatPrice, pageKey, productTag, tagKey } from './src/contract.js';

const lab = useLab('05');
const LESSON = 'Lesson 05, Tags';
const codeConnections = useCodeConnections(lab);

const stepsOf = (commands: ServerCommand[]) => atomicSteps(commands).map((step) => step.commands);

const shorten = (step: ServerCommand[]) => {
  const line = step.map((c) => [c.name, ...c.args.map((a) => a.replace(lab.redis.prefix, ''))].join(' ')).join('; ');
  return `[${step[0]!.source === 'lua' ? 'script' : step[0]!.source}] ${line.length > 140 ? `${line.slice(0, 137)}...` : line}`;
};

const shop = (redis: Redis = codeConnections().client) => createCatalogPages({ redis, db: lab.db.pool, keyPrefix: lab.redis.prefix });
const page = (name: string) => pageKey(lab.redis.prefix, name);
const tag = (name: string) => tagKey(lab.redis.prefix, name);
const listing = (keys: string[]) => (keys.length ? keys.join(', ') : 'nothing');
const priceOf = (html: string | null, id: number) =>
  new RegExp(`data-product="${id}">.*?(\\$\\d+\\.\\d\\d)`).exec(html ?? '')?.[1] ?? `no price for product ${id}`;

async function held(keys: string[]): Promise<string[]> {
  const found = await Promise.all(keys.map((key) => lab.redis.admin.exists(key)));
  return keys.filter((_, i) => found[i] === 1);
}

describe('one step, whichever connection sends it', () => {
  it('05.11 a page and its tag memberships are written in one step, also a listing of 1,200 products: no moment where it is cached and listed nowhere', async () => {
    const s = shop();
    // A listing and a search that show more products than any batch a code would split
    // the memberships into, or any cap on a page's tags: the step that writes the page
    // must list it under every one.
    const many = await addManyProducts(lab, 1200);
    const { commands } = await serverCommandsDuring(lab.redis, async () => {
      await s.productPage(3);
      await s.categoryPage('tools');
      await s.searchPage('grinder #1');
      await s.categoryPage(MANY.category);
      await s.searchPage(MANY.term);
    });
    const expected: Record<string, string[]> = {
      [page('product:3')]: [productTag(3), categoryTag('jugs')],
      [page('category:tools')]: [categoryTag('tools'), ...[4, 9, 14, 19].map(productTag)],
      [page('search:grinder #1')]: [productTag(12), productTag(17)],
      [page(`category:${MANY.category}`)]: [categoryTag(MANY.category), ...many.map(productTag)],
      [page(`search:${MANY.term}`)]: many.slice(0, 50).map(productTag), // the search's LIMIT 50
    };
    const problems: string[] = [];
    const steps = stepsOf(commands);
    for (const [key, tags] of Object.entries(expected)) {
      const writes = steps.filter((step) => step.some((c) => /^(P?SETEX|SET|SETNX|GETSET)$/.test(c.name) && c.args[0] === key));
      if (writes.length === 0) problems.push(`the server never saw ${key} written`);
      for (const step of writes) {
        const listedIn = new Set(step.filter((c) => c.name === 'SADD' && c.args.slice(1).includes(key)).map((c) => c.args[0]));
        const unlisted = tags.filter((name) => !listedIn.has(tag(name)));
        const names = unlisted.slice(0, 3).map(tag).join(', ') + (unlisted.length > 3 ? ` and ${unlisted.length - 3} more` : '');
        if (unlisted.length > 0) problems.push(`${shorten(step)}\n    wrote ${key} without SADD to ${names} (${unlisted.length} of its ${tags.length} tag sets) in the same step`);
      }
    }
    expect(
      problems,
      `${problems.join('\n')}\nBetween the step that writes a page and the step that lists it, the page is cached and no tag set names it: an invalidation that runs there cannot find it, and a process that dies there leaves it unreachable until its TTL ends. Write the page and all its memberships (with the sets' EXPIREs) in one MULTI ... EXEC or one script, however many tags it has: splitting a 1,200-product listing into smaller transactions opens the same gap between them, and a cap on a page's tags leaves it listed nowhere for the rows past the cap (${LESSON}, "Tag sets").`,
    ).toEqual([]);
  });

  it("05.8 an invalidation is one atomic step: the server removes all of the tag's pages at once, and a reader sees all or none, also after Redis forgot its scripts", async () => {
    const connections = codeConnections();
    const scripts = forgetfulScripts(connections);
    const s = shop(connections.client);
    const terms = ['kettle', 'Kettle #1', 'pour', 'over', 'r-over', 'ttle #1', 'e #1', '#1', 'kettle #', 'Pour-over kettle #1'];
    const keys = [page('product:1'), page('category:kettles'), ...terms.map((term) => page(`search:${term}`))];
    const idea = `Read the members and delete them and the set in one step: a Lua script, or WATCH + MULTI ... EXEC. Deleting page by page, on any connection, lets readers see a half-invalidated site. A script the server has forgotten (NOSCRIPT after a restart or failover) is sent again whole, never replaced by separate commands (${LESSON}, "Invalidating a tag in one step").`;
    // Twice: with the server knowing the code's scripts, then right after it forgot them.
    for (const when of ['', ', right after Redis restarted and forgot its scripts']) {
      if (when) scripts.restart();
      await s.productPage(1);
      await s.categoryPage('kettles');
      for (const term of terms) await s.searchPage(term);
      const seen: number[] = [];
      const stopReader = connections.interleave(async () => seen.push(await lab.redis.admin.exists(...keys)));
      let commands: ServerCommand[];
      try {
        ({ commands } = await serverCommandsDuring(lab.redis, () => s.invalidateTag(productTag(1))));
      } finally {
        stopReader();
      }
      // The pages and the set that lists them: a set removed a step after its pages may by then list a page cached in between.
      const doomed = new Set([...keys, tag(productTag(1))]);
      const deleting = stepsOf(commands).filter((step) => step.some((c) => /^(DEL|UNLINK|GETDEL)$/.test(c.name) && c.args.some((arg) => doomed.has(arg))));
      const shown = deleting.slice(0, 4).map(shorten).join('\n  ') + (deleting.length > 4 ? `\n  ...and ${deleting.length - 4} more` : '');
      expect(deleting.length, `The server removed the tag's ${keys.length} pages and its set in ${deleting.length} steps${when}:\n  ${shown || '(none)'}\nexpected exactly one.\n${idea}`).toBe(1);
      const partial = seen.filter((count) => count !== 0 && count !== keys.length);
      expect(partial, `Between invalidateTag's round trips${when}, a reader found ${partial.join(', ')} of the tag's ${keys.length} pages still cached; expected all or none.\n${idea}`).toEqual([]);
      const left = await held(keys);
      expect(left, `After invalidateTag('product:1') resolved${when}, Redis still held ${listing(left)}.\n${idea}`).toEqual([]);
    }
  });

  it('05.9 a page cached while an invalidation runs is never left unlisted: the next invalidation still reaches it', async () => {
    const main = codeConnections();
    const s = shop(main.client);
    const other = shop();
    await s.productPage(1);
    await s.searchPage('kettle');
    // Another instance caches a new page showing product 1 in every gap of the
    // invalidation, on every connection it uses ...
    const fresh = ['our-over kettle #1', 'ur-over kettle #1', 'r-over kettle #1', '-over kettle #1', 'over kettle #1', 'ver kettle #1', 'er kettle #1', 'r kettle #1', ' kettle #1', 'kettle #1', 'ettle #1', 'ttle #1'];
    const written: string[] = [];
    const stopWriter = main.interleave(async () => {
      const term = fresh[written.length];
      if (term === undefined) return;
      written.push(term);
      await other.searchPage(term);
    });
    try {
      // Two requests of this instance invalidate product 1 at once, on its one shared client.
      await Promise.all([s.invalidateTag(productTag(1)), s.invalidateTag(productTag(1))]);
    } finally {
      stopWriter();
    }
    for (const term of written) await other.searchPage(term);
    // ... and an invalidation runs in every gap of a page being cached.
    const writing = codeConnections();
    const stopInvalidator = writing.interleave(() => s.invalidateTag(productTag(1)));
    try {
      await shop(writing.client).searchPage('Pour-over');
    } finally {
      stopInvalidator();
    }
    await s.updatePrice(1, 3131);
    const stale: string[] = [];
    for (const term of [...written, 'Pour-over']) {
      const html = await s.searchPage(term);
      if (priceOf(html, 1) !== formatPrice(3131)) stale.push(`searchPage('${term}') still shows ${priceOf(html, 1)}`);
    }
    expect(
      stale,
      `${stale.join('; ')} after updatePrice(1, 3131): the page was cached while product:1 was being invalidated and ended up in Redis without being listed under the tag.\nIf the members are read (SMEMBERS) and deleted in separate steps, a page added in between is dropped from the set but not deleted; if the tags are written before the page, an invalidation in between deletes the set before the page arrives. A WATCH on the process's shared client guards nothing: any EXEC of another request on that connection clears it. Write page and tags in one MULTI, invalidate in one script, or a WATCHed MULTI on a connection of its own (${LESSON}, "Invalidating a tag in one step").`,
    ).toEqual([]);

    // One invalidation alone, a writer in its gaps: a page cached before the step
    // that deletes the tag's pages is listed when that step runs, so the step removes it.
    await s.productPage(1);
    const gap = ['tle #1', 'le #1', 'e #1']; // searches no part above cached
    const early: string[] = [];
    const stopGapWriter = main.interleave(async () => {
      const term = gap[early.length];
      if (term === undefined) return;
      early.push(term);
      await other.searchPage(term);
    });
    let commands: ServerCommand[];
    try {
      ({ commands } = await serverCommandsDuring(lab.redis, () => s.invalidateTag(productTag(1))));
    } finally {
      stopGapWriter();
    }
    const steps = stepsOf(commands);
    const deleting = steps.findLastIndex((step) => step.some((c) => /^(DEL|UNLINK|GETDEL)$/.test(c.name) && c.args.includes(page('product:1'))));
    const writtenBefore = early.filter((term) => steps.slice(0, deleting).some((step) => step.some((c) => c.name === 'SET' && c.args[0] === page(`search:${term}`))));
    const overlooked = await held(writtenBefore.map((term) => page(`search:${term}`)));
    expect(
      overlooked,
      `Cached between invalidateTag('product:1')'s round trips, before the step that deleted product 1's page, and still cached after it resolved: ${listing(overlooked)}.\nWhen that step ran, the tag's set listed the page: an invalidation removes every page its set lists at that moment. Reading the members (SMEMBERS) in one step and deleting what was read in a later one misses what was added in between, even if it leaves it in the set. Read and delete in one script, or WATCH the set and retry the MULTI when it changed (${LESSON}, "Invalidating a tag in one step").`,
    ).toEqual([]);

    // A second invalidation that starts once the first has run in Redis, its reply
    // still on the way: a page cached in between is the second one's to remove.
    const late = 'kettle #';
    let ran!: () => void;
    const firstRan = new Promise<void>((resolve) => (ran = resolve));
    const replies: HeldReply[] = [];
    const stopHolding = main.each((connection) => {
      const reply = holdReply(connection, tag(productTag(1)));
      void reply.fetched.then(ran);
      replies.push(reply);
      return () => {};
    });
    const first = s.invalidateTag(productTag(1));
    await firstRan;
    stopHolding();
    await other.searchPage(late);
    const second = s.invalidateTag(productTag(1));
    for (const reply of replies) reply.release();
    await Promise.all([first, second]);
    const missed = await held([page(`search:${late}`)]);
    expect(
      missed,
      `The first invalidateTag('product:1') ran in Redis, then another instance cached searchPage('${late}'), then a second invalidateTag('product:1') began before the first one's reply arrived; after both resolved, ${listing(missed)} was still cached.\nAn invalidation that starts after a page was cached must remove it: joining one already in flight is not enough when that one has already run. Run each invalidation (${LESSON}, "Invalidating a tag in one step").`,
    ).toEqual([]);
  });

  it('05.21 the connections the code opens do not grow with its work: ten more price changes, reads and failed invalidations open none', async () => {
    const connections = codeConnections();
    const s = shop(connections.client);
    const open = () => connections.all.filter((c) => ['connecting', 'connect', 'ready', 'reconnecting'].includes(c.status)).length;
    const work = async (cents: number) => {
      await s.productPage(1);
      await s.searchPage('kettle');
      await s.updatePrice(1, cents);
    };
    // A tag key that holds a string, not a set: Redis refuses the invalidation (WRONGTYPE),
    // and a failed call must give its connection back as a good one does.
    const broken = productTag(99);
    await lab.redis.admin.set(tag(broken), 'not a set', 'EX', 60);
    const failing = () => s.invalidateTag(broken).then(() => undefined, () => undefined);
    const refused = await s.invalidateTag(broken).then(() => 'resolved', (error: unknown) => `rejected (${String(error)})`);
    expect(
      refused,
      `invalidateTag('${broken}'), whose tag key holds a string (Redis answers WRONGTYPE), ${refused}; expected it to reject. Redis removed nothing: a caller told otherwise believes the pages are gone. Let the error out of the script (redis.call, not a pcall whose error is dropped) (${LESSON}, "Invalidating a tag in one step").`,
    ).toMatch(/^rejected/);
    for (const cents of [1001, 1002]) await Promise.all([work(cents), failing()]);
    const warm = open();
    for (let round = 0; round < 10; round += 1) await Promise.all([work(1100 + round), failing()]);
    const after = open();
    expect(
      after,
      `After two price changes and two invalidations that Redis refused, the code held ${warm} open connection(s) to Redis; after ten more of each, ${after}. A connection of its own for a WATCH ... MULTI is fine, but one opened per call and never closed (quit()), or closed only when the call succeeds, leaks: each is a socket and a client on the server, and a busy shop reaches maxclients within the hour (${LESSON}, "Invalidating a tag in one step").`,
    ).toBe(warm);
  });
});
