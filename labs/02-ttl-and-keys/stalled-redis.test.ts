// Lab 02 checks, part 5: a Redis that fails, stops answering, or answers late.
// Run: npm test labs/02-ttl-and-keys
import { describe, expect, it } from 'vitest';
import { ReplyError, type Redis } from 'ioredis';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectSettlesWithin, outcome } from '../../harness/lab/teach.js';
import { createShopCache } from './src/shop-cache.js';
import { readEvictionPolicy } from './src/eviction.js';
import { LEADERBOARD_ID, LEADERBOARD_SIZE, REDIS_TIMEOUT_MS, SHAPE_VERSION, type Entity, type ShopCache, type ShopCacheOptions } from './src/contract.js';

const lab = useLab('02');
const LESSON = 'Lesson 02, TTLs and keys';
/** Far above what a healthy Redis takes. */
const PATIENT_MS = 10_000;
/** A liveness bound: far above the REDIS_TIMEOUT_MS or two a correct answer spends, far below PATIENT_MS. */
const BOUND_MS = 16 * REDIS_TIMEOUT_MS;

/** A cache on `redis`; `redisTimeoutMs` only when the scenario gives one, so the default is the code's own. */
function cacheOn(redis: Redis, timeout: Pick<ShopCacheOptions, 'redisTimeoutMs'>): ShopCache {
  return createShopCache({ redis, db: lab.db.pool, keyPrefix: lab.redis.prefix, ...timeout });
}

/** A Redis that was working and stops answering: commands (all, or those named) are never answered. */
const stalling = (names?: Set<string>) => lab.redis.readyClient((c, send) => (!names || names.has(c.name.toLowerCase()) ? c.promise : send(c)));
/** A Redis restarting from its snapshot: every command is answered with LOADING at once. */
const loading = () => lab.redis.readyClient((c) => (c.reject(new ReplyError('LOADING Redis is loading the dataset in memory')), c.promise));
/** Commands a server may refuse or hold when memory is tight: its `denyoom` ones, and scripts. */
let writeCommands: Set<string> | undefined;
async function writes(): Promise<Set<string>> {
  const table = writeCommands ? [] : ((await lab.redis.admin.call('COMMAND')) as [string, number, string[]][]);
  writeCommands ??= new Set([...table.filter((c) => c[2].includes('denyoom')).map((c) => c[0].toLowerCase()), 'eval', 'evalsha', 'fcall']);
  return writeCommands;
}

/** What Postgres holds for product, stock, profile and balance `id`, and the leaderboard. */
async function truthFor(id: number) {
  const one = async (sql: string) => (await lab.db.sql(sql, [id]))[0];
  return {
    product: await one('SELECT id, sku, name, category, price_cents AS "priceCents" FROM products WHERE id = $1'),
    inventory: await one('SELECT product_id AS "productId", quantity FROM inventory WHERE product_id = $1'),
    profile: await one('SELECT user_id AS "userId", display_name AS "displayName", bio FROM profiles WHERE user_id = $1'),
    leaderboard: await lab.db.sql(
      `SELECT v.product_id AS "productId", p.name, v.views::integer AS views FROM product_views v
         JOIN products p ON p.id = v.product_id ORDER BY v.views DESC, v.product_id LIMIT $1`,
      [LEADERBOARD_SIZE],
    ),
    balance: await one('SELECT user_id AS "userId", balance_cents::float8 AS "balanceCents" FROM accounts WHERE user_id = $1'),
  };
}
async function readEverything(cache: ShopCache, id: number) {
  const reads = [cache.getProduct(id), cache.getInventory(id), cache.getProfile(id), cache.getLeaderboard(), cache.getBalance(id)] as const;
  const [product, inventory, profile, leaderboard, balance] = await Promise.all(reads);
  return { product, inventory, profile, leaderboard, balance };
}

describe('when Redis fails or stalls', () => {
  it('02.12 a Redis that fails or stops answering costs hits, never answers: every cached read and every balance comes from Postgres in bounded time', async () => {
    const idea = `Redis can stall instead of failing (a failover, a server busy evicting, a dead connection ioredis keeps queueing for). Bound every Redis call of a cached read by redisTimeoutMs (default ${REDIS_TIMEOUT_MS} ms; with-timeout.ts), treat a failed or timed-out GET as a miss and a failed SET as a lost optimisation, and take an error as the answer it is, without waiting out the timeout. A balance never waits on Redis at all (${LESSON}, "Eviction policies"; lesson 01, "When Redis is down").`;
    const expected = await truthFor(6);
    const scenarios: [string, Redis, Pick<ShopCacheOptions, 'redisTimeoutMs'>][] = [
      ['stops answering altogether (redisTimeoutMs 50)', await stalling(), { redisTimeoutMs: 50 }],
      ['stops answering writes (redisTimeoutMs 50)', await stalling(await writes()), { redisTimeoutMs: 50 }],
      ['stops answering altogether (no redisTimeoutMs: the default)', await stalling(), {}],
      [`fails every command with LOADING (redisTimeoutMs ${PATIENT_MS})`, await loading(), { redisTimeoutMs: PATIENT_MS }],
    ];
    await Promise.all(
      scenarios.map(async ([what, redis, timeout]) => {
        const reads = outcome(readEverything(cacheOn(redis, timeout), 6));
        const result = await expectSettlesWithin(reads, BOUND_MS, `Reading product, stock, profile, leaderboard and balance 6 from a Redis that ${what}`, idea);
        expect(result, `From a Redis that ${what}, the reads gave ${JSON.stringify(result)}. ${idea}`).toEqual({ value: expected });
      }),
    );
  });

  it('02.13 a session call on a Redis that fails or stops answering rejects in bounded time: it never hangs and never reads as "no session"', async () => {
    const idea = `A session lives only in Redis. When Redis fails or stalls, startSession and getSession must reject, at once on an error and within redisTimeoutMs (default ${REDIS_TIMEOUT_MS} ms) on silence, so the request fails visibly: a login that hangs holds the user, a login that resolves pretends, and a read that returns null logs out everyone who clicks during the blip (${LESSON}, "Sessions slide").`;
    const scenarios: [string, Redis, Pick<ShopCacheOptions, 'redisTimeoutMs'>][] = [
      ['stops answering altogether (redisTimeoutMs 50)', await stalling(), { redisTimeoutMs: 50 }],
      ['stops answering altogether (no redisTimeoutMs: the default)', await stalling(), {}],
      [`fails every command with LOADING (redisTimeoutMs ${PATIENT_MS})`, await loading(), { redisTimeoutMs: PATIENT_MS }],
    ];
    await Promise.all(
      scenarios.flatMap(([what, redis, timeout]) => {
        const cache = cacheOn(redis, timeout);
        const calls: [string, () => Promise<unknown>][] = [
          ["startSession('s-blip', { userId: 6 })", () => cache.startSession('s-blip', { userId: 6 })],
          ["getSession('s-blip')", () => cache.getSession('s-blip')],
        ];
        return calls.map(async ([call, run]) => {
          const result = await expectSettlesWithin(outcome(run()), BOUND_MS, `${call} on a Redis that ${what}`, idea);
          expect('error' in result, `${call} on a Redis that ${what} resolved with ${JSON.stringify(result)}; expected it to reject. ${idea}`).toBe(true);
        });
      }),
    );
  });

  it('02.16 a read whose Redis read failed or timed out answers from Postgres without trying the cache write, and only that read: a healthy read at the same time still fills the cache', async () => {
    const idea = `A GET that failed or timed out has just shown that Redis is not answering. The read goes to Postgres and returns that value without sending the cache write: a SET after a stalled GET waits out redisTimeoutMs a second time, and each one piles another command onto a connection that is not answering. The next read, once Redis is back, caches the value (${LESSON}, "Eviction policies"; lesson 01, "When Redis is down").`;
    const expected = await truthFor(4);
    const writeNames = await writes();
    /** A Redis whose writes work and whose every other command `fail`s (or, without it, is never answered); `sent` lists the writes it was sent. */
    const readsBroken = async (fail?: () => Error) => {
      const sent: string[] = [];
      const redis = await lab.redis.readyClient((command, send) => {
        const name = command.name.toLowerCase();
        if (writeNames.has(name)) {
          sent.push([name.toUpperCase(), ...command.args.slice(0, 1).map(String)].join(' '));
          return send(command);
        }
        if (fail) command.reject(fail());
        return command.promise;
      });
      return { redis, sent };
    };
    const scenarios: [string, Awaited<ReturnType<typeof readsBroken>>, Pick<ShopCacheOptions, 'redisTimeoutMs'>][] = [
      [`drops the connection on every read (ECONNRESET) and takes writes (redisTimeoutMs ${PATIENT_MS})`, await readsBroken(() => new Error('read ECONNRESET')), { redisTimeoutMs: PATIENT_MS }],
      ['never answers a read and takes writes (redisTimeoutMs 50)', await readsBroken(), { redisTimeoutMs: 50 }],
    ];
    await Promise.all(
      scenarios.map(async ([what, { redis, sent }, timeout]) => {
        const reads = outcome(readEverything(cacheOn(redis, timeout), 4));
        const result = await expectSettlesWithin(reads, BOUND_MS, `Reading product, stock, profile, leaderboard and balance 4 from a Redis that ${what}`, idea);
        expect(result, `From a Redis that ${what}, the reads gave ${JSON.stringify(result)}. ${idea}`).toEqual({ value: expected });
        expect(sent, `From a Redis that ${what}, reads whose Redis read had failed went on to send ${sent.join('; ')}; expected no cache write from a read that could not read. ${idea}`).toEqual([]);
      }),
    );

    // "Redis did not answer" belongs to the read that asked. A read on a stalled connection times
    // out while another read, on a healthy one, waits for its GET (held here until the first has
    // answered): the healthy read's miss must still be cached.
    const stalled = cacheOn(await stalling(), { redisTimeoutMs: 50 });
    const held: (() => void)[] = [];
    const healthyRedis = await lab.redis.readyClient((command, send) => {
      if (command.name.toLowerCase() !== 'get') return send(command);
      held.push(() => void send(command));
      return command.promise;
    });
    const healthy = cacheOn(healthyRedis, { redisTimeoutMs: PATIENT_MS });
    const stalledRead = stalled.getProduct(2);
    const healthyRead = healthy.getProduct(3);
    await expectSettlesWithin(outcome(stalledRead), BOUND_MS, 'getProduct(2) on a Redis that stops answering (redisTimeoutMs 50)', idea);
    for (const release of held.splice(0)) release();
    const healthyResult = await expectSettlesWithin(outcome(healthyRead), BOUND_MS, 'getProduct(3) on a healthy Redis', idea);
    const product3 = (await truthFor(3)).product;
    expect(healthyResult, `getProduct(3) on a healthy Redis gave ${JSON.stringify(healthyResult)}. ${idea}`).toEqual({ value: product3 });
    const stored = await lab.redis.admin.get(lab.redis.key(`product:3:v${SHAPE_VERSION.product}`));
    expect(
      stored === null ? null : JSON.parse(stored),
      `getProduct(3) missed on a healthy Redis, whose GET answered, while getProduct(2) on a stalled one (another cache, same code) timed out; afterwards Redis holds ${JSON.stringify(stored)} under product 3's key, expected the product cached. ` +
        `Whether Redis answered is a fact about one read (a local variable of that read), not about the process: kept in module scope, one stalled read stops every other read from caching. ${idea}`,
    ).toEqual(product3);
  });

  /** The id fields of `entity`'s shape, for id `id`. */
  const idOf = (entity: string, id: number) => (entity === 'product' ? { id } : entity === 'inventory' ? { productId: id } : { userId: id });

  /** A Redis that answers every command `delayMs` late; `answered()` waits until every command sent so far has its reply. */
  async function lateRedis(delayMs: number): Promise<{ redis: Redis; answered: () => Promise<unknown> }> {
    const inFlight: Promise<unknown>[] = [];
    const redis = await lab.redis.readyClient((command, send) => {
      inFlight.push(command.promise.catch(() => {}));
      setTimeout(() => send(command), delayMs);
      return command.promise;
    });
    return { redis, answered: () => Promise.all(inFlight) };
  }

  it('02.14 redisTimeoutMs is honoured both ways, by reads and cache writes: a Redis that answers 300 ms late is waited for under 10 s and given up on under 50 ms, one 60 ms late under 20 ms, and a cache write given up on is logged with its key', async () => {
    const idea = `redisTimeoutMs is how long one Redis call may take; the caller chose it, so use it (and readEvictionPolicy's timeoutMs) rather than a constant of your own. Waiting less than that sends reads to Postgres that Redis was about to answer; waiting more holds every request while Redis is slow (${LESSON}, "Eviction policies"; lesson 01, "When Redis is down").`;
    // Cached copies that differ from Postgres, so each read shows where its answer came from.
    const copy = { product: { id: 0, sku: 'FROM-REDIS', name: 'cached copy', category: 'redis', priceCents: 1 }, inventory: { productId: 0, quantity: -1 }, profile: { userId: 0, displayName: 'cached copy', bio: 'redis' } };
    for (const id of [7, 8, 10]) {
      for (const [entity, value] of Object.entries(copy)) {
        await lab.redis.admin.set(lab.redis.key(`${entity}:${id}:v${SHAPE_VERSION[entity as Entity]}`), JSON.stringify({ ...value, ...idOf(entity, id) }), 'PX', 60_000);
      }
    }
    await lab.redis.admin.set(lab.redis.key(`session:s-late:v${SHAPE_VERSION.session}`), JSON.stringify({ userId: 7 }), 'PX', 60_000);
    const truth = await truthFor(8);
    const truth10 = await truthFor(10);
    const [policy] = ((await lab.redis.admin.config('GET', 'maxmemory-policy')) as string[]).slice(1);

    const late = await lateRedis(300);
    const patient = cacheOn(late.redis, { redisTimeoutMs: PATIENT_MS });
    const hasty = cacheOn(late.redis, { redisTimeoutMs: 50 });
    // A reply this process holds until its own 60 ms timer fires: a code that keeps to a 20 ms
    // bound has set its timer before, and for earlier, so it has given up first, however busy the machine.
    const slightlyLate = await lateRedis(60);
    const quick = cacheOn(slightlyLate.redis, { redisTimeoutMs: 20 });
    const [waited, gaveUp, session, patientPolicy, hastyPolicy, quickReads, quickPolicy] = await Promise.all([
      Promise.all([patient.getProduct(7), patient.getInventory(7), patient.getProfile(7)]),
      Promise.all([hasty.getProduct(8), hasty.getInventory(8), hasty.getProfile(8)]),
      patient.getSession('s-late'),
      readEvictionPolicy(late.redis, PATIENT_MS),
      readEvictionPolicy(late.redis, 50),
      Promise.all([quick.getProduct(10), quick.getInventory(10), quick.getProfile(10)]),
      readEvictionPolicy(slightlyLate.redis, 20),
    ]);
    await Promise.all([late.answered(), slightlyLate.answered()]); // the late replies (and any late writes) land before the check ends
    const cached7 = Object.entries(copy).map(([entity, value]) => ({ ...value, ...idOf(entity, 7) }));
    expect(waited, `With redisTimeoutMs ${PATIENT_MS}, product, stock and profile 7, cached in Redis, came back as ${JSON.stringify(waited)} from a Redis answering 300 ms late; expected the cached copies. ${idea}`).toEqual(cached7);
    expect(session, `With redisTimeoutMs ${PATIENT_MS}, getSession('s-late') from a Redis answering 300 ms late gave ${JSON.stringify(session)}. ${idea}`).toEqual({ userId: 7 });
    expect(patientPolicy, `readEvictionPolicy(redis, ${PATIENT_MS}) on a Redis answering 300 ms late gave ${JSON.stringify(patientPolicy)}. ${idea}`).toBe(policy);
    expect(gaveUp, `With redisTimeoutMs 50, product, stock and profile 8 came back as ${JSON.stringify(gaveUp)} from a Redis answering 300 ms late; expected Postgres's values, the reads having given up on Redis. ${idea}`).toEqual([truth.product, truth.inventory, truth.profile]);
    expect(hastyPolicy, `readEvictionPolicy(redis, 50) on a Redis answering 300 ms late gave ${JSON.stringify(hastyPolicy)}; expected null. ${idea}`).toBeNull();
    expect(quickReads, `With redisTimeoutMs 20, product, stock and profile 10 came back as ${JSON.stringify(quickReads)} from a Redis answering 60 ms late; expected Postgres's values, the reads having given up on Redis after 20 ms. A small bound is the caller's choice too: no floor of your own under it. ${idea}`).toEqual([truth10.product, truth10.inventory, truth10.profile]);
    expect(quickPolicy, `readEvictionPolicy(redis, 20) on a Redis answering 60 ms late gave ${JSON.stringify(quickPolicy)}; expected null. ${idea}`).toBeNull();

    // The cache write after a miss is a Redis call too. A Redis that answers every GET at once with
    // a miss and never answers a write: with redisTimeoutMs 50 each read must have answered before
    // 150 ms have passed since it sent its write. Judged by the order in which this process's timers
    // fire, not by a clock.
    const writeNames = await writes();
    let onWrite = () => {};
    const holdingWrites = await lab.redis.readyClient((command, send) => {
      const name = command.name.toLowerCase();
      if (name === 'get') command.resolve(null);
      else if (writeNames.has(name)) onWrite();
      else return send(command);
      return command.promise;
    });
    const writer = cacheOn(holdingWrites, { redisTimeoutMs: 50 });
    const misses: [string, () => Promise<unknown>][] = [
      ['getProduct(9)', () => writer.getProduct(9)],
      ['getInventory(9)', () => writer.getInventory(9)],
      ['getProfile(9)', () => writer.getProfile(9)],
      ['getLeaderboard()', () => writer.getLeaderboard()],
    ];
    // Every console line while the writes go unanswered, until 150 ms after the last was sent
    // (by then a write bounded by 50 ms has been given up on, even one left running in the background).
    const logs = captureConsole('02', ['log', 'info', 'warn', 'error']);
    const overdues: Promise<unknown>[] = [];
    try {
      for (const [call, read] of misses) {
        let timer: NodeJS.Timeout | undefined;
        const overdue = new Promise<'still waiting'>((resolve) => (onWrite = () => void (timer ??= setTimeout(() => resolve('still waiting'), 150))));
        const first = await Promise.race([read().then(() => 'answered', () => 'answered'), overdue]);
        if (timer) overdues.push(overdue); // only a read that sent its write is waited on
        expect(first, `With redisTimeoutMs 50, ${call} (a miss) on a Redis that answers reads and never answers writes was still waiting 150 ms after it sent its cache write; expected it to give up on the write after 50 ms, like on the read (no bound of its own, such as REDIS_TIMEOUT_MS, on writes). ${idea}`).toBe('answered');
      }
      await Promise.all(overdues);
    } finally {
      logs.restore();
    }
    const v = SHAPE_VERSION;
    const givenUp = [`product:9:v${v.product}`, `inventory:9:v${v.inventory}`, `profile:9:v${v.profile}`, `leaderboard:${LEADERBOARD_ID}:v${v.leaderboard}`].map((name) => lab.redis.key(name));
    const logged = logs.lines();
    const unlogged = givenUp.filter((key) => !logged.some((line) => line.includes(key)));
    expect(
      unlogged,
      `The cache writes of ${unlogged.join(', ')} got no answer within redisTimeoutMs 50 and no console line named them (the code printed: ${JSON.stringify(logged)}). ` +
        `A write that timed out (or lost its connection) failed as surely as one Redis refused: skip it and log it (console.warn or console.error) with its key, whatever the error, or a stalled Redis empties the cache without a word. ${idea}`,
    ).toEqual([]);
  });
});
