// Lab 05 checks, part 5: a price change, seen from another connection the moment it
// resolves, also when Redis takes its time to answer. Checks that delay "the code's Redis"
// reach every connection the code makes with duplicate(). Run: npm test labs/05-tags.
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { useCodeConnections } from './code-connections.support.js';
import { HANDSHAKE, holdFirstReply, viewsOfProduct1 } from './price-change.support.js';
import { createCatalogPages } from './src/catalog-pages.js';
import { categoryTag, pageKey, productTag, tagKey } from './src/contract.js';

const lab = useLab('05');
const LESSON = 'Lesson 05, Tags';
const codeConnections = useCodeConnections(lab);

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

const shop = (redis: Redis = lab.redis.client()) => createCatalogPages({ redis, db: lab.db.pool, keyPrefix: lab.redis.prefix });
const page = (name: string) => pageKey(lab.redis.prefix, name);
const listing = (keys: string[]) => (keys.length ? keys.join(', ') : 'nothing');

async function held(keys: string[]): Promise<string[]> {
  const found = await Promise.all(keys.map((key) => lab.redis.admin.exists(key)));
  return keys.filter((_, i) => found[i] === 1);
}

/** How long the check's Redis takes to answer an invalidation in resolvedBeforeSlowReply. */
const SLOW_REPLY_MS = 600;

/**
 * updatePrice(2, 2468) while Redis answers its invalidation SLOW_REPLY_MS after running it:
 * a line if the call resolved before the answer came, null if it waited for it.
 */
async function resolvedBeforeSlowReply(): Promise<string | null> {
  const connections = codeConnections();
  const s = shop(connections.client);
  for (const view of [() => s.productPage(2), () => s.categoryPage('grinders')]) await view();
  const slow = holdFirstReply(connections, [tagKey(lab.redis.prefix, productTag(2)), productTag(2)]);
  let answered = false;
  const update = s.updatePrice(2, 2468).then(() => answered);
  await expectSettlesWithin(slow.fetched, LIVENESS_MS, 'updatePrice(2, 2468) reaching Redis with the tag product:2', 'updatePrice must invalidate the tag product:2 after its UPDATE.');
  // Counted from Redis having run the invalidation, so any shorter bound of the code's fires first.
  await new Promise((resolve) => setTimeout(resolve, SLOW_REPLY_MS));
  answered = true;
  slow.release();
  return (await update) ? null : `Redis ran updatePrice(2, 2468)'s invalidation and took ${SLOW_REPLY_MS} ms to answer; updatePrice resolved before the answer came, expected it to wait for it.`;
}

describe('a price change, seen from outside', () => {
  it('05.17 when updatePrice and invalidateTag resolve, the pages are already gone', async () => {
    const slowRedis = resolvedBeforeSlowReply(); // beside the rest: it waits out a slow reply
    slowRedis.catch(() => {}); // awaited below
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
    const pagesOfProduct1 = [page('product:1'), page('category:kettles'), page('search:kettle')];
    let afterUpdate: string[];
    let afterInvalidate: string[];
    let afterSamePrice: string[];
    try {
      afterUpdate = await heldWhenDone(s.updatePrice(1, 1357), pagesOfProduct1);
      afterInvalidate = await heldWhenDone(s.invalidateTag(categoryTag('jugs')), [page('product:3'), page('category:jugs')]);
      // The price it already has: the row is updated all the same, and so are its pages.
      for (const view of Object.values(viewsOfProduct1(s))) await view();
      afterSamePrice = await heldWhenDone(s.updatePrice(1, 1357), pagesOfProduct1);
    } finally {
      restore();
    }
    const idea = `A caller that reads right after updatePrice resolves, from any process, must not get the old page: await the invalidation before resolving. Fire-and-forget ("void invalidateTag(...)") returns before Redis has run anything (${LESSON}, "Invalidating a tag in one step").`;
    expect(afterUpdate, `When updatePrice(1, 1357) resolved, another connection still found ${listing(afterUpdate)}.\n${idea}`).toEqual([]);
    expect(afterInvalidate, `When invalidateTag('category:jugs') resolved, another connection still found ${listing(afterInvalidate)}.\n${idea}`).toEqual([]);
    expect(
      afterSamePrice,
      `When updatePrice(1, 1357) resolved a second time, with the price the row already had, another connection still found ${listing(afterSamePrice)}.\n` +
        `updatePrice changes the row, then invalidates the product's tag, every time. Skipping "unchanged" prices reads the row before the UPDATE (another change may commit in between), and setting the price again is how an operator repairs pages whose invalidation failed and was only logged (${LESSON}, "Invalidating a tag in one step").`,
    ).toEqual([]);
    const early = await slowRedis;
    expect(early, `${early}\n${idea} A bound on that wait ("never hold up a price change for long") returns before the pages are gone, however the late reply turns out: a slow Redis is waited for; only a failed one is logged and passed over.`).toBeNull();
  });
});
