// Lab 05 checks, part 4: a price change, seen from outside: against the database commit,
// from another process, from another connection the moment it resolves, and with Redis
// failing. Checks that delay or break "the code's Redis" reach every connection the code
// makes with duplicate(). Run: npm test labs/05-tags.
import { ReplyError, type Redis } from 'ioredis';
import type { Pool } from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { useCodeConnections } from './code-connections.support.js';
import { createCatalogPages } from './src/catalog-pages.js';
import { categoryTag, formatPrice, pageKey, productTag, tagKey } from './src/contract.js';

const lab = useLab('05');
const LESSON = 'Lesson 05, Tags';
const codeConnections = useCodeConnections(lab);

/** Commands that set up a connection, let through when a check breaks or delays the others. */
const HANDSHAKE = new Set(['client', 'info', 'select', 'hello', 'auth', 'ping', 'readonly']);

/** Commands a read-only replica still answers: the page reads. */
const READS = new Set(['get', 'mget', 'exists', 'ttl', 'pttl', 'type', 'smembers', 'sismember', 'scard']);

/** Every command the code sends that `refused` names fails with `error`, until undone. */
const refuse = (refused: (name: string) => boolean, error: Error) => (connection: Redis) => {
  let on = true;
  wrapCommands(connection, (command, send) => {
    const name = command.name.toLowerCase();
    if (!on || HANDSHAKE.has(name) || !refused(name)) return send(command);
    command.reject(error);
    return command.promise;
  });
  return () => (on = false);
};

/**
 * Every command of the code leaves on a later turn of the event loop, and, while the check
 * holds `gate.now`, only after it: what the code sends after its promise resolved reaches
 * Redis only after the check has looked.
 */
const deferBehind = (gate: { now?: Promise<void> }) => (connection: Redis) => {
  let on = true;
  wrapCommands(connection, (command, send) => {
    if (!on || HANDSHAKE.has(command.name.toLowerCase())) return send(command);
    // The caller awaits command.promise; this chain only sends, so its copy of a rejection is dropped.
    setTimeout(() => void (gate.now ?? Promise.resolve()).then(() => send(command)).catch(() => {}), 0);
    return command.promise;
  });
  return () => (on = false);
};

/** Another process's own Postgres connection: never held or failed with the lab's pool. */
const otherDb = { query: async (text: string, values: unknown[] = []) => ({ rows: await lab.db.sql(text, values) }) } as unknown as Pool;
const shop = (redis: Redis = lab.redis.client(), db: Pool = lab.db.pool) => createCatalogPages({ redis, db, keyPrefix: lab.redis.prefix });
const page = (name: string) => pageKey(lab.redis.prefix, name);
const listing = (keys: string[]) => (keys.length ? keys.join(', ') : 'nothing');
const priceOf = (html: string | null, id: number) =>
  new RegExp(`data-product="${id}">.*?(\\$\\d+\\.\\d\\d)`).exec(html ?? '')?.[1] ?? `no price for product ${id}`;

type Shop = ReturnType<typeof shop>;
/** Product 1's three kinds of page, as a reader asks for them. */
const viewsOfProduct1 = (s: Shop): Record<string, () => Promise<string | null>> => ({
  'productPage(1)': () => s.productPage(1),
  "categoryPage('kettles')": () => s.categoryPage('kettles'),
  "searchPage('kettle')": () => s.searchPage('kettle'),
});

async function held(keys: string[]): Promise<string[]> {
  const found = await Promise.all(keys.map((key) => lab.redis.admin.exists(key)));
  return keys.filter((_, i) => found[i] === 1);
}

async function stalePages(s: Shop, cents: number): Promise<string[]> {
  const stale: string[] = [];
  for (const [name, view] of Object.entries(viewsOfProduct1(s))) {
    const html = await view();
    if (priceOf(html, 1) !== formatPrice(cents)) stale.push(`${name} shows ${priceOf(html, 1)}`);
  }
  return stale;
}

describe('a price change against the database', () => {
  it('05.12 the pages are invalidated after the commit: a reader that misses while the UPDATE runs cannot keep the old price cached', async () => {
    const writer = shop();
    const reader = shop(lab.redis.client(), otherDb); // another process, with a connection of its own
    await writer.productPage(1);
    await writer.categoryPage('kettles'); // cached at the old price; the search is not cached yet
    const heldUpdate = lab.db.holdQueries(/^\s*UPDATE\b/i);
    const heldCommit = lab.db.holdQueries(/^\s*(COMMIT|END)\b/i); // for code that opens a transaction of its own
    const write = writer.updatePrice(1, 2468);
    write.catch(() => {}); // awaited below
    const gaps: string[] = [];
    const readAll = async (when: string) => {
      const inRedis = (await Promise.all([page('product:1'), page('category:kettles'), page('search:kettle')].map((key) => lab.redis.admin.exists(key)))).reduce((a, b) => a + b, 0);
      for (const view of Object.values(viewsOfProduct1(reader))) await view();
      gaps.push(`${when}, Redis held ${inRedis} of product 1's 3 pages and the reader rendered or read the rest at the old price`);
    };
    try {
      await expectSettlesWithin(heldUpdate.reached, 2000, 'updatePrice(1, 2468) reaching its UPDATE', 'updatePrice must change the row with an UPDATE on products (updateProductPrice in contract.ts).');
      await readAll('before the UPDATE ran');
      heldUpdate.release();
      const atCommit = await Promise.race([heldCommit.reached.then(() => true), write.then(() => false, () => false)]);
      if (atCommit) await readAll('after the UPDATE, before its COMMIT');
    } finally {
      heldUpdate.release();
      heldCommit.release();
    }
    await write;
    const stale = await stalePages(shop(), 2468);
    expect(
      stale,
      `updatePrice(1, 2468) was held at the database: ${gaps.join('; ')}. After it resolved, ${stale.join('; ')}; expected ${formatPrice(2468)}.\n` +
        `Until the UPDATE commits, Postgres still returns the old price, so a page rendered then is old. If the tag is invalidated before the commit, such a page is cached again and nothing removes it. Commit first, then invalidate: whatever renders afterwards reads the new row (${LESSON}, "Invalidating a tag in one step"; Lesson 03, "Delete after the commit").`,
    ).toEqual([]);
  });

  it('05.18 two processes share the tags: pages process A caches after process B invalidates are reached by B again', async () => {
    const [a, b] = await separateProcesses(2, () => import('./src/catalog-pages.js'));
    const options = (redis: Redis) => ({ redis, db: lab.db.pool, keyPrefix: lab.redis.prefix });
    const processA = a!.createCatalogPages(options(lab.redis.client()));
    const processB = b!.createCatalogPages(options(lab.redis.client()));
    const problems: string[] = [];
    for (const [round, cents] of [[1, 1500], [2, 1600], [3, 1700]] as const) {
      for (const view of Object.values(viewsOfProduct1(processA))) await view(); // A caches (again)
      await processB.updatePrice(1, cents);
      for (const [who, s] of [['process A', processA], ['process B', processB]] as const) {
        problems.push(...(await stalePages(s, cents)).map((line) => `after B's price change ${round} to ${formatPrice(cents)}, ${who}'s ${line}`));
      }
    }
    expect(
      problems,
      `${problems.join('\n')}\nProcess A caches product 1's pages, process B changes the price, three times; the two share only Redis and Postgres. Whatever a process remembers about the tags (which memberships it has written, which sets exist) is invisible to the other and goes stale when it invalidates: keep it all in Redis (${LESSON}, "Tag sets").`,
    ).toEqual([]);
  });
  it('05.20 a Postgres that fails fails the call: updatePrice and a page read reject, never answer as for an unknown product', async () => {
    const s = shop();
    await s.productPage(1);
    const logs = [vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')].map((spy) => spy.mockImplementation(() => {}));
    const undo = lab.db.failQueries(/^\s*(UPDATE|SELECT)\b/i, new Error('canceling statement due to statement timeout (injected by the check)'));
    const settle = <T>(work: Promise<T>) => work.then((value) => `resolved to ${JSON.stringify(value)?.slice(0, 60)}`, () => 'rejected');
    let outcomes: string[];
    try {
      outcomes = [`updatePrice(1, 4321) ${await settle(s.updatePrice(1, 4321))}`, `productPage(2) ${await settle(s.productPage(2))}`];
    } finally {
      undo();
      for (const spy of logs) spy.mockRestore();
    }
    const answered = outcomes.filter((line) => !line.endsWith('rejected'));
    const cached = await held([page('product:2')]);
    expect(
      [...answered, ...cached.map((key) => `${key} was cached`)],
      `With Postgres failing every UPDATE and SELECT: ${[...answered, ...cached.map((key) => `${key} was cached`)].join('; ')}; expected both calls to reject and nothing cached.\n` +
        `null means "no such product". A try/catch around the whole call that logs and returns null turns a failed UPDATE into "unknown product": the caller shows a 404, or believes the price is saved. Catch only the Redis step after the commit; a database error is the caller's to hear (Lesson 01, "When Redis is down").`,
    ).toEqual([]);
  });
});

describe('a price change, seen from outside', () => {
  it('05.17 when updatePrice and invalidateTag resolve, the pages are already gone', async () => {
    const connections = codeConnections();
    const s = shop(connections.client);
    await s.productPage(1);
    await s.categoryPage('kettles');
    await s.searchPage('kettle');
    await s.productPage(3);
    await s.categoryPage('jugs');
    const gate: { now?: Promise<void> } = {};
    /** Which of `keys` another connection finds the moment `work` resolves, before the code's later commands run. */
    const heldWhenDone = async (work: Promise<unknown>, keys: string[]) => {
      await work;
      let open!: () => void;
      gate.now = new Promise((resolve) => (open = resolve));
      try {
        return await held(keys);
      } finally {
        open();
        gate.now = undefined;
      }
    };
    const restore = connections.each(deferBehind(gate));
    let afterUpdate: string[];
    let afterInvalidate: string[];
    try {
      afterUpdate = await heldWhenDone(s.updatePrice(1, 1357), [page('product:1'), page('category:kettles'), page('search:kettle')]);
      afterInvalidate = await heldWhenDone(s.invalidateTag(categoryTag('jugs')), [page('product:3'), page('category:jugs')]);
    } finally {
      restore();
    }
    const idea = `A caller that reads right after updatePrice resolves, from any process, must not get the old page: await the invalidation before resolving. Fire-and-forget ("void invalidateTag(...)") returns before Redis has run anything (${LESSON}, "Invalidating a tag in one step").`;
    expect(afterUpdate, `When updatePrice(1, 1357) resolved, another connection still found ${listing(afterUpdate)}.\n${idea}`).toEqual([]);
    expect(afterInvalidate, `When invalidateTag('category:jugs') resolved, another connection still found ${listing(afterInvalidate)}.\n${idea}`).toEqual([]);
  });

  it('05.16 a Redis that fails costs renders, never a page or a price change: updatePrice still commits, logs and resolves with the row', async () => {
    const connections = codeConnections();
    const s = shop(connections.client);
    await s.productPage(1);
    await s.searchPage('kettle');
    // The warnings a failing Redis should cause, kept out of the learner's output and counted.
    const logs = [vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')].map((spy) => spy.mockImplementation(() => {}));
    const logged = () => logs.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
    const settle = <T>(work: Promise<T>): Promise<{ value?: T; error?: string }> => work.then((value) => ({ value }), (error: unknown) => ({ error: String(error) }));
    const idea = `The database is the source of truth and Redis only a copy. When Redis fails, at any command, render from Postgres, skip the cache and log the failure (console.warn or console.error); when the invalidation after a committed UPDATE fails, the price has still changed: log it (console.warn or console.error) and resolve (the pages' TTL bounds the lag), or retry from an outbox (Lesson 01, "When Redis is down"; ${LESSON}, "Invalidating a tag in one step").`;
    const faults = [
      { what: 'every Redis command failing', cents: 1999, wrap: refuse(() => true, new Error('Connection is closed. (Redis is down, injected by the check)')) },
      // A failover demoted the server: reads still answer (the pages miss), every write is refused.
      { what: 'Redis answering reads and refusing every write', cents: 2999, wrap: refuse((name) => !READS.has(name), new ReplyError("READONLY You can't write against a read only replica. (injected by the check)")) },
    ];
    const problems: string[] = [];
    try {
      for (const { what, cents, wrap } of faults) {
        const restore = connections.each(wrap);
        try {
          const before = logged();
          const update = await expectSettlesWithin(settle(s.updatePrice(1, cents)), LIVENESS_MS, `updatePrice(1, ${cents}) with ${what}`, idea);
          const [row] = await lab.db.sql<{ price_cents: number }>('SELECT price_cents FROM products WHERE id = 1');
          if (update.value?.id !== 1 || update.value.priceCents !== cents) {
            problems.push(`with ${what}, updatePrice(1, ${cents}) ${update.error ? `rejected: ${update.error}` : `resolved to ${JSON.stringify(update.value)}`}; Postgres holds ${row?.price_cents}, expected it to resolve with the committed row`);
          } else if (logged() === before) {
            problems.push(`with ${what}, updatePrice(1, ${cents}) resolved without logging anything: the pages still show the old price and nobody is told`);
          }
          const beforePages = logged();
          for (const [page, outcome, text] of [
            ['productPage(2)', await settle(s.productPage(2)), 'Burr grinder #2'],
            ["categoryPage('jugs')", await settle(s.categoryPage('jugs')), 'Milk jug #13'],
            ["searchPage('tamper')", await settle(s.searchPage('tamper')), 'Tamper #19'],
          ] as const) {
            if (!String(outcome.value ?? '').includes(text)) problems.push(`with ${what}, ${page} ${outcome.error ? `rejected: ${outcome.error}` : `returned ${String(outcome.value).slice(0, 60)}`}, expected the page rendered from Postgres`);
          }
          if (logged() === beforePages) problems.push(`with ${what}, three page reads whose cache writes all failed logged nothing: the cache is off and nobody is told`);
        } finally {
          restore();
        }
      }
      // Redis accepts the transaction and refuses one command in it: EXEC answers, with the
      // error in that command's reply. Here a tag key an older release left holding a string.
      const stale = tagKey(lab.redis.prefix, productTag(4));
      await lab.redis.admin.set(stale, 'written by an older release', 'EX', 600);
      const before = logged();
      const outcome = await settle(s.productPage(4));
      if (!String(outcome.value ?? '').includes('Tamper #4')) {
        problems.push(`with ${stale} holding a string, productPage(4) ${outcome.error ? `rejected: ${outcome.error}` : `returned ${String(outcome.value).slice(0, 60)}`}, expected the page rendered from Postgres`);
      } else if (logged() === before) {
        problems.push(`with ${stale} holding a string, Redis answered WRONGTYPE to the SADD that lists product 4's page, and productPage(4) logged nothing: a write refused in part is a failed write (ioredis's exec() resolves anyway, with the error in that command's reply)`);
      }
    } finally {
      for (const spy of logs) spy.mockRestore();
    }
    expect(problems, `${problems.join('\n')}\n${idea}`).toEqual([]);
  });
});
