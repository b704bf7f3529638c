// Lab 05 checks, part 4: a price change, seen from outside: against the database commit,
// from another process, and with Redis failing (the moment it resolves: part 5). Checks
// that break "the code's Redis" reach every connection the code makes with duplicate().
// Run: npm test labs/05-tags.
import { ReplyError, type Command, type Redis } from 'ioredis';
import type { Pool } from 'pg';
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { useCodeConnections } from './code-connections.support.js';
import { HANDSHAKE, holdFirstReply, viewsOfProduct1, type Shop } from './price-change.support.js';
import { createCatalogPages } from './src/catalog-pages.js';
import { formatPrice, pageKey, productTag, tagKey } from './src/contract.js';

const lab = useLab('05');
const LESSON = 'Lesson 05, Tags';
const codeConnections = useCodeConnections(lab);

/** Commands a read-only replica still answers: the page reads. */
const READS = new Set(['get', 'mget', 'exists', 'ttl', 'pttl', 'type', 'smembers', 'sismember', 'scard']);

/** Scripts that may write: the one step a page can be written in, besides MULTI ... EXEC. */
const SCRIPTS = new Set(['eval', 'evalsha', 'fcall']);

/**
 * A read of a page, known by what it does rather than by its name (GET, GETEX, a pipeline of
 * either...): any command on a page key outside the one step that writes a page, MULTI ...
 * EXEC or a script that may write.
 */
const readsAPage = (command: Command, inTransaction: boolean) =>
  !inTransaction && !SCRIPTS.has(command.name.toLowerCase()) && command.args.some((arg) => String(arg).startsWith(page('')));

/**
 * Every command the code sends that `refused` picks (told whether it is queued in a MULTI)
 * fails with `error`, until undone; `seen` counts them.
 */
const refuse = (refused: (name: string, command: Command, inTransaction: boolean) => boolean, error: Error, seen = { count: 0 }) => (connection: Redis) => {
  let on = true;
  let inTransaction = false;
  wrapCommands(connection, (command, send) => {
    const name = command.name.toLowerCase();
    const queued = inTransaction;
    if (name === 'multi') inTransaction = true;
    if (name === 'exec' || name === 'discard') inTransaction = false;
    if (!on || HANDSHAKE.has(name) || !refused(name, command, queued)) return send(command);
    seen.count += 1;
    command.reject(error);
    return command.promise;
  });
  return () => (on = false);
};

/**
 * The lab's pool as the code sees it, calling `after` once each of the code's statements
 * has finished (a COMMIT of a transaction of its own too), before the code hears of it.
 */
function poolReporting(after: () => Promise<void>): Pool {
  const reporting = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, name) {
        const value: unknown = Reflect.get(object, name, object);
        if (typeof value !== 'function') return value;
        if (name === 'query') return async (...args: unknown[]) => {
          const result: unknown = await value.apply(object, args);
          await after();
          return result;
        };
        if (name === 'connect') return async (...args: unknown[]) => reporting((await value.apply(object, args)) as object);
        return value.bind(object);
      },
    });
  return reporting(lab.db.pool);
}

/** Another process's own Postgres connection: never held or failed with the lab's pool. */
const otherDb = { query: async (text: string, values: unknown[] = []) => ({ rows: await lab.db.sql(text, values) }) } as unknown as Pool;
const shop = (redis: Redis = lab.redis.client(), db: Pool = lab.db.pool) => createCatalogPages({ redis, db, keyPrefix: lab.redis.prefix });
const page = (name: string) => pageKey(lab.redis.prefix, name);
const priceOf = (html: string | null, id: number) =>
  new RegExp(`data-product="${id}">.*?(\\$\\d+\\.\\d\\d)`).exec(html ?? '')?.[1] ?? `no price for product ${id}`;


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
  it('05.12 the pages are invalidated after the commit: a reader that misses while the UPDATE runs cannot keep the old price cached, also while an earlier invalidation of the tag is still in flight', async () => {
    const writer = shop();
    const reader = shop(lab.redis.client(), otherDb); // another process, with a connection of its own
    // The price the row already has: invalidated after the commit all the same, never before.
    await writer.productPage(2);
    const [unchanged] = await lab.db.sql<{ price_cents: number }>('SELECT price_cents FROM products WHERE id = 2');
    const heldSame = lab.db.holdQueries(/^\s*UPDATE\b/i);
    const same = writer.updatePrice(2, unchanged!.price_cents);
    same.catch(() => {}); // awaited below
    let cachedWhileHeld: number;
    try {
      await expectSettlesWithin(heldSame.reached, 2000, `updatePrice(2, ${unchanged!.price_cents}) reaching its UPDATE`, 'updatePrice must change the row with an UPDATE on products, also when the price is the same.');
      cachedWhileHeld = await lab.redis.admin.exists(page('product:2'));
    } finally {
      heldSame.release();
    }
    await same;
    expect(cachedWhileHeld, `updatePrice(2, ${unchanged!.price_cents}), the price the row already had, was held at its UPDATE, and product 2's page was already gone from Redis: the invalidation ran before the commit. Whether or not the price changes, another write may commit in between; invalidate after this UPDATE has committed, every time (${LESSON}, "Invalidating a tag in one step").`).toBe(1);
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

    // Two price changes of product 1 in one instance. The first one's invalidation has run in
    // Redis, its reply held; a reader caches the pages at the first new price; then the
    // second change commits, and its invalidation must run after that commit, on its own.
    const connections = codeConnections();
    let committed!: () => void;
    const secondCommitted = new Promise<void>((resolve) => (committed = resolve));
    const db = poolReporting(async () => {
      const [row] = await lab.db.sql<{ price_cents: number }>('SELECT price_cents FROM products WHERE id = 1');
      if (row?.price_cents === 2222) committed();
    });
    const s = shop(connections.client, db);
    for (const view of Object.values(viewsOfProduct1(s))) await view();
    // The tag's set by its key, or the tag itself for a script that builds the key.
    const inFlight = holdFirstReply(connections, [tagKey(lab.redis.prefix, productTag(1)), productTag(1)]);
    const first = s.updatePrice(1, 1111);
    const second = (async () => {
      await expectSettlesWithin(inFlight.fetched, LIVENESS_MS, 'updatePrice(1, 1111) reaching Redis with the tag product:1', 'updatePrice must invalidate the tag product:1 after its UPDATE.');
      for (const view of Object.values(viewsOfProduct1(reader))) await view(); // at $11.11, the price then
      return s.updatePrice(1, 2222);
    })();
    for (const call of [first, second]) call.catch(() => {}); // awaited below
    try {
      await expectSettlesWithin(secondCommitted, LIVENESS_MS, 'updatePrice(1, 2222) committing its UPDATE', 'updatePrice must change the row with an UPDATE on products (updateProductPrice in contract.ts).');
      // One turn of the event loop: the code goes on from its commit to its invalidation.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      inFlight.release();
    }
    await Promise.all([first, second]);
    const behind = await stalePages(shop(), 2222);
    expect(
      behind,
      `updatePrice(1, 1111) invalidated product:1 in Redis and had not heard back yet; meanwhile a reader cached product 1's pages at ${formatPrice(1111)}, and then updatePrice(1, 2222) committed. After both resolved, ${behind.join('; ')}; expected ${formatPrice(2222)}.\n` +
        `An invalidation that was already running, or has already run, before an UPDATE committed cannot remove what was cached between it and that commit. Sharing the promise of an invalidation in flight ("one invalidation per tag at a time") saves a script run and loses the second change: every committed change runs an invalidation of its own, started after its commit (${LESSON}, "Invalidating a tag in one step"; Lesson 03, "Delete after the commit").`,
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
  it('05.20 a Postgres that fails fails the call: updatePrice and every kind of page read reject, never answer as for an unknown product or an empty listing', async () => {
    const s = shop();
    await s.productPage(1);
    const logs = captureConsole('05');
    const undo = lab.db.failQueries(/^\s*(UPDATE|SELECT)\b/i, new Error('canceling statement due to statement timeout (injected by the check)'));
    const settle = <T>(work: Promise<T>) => work.then((value) => `resolved to ${JSON.stringify(value)?.slice(0, 60)}`, () => 'rejected');
    let outcomes: string[];
    try {
      outcomes = [
        `updatePrice(1, 4321) ${await settle(s.updatePrice(1, 4321))}`,
        `productPage(2) ${await settle(s.productPage(2))}`,
        `categoryPage('jugs') ${await settle(s.categoryPage('jugs'))}`,
        `searchPage('tamper') ${await settle(s.searchPage('tamper'))}`,
      ];
    } finally {
      undo();
      logs.restore();
    }
    const answered = outcomes.filter((line) => !line.endsWith('rejected'));
    const cached = await held([page('product:2'), page('category:jugs'), page('search:tamper')]);
    expect(
      [...answered, ...cached.map((key) => `${key} was cached`)],
      `With Postgres failing every UPDATE and SELECT: ${[...answered, ...cached.map((key) => `${key} was cached`)].join('; ')}; expected every call to reject and nothing cached.\n` +
        `null means "no such product", and an empty listing "no products". A try/catch around the whole call that logs and returns null turns a failed UPDATE into "unknown product": the caller shows a 404, or believes the price is saved. A query error caught into [] renders a listing with no rows, and caching it serves that empty page for its whole TTL after Postgres is back. Catch only the Redis steps; a database error is the caller's to hear (Lesson 01, "When Redis is down").`,
    ).toEqual([]);
    const checkedOut = lab.db.pool.totalCount - lab.db.pool.idleCount;
    expect(
      checkedOut,
      `After every failed call had settled, ${checkedOut} client(s) of the pool were still checked out: a client taken with db.connect() and not given back when its query fails is lost for good, and a few failures exhaust the pool. Release it in a finally (release(error) if it may be broken).`,
    ).toBe(0);
  });
});

describe('a price change, seen from outside', () => {
  it('05.16 a Redis that fails costs renders, never a page or a price change: updatePrice still commits, logs and resolves with the row', async () => {
    const connections = codeConnections();
    const s = shop(connections.client);
    await s.productPage(1);
    await s.searchPage('kettle');
    // The warnings a failing Redis should cause, kept out of the learner's output and counted.
    const logs = captureConsole('05');
    const logged = () => logs.lines().length;
    const settle = <T>(work: Promise<T>): Promise<{ value?: T; error?: string }> => work.then((value) => ({ value }), (error: unknown) => ({ error: String(error) }));
    const idea = `The database is the source of truth and Redis only a copy. When Redis fails, at any command, render from Postgres, skip the cache and log the failure (console.warn or console.error); when the invalidation after a committed UPDATE fails, the price has still changed: log it (console.warn or console.error) and resolve (the pages' TTL bounds the lag), or retry from an outbox (Lesson 01, "When Redis is down"; ${LESSON}, "Invalidating a tag in one step").`;
    const readsRefused = { count: 0 };
    const faults = [
      { what: 'every Redis command failing', failed: 'cache writes', cents: 1999, wrap: refuse(() => true, new Error('Connection is closed. (Redis is down, injected by the check)')) },
      // A failover demoted the server: reads still answer (the pages miss), every write is refused.
      { what: 'Redis answering reads and refusing every write', failed: 'cache writes', cents: 2999, wrap: refuse((name) => !READS.has(name), new ReplyError("READONLY You can't write against a read only replica. (injected by the check)")) },
      // Only the reads fail (a timeout, say): a failed GET is a failure to report, not a quiet
      // miss. No price change here: its invalidation is a write, and may well succeed.
      { what: 'Redis failing every read and taking writes', failed: 'cache reads', wrap: refuse((name, command, inTransaction) => READS.has(name) || readsAPage(command, inTransaction), new Error('Command timed out (a read, injected by the check)'), readsRefused) },
    ];
    const problems: string[] = [];
    try {
      for (const { what, failed, cents, wrap } of faults) {
        const restore = connections.each(wrap);
        try {
          const before = logged();
          const update = cents === undefined ? undefined : await expectSettlesWithin(settle(s.updatePrice(1, cents)), LIVENESS_MS, `updatePrice(1, ${cents}) with ${what}`, idea);
          const [row] = await lab.db.sql<{ price_cents: number }>('SELECT price_cents FROM products WHERE id = 1');
          if (update && (update.value?.id !== 1 || update.value.priceCents !== cents)) {
            problems.push(`with ${what}, updatePrice(1, ${cents}) ${update.error ? `rejected: ${update.error}` : `resolved to ${JSON.stringify(update.value)}`}; Postgres holds ${row?.price_cents}, expected it to resolve with the committed row`);
          } else if (update && logged() === before) {
            problems.push(`with ${what}, updatePrice(1, ${cents}) resolved without logging anything: the pages still show the old price and nobody is told`);
          }
          if (failed === 'cache writes') {
            // invalidateTag's promise is that the pages are gone: it cannot resolve when Redis removed nothing.
            const invalidation = await expectSettlesWithin(settle(s.invalidateTag(productTag(3))), LIVENESS_MS, `invalidateTag(productTag(3)) with ${what}`, idea);
            if (invalidation.error === undefined) problems.push(`with ${what}, invalidateTag(productTag(3)) resolved, though Redis removed nothing; expected it to reject with Redis's error: when invalidateTag resolves, the pages are gone (the README), and a caller that is told so stops trying`);
          }
          const beforePages = logged();
          const refusedBefore = readsRefused.count;
          for (const [page, outcome, text] of [
            ['productPage(2)', await settle(s.productPage(2)), 'Burr grinder #2'],
            ["categoryPage('jugs')", await settle(s.categoryPage('jugs')), 'Milk jug #13'],
            ["searchPage('tamper')", await settle(s.searchPage('tamper')), 'Tamper #19'],
          ] as const) {
            if (!String(outcome.value ?? '').includes(text)) problems.push(`with ${what}, ${page} ${outcome.error ? `rejected: ${outcome.error}` : `returned ${String(outcome.value).slice(0, 60)}`}, expected the page rendered from Postgres`);
          }
          // A code that reads its pages only inside a MULTI or a script has no read to fail here.
          const failedSome = failed === 'cache writes' || readsRefused.count > refusedBefore;
          if (failedSome && logged() === beforePages) problems.push(`with ${what}, three page reads whose ${failed} all failed logged nothing: the cache is off and nobody is told`);
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
      logs.restore();
    }
    expect(problems, `${problems.join('\n')}\n${idea}`).toEqual([]);
  });
});
