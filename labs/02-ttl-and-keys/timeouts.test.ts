// Lab 02 checks, part 6: a Redis that answers late, judged against redisTimeoutMs from both
// sides. Its own file, so that its wait of a second runs beside the other parts' checks; the
// default bounds are part 6b, timeouts-default.test.ts. Run: npm test labs/02-ttl-and-keys
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { outcome } from '../../harness/lab/teach.js';
import { readEvictionPolicy } from './src/eviction.js';
import { LEADERBOARD_ID, SHAPE_VERSION, type Entity } from './src/contract.js';
import { LESSON, PATIENT_MS, idOf, stalledRedis } from './stalled.support.js';

const lab = useLab('02');
const { cacheOn, lateRedis, writes, truthFor } = stalledRedis(lab);

// The cache write after a miss is a Redis call too. A Redis that answers every GET at once with
// a miss and never answers a write: with redisTimeoutMs 50 each read must have answered before
// 70 ms have passed since it sent its write. Judged by the order in which this process's timers
// fire, not by a clock: ours is set once the turn that sent the write is over (a microtask), after
// the code's 50 ms one, and is due 20 ms after it; a bound of twice the timeout, or the timeout plus
// a grace of 30 ms, is due after ours.
// 02.14 runs it while its replies 1.1 s late are still due, on keys of its own.
async function cacheWritesGivenUp(writeNames: Set<string>) {
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
  /** Each miss in turn: whether it answered within 70 ms of sending its write; and every console line meanwhile. */
  const run = async () => {
    // Every console line while the writes go unanswered, until 70 ms after the last was sent
    // (by then a write bounded by 50 ms has been given up on, even one left running in the background).
    const logs = captureConsole('02', ['warn', 'error']);
    const quiet = captureConsole('02', ['log', 'info', 'debug']); // lines at levels nobody is paged for
    const overdues: Promise<unknown>[] = [];
    const firsts: [string, string][] = [];
    try {
      for (const [call, read] of misses) {
        let timer: NodeJS.Timeout | undefined;
        const overdue = new Promise<'still waiting'>((resolve) => (onWrite = () => queueMicrotask(() => void (timer ??= setTimeout(() => setImmediate(() => resolve('still waiting')), 70)))));
        firsts.push([call, await Promise.race([read().then(() => 'answered', () => 'answered'), overdue])]);
        if (timer) overdues.push(overdue); // only a read that sent its write is waited on
      }
      await Promise.all(overdues);
    } finally {
      logs.restore();
      quiet.restore();
    }
    return { firsts, logged: logs.lines(), quietly: quiet.lines() };
  };
  return { run };
}

describe('when Redis answers late', () => {
  it('02.14 redisTimeoutMs is honoured both ways, by reads, session calls and cache writes: a Redis that answers 300 ms late is waited for under 10 s and given up on under 50 ms, one 37 ms late under 20 ms, a write 1.1 s late under 1 317 ms, and a cache write given up on is logged with its key', async () => {
    const idea = `redisTimeoutMs is how long one Redis call may take; the caller chose it, so use it (and readEvictionPolicy's timeoutMs) rather than a constant of your own. Waiting less than that sends reads to Postgres that Redis was about to answer; waiting more holds every request while Redis is slow (${LESSON}, "Eviction policies"; lesson 01, "When Redis is down").`;
    // Cached copies that differ from Postgres, so each read shows where its answer came from.
    const copy = { product: { id: 0, sku: 'FROM-REDIS', name: 'cached copy', category: 'redis', priceCents: 1 }, inventory: { productId: 0, quantity: -1 }, profile: { userId: 0, displayName: 'cached copy', bio: 'redis' } };
    for (const id of [7, 8, 10]) {
      for (const [entity, value] of Object.entries(copy)) {
        await lab.redis.admin.set(lab.redis.key(`${entity}:${id}:v${SHAPE_VERSION[entity as Entity]}`), JSON.stringify({ ...value, ...idOf(entity, id) }), 'PX', 60_000);
      }
    }
    await lab.redis.admin.set(lab.redis.key(`product:12:v${SHAPE_VERSION.product}`), JSON.stringify({ ...copy.product, id: 12 }), 'PX', 60_000);
    await lab.redis.admin.set(lab.redis.key(`session:s-late:v${SHAPE_VERSION.session}`), JSON.stringify({ userId: 7 }), 'PX', 60_000);
    const truth = await truthFor(8);
    const truth10 = await truthFor(10);
    const [policy] = ((await lab.redis.admin.config('GET', 'maxmemory-policy')) as string[]).slice(1);

    const late = await lateRedis(300);
    const patient = cacheOn(late.redis, { redisTimeoutMs: PATIENT_MS });
    const hasty = cacheOn(late.redis, { redisTimeoutMs: 50 });
    // A reply this process holds until its own 37 ms timer fires, set once the turn that sent the
    // GET is over: a code that keeps to a 20 ms bound has set its timer before ours, and for
    // earlier, so it has given up first, however busy the machine; a floor of 50 ms or a grace of
    // 30 ms takes the reply.
    const slightlyLate = await lateRedis(37);
    const quick = cacheOn(slightlyLate.redis, { redisTimeoutMs: 20 });
    // A caller patient enough for a reply 1.1 s late (1 317 ms): the cached product 12 is read with
    // its GET answered that late, and the stock of 12 misses and has its cache write answered that
    // late. A cap of the code's own (1 s on every call, 100 ms on writes) has given up before.
    const slowMs = 1_100;
    const slowKeys = new Set([lab.redis.key(`product:12:v${SHAPE_VERSION.product}`)]);
    const writeNames = await writes();
    const slow = await lateRedis(slowMs, (command) => (writeNames.has(command.name.toLowerCase()) ? 'late request' : slowKeys.has(String(command.args[0])) ? 'late reply' : 'now'));
    const unhurried = cacheOn(slow.redis, { redisTimeoutMs: 1_317 });
    const stockKey = lab.redis.key(`inventory:12:v${SHAPE_VERSION.inventory}`);
    const outcomes = (calls: Promise<unknown>[]) => Promise.all(calls.map((call) => outcome(call)));
    // redisTimeoutMs bounds each Redis call, not the whole read: a Postgres load slower than it
    // (held here until 340 ms after it arrives) leaves the cache write its own 283 ms on a healthy Redis.
    const slowLoad = lab.db.holdQueries(/product_views/, { first: 1 });
    void slowLoad.reached.then(() => setTimeout(slowLoad.release, 340));
    const budgeted = cacheOn(await lab.redis.readyClient(), { redisTimeoutMs: 283 });
    const boardKey = lab.redis.key(`leaderboard:${LEADERBOARD_ID}:v${SHAPE_VERSION.leaderboard}`);
    const writesGivenUp = await cacheWritesGivenUp(writeNames); // its client, ready before the calls below start
    const unhurriedRun = Promise.all([
      unhurried.getProduct(12),
      // What Redis holds the moment the miss resolves: its cache write is done by then, not given up on.
      unhurried.getInventory(12).then(async (value) => ({ value, stored: await lab.redis.admin.get(stockKey) })),
    ]);
    unhurriedRun.catch(() => {}); // a rejection fails the check below, where it is awaited
    const [waited, gaveUp, session, patientPolicy, hastyPolicy, quickReads, quickPolicy, started, refused, board] = await Promise.all([
      Promise.all([patient.getProduct(7), patient.getInventory(7), patient.getProfile(7)]),
      Promise.all([hasty.getProduct(8), hasty.getInventory(8), hasty.getProfile(8)]),
      patient.getSession('s-late'),
      readEvictionPolicy(late.redis, PATIENT_MS),
      readEvictionPolicy(late.redis, 50),
      Promise.all([quick.getProduct(10), quick.getInventory(10), quick.getProfile(10)]),
      readEvictionPolicy(slightlyLate.redis, 20),
      outcome(patient.startSession('s-late-login', { userId: 8 })),
      outcomes([hasty.getSession('s-late'), hasty.startSession('s-hasty', { userId: 8 }), quick.getSession('s-late'), quick.startSession('s-quick', { userId: 10 })]),
      budgeted.getLeaderboard().then(async (value) => ({ value, stored: await lab.redis.admin.get(boardKey) })),
    ]);
    // While the replies 1.1 s late are still due, the cache writes that get no answer (cacheWritesGivenUp, above).
    const { firsts, logged, quietly } = await writesGivenUp.run();
    const unhurriedReads = await unhurriedRun;
    await Promise.all([late.answered(), slightlyLate.answered(), slow.answered()]); // the late replies (and any late writes) land before the check ends
    const cached7 = Object.entries(copy).map(([entity, value]) => ({ ...value, ...idOf(entity, 7) }));
    expect(waited, `With redisTimeoutMs ${PATIENT_MS}, product, stock and profile 7, cached in Redis, came back as ${JSON.stringify(waited)} from a Redis answering 300 ms late; expected the cached copies. ${idea}`).toEqual(cached7);
    expect(session, `With redisTimeoutMs ${PATIENT_MS}, getSession('s-late') from a Redis answering 300 ms late gave ${JSON.stringify(session)}. ${idea}`).toEqual({ userId: 7 });
    expect(patientPolicy, `readEvictionPolicy(redis, ${PATIENT_MS}) on a Redis answering 300 ms late gave ${JSON.stringify(patientPolicy)}. ${idea}`).toBe(policy);
    expect(gaveUp, `With redisTimeoutMs 50, product, stock and profile 8 came back as ${JSON.stringify(gaveUp)} from a Redis answering 300 ms late; expected Postgres's values, the reads having given up on Redis. ${idea}`).toEqual([truth.product, truth.inventory, truth.profile]);
    expect(hastyPolicy, `readEvictionPolicy(redis, 50) on a Redis answering 300 ms late gave ${JSON.stringify(hastyPolicy)}; expected null. ${idea}`).toBeNull();
    expect(quickReads, `With redisTimeoutMs 20, product, stock and profile 10 came back as ${JSON.stringify(quickReads)} from a Redis answering 60 ms late; expected Postgres's values, the reads having given up on Redis after 20 ms. A small bound is the caller's choice too: no floor of your own under it. ${idea}`).toEqual([truth10.product, truth10.inventory, truth10.profile]);
    expect(quickPolicy, `readEvictionPolicy(redis, 20) on a Redis answering 37 ms late gave ${JSON.stringify(quickPolicy)}; expected null. ${idea}`).toBeNull();
    expect(started, `With redisTimeoutMs ${PATIENT_MS}, startSession('s-late-login') on a Redis answering 300 ms late gave ${JSON.stringify(started)}; expected it to wait for the reply and resolve. Session calls take the caller's bound too, not REDIS_TIMEOUT_MS. ${idea}`).toEqual({ value: undefined });
    const sessionCalls = ["With redisTimeoutMs 50 and a reply 300 ms late, getSession('s-late')", "With redisTimeoutMs 50 and a reply 300 ms late, startSession('s-hasty')", "With redisTimeoutMs 20 and a reply 37 ms late, getSession('s-late')", "With redisTimeoutMs 20 and a reply 37 ms late, startSession('s-quick')"];
    for (const [i, call] of sessionCalls.entries()) {
      expect('error' in refused[i]!, `${call} gave ${JSON.stringify(refused[i])}; expected it to reject once the bound had passed. ${idea}`).toBe(true);
    }
    const [product12, stock12] = unhurriedReads;
    const cached12 = { ...copy.product, id: 12 };
    expect(product12, `With redisTimeoutMs 1317, getProduct(12), cached in Redis, came back as ${JSON.stringify(product12)} from a Redis answering its GET 1.1 s late; expected the cached copy. No cap of your own (a second, say) under the caller's bound. ${idea}`).toEqual(cached12);
    const truth12 = (await truthFor(12)).inventory;
    expect(stock12.value, `With redisTimeoutMs 1317, getInventory(12) (a miss) gave ${JSON.stringify(stock12.value)}. ${idea}`).toEqual(truth12);
    expect(
      stock12.stored === null ? null : JSON.parse(stock12.stored),
      `With redisTimeoutMs 1317, getInventory(12) missed and its cache write was answered 1.1 s late; when the read resolved, Redis held ${JSON.stringify(stock12.stored)} under ${stockKey}, expected the stock cached. ` +
        `The cache write is bounded by redisTimeoutMs like the GET, not by a shorter bound of its own (100 ms, a second), and it is done (or given up on) when the read resolves. ${idea}`,
    ).toEqual(truth12);

    expect(
      board.stored === null ? null : JSON.parse(board.stored),
      `With redisTimeoutMs 283 on a healthy Redis, getLeaderboard() missed, Postgres took 340 ms to load it, and when the read resolved Redis held ${JSON.stringify(board.stored)} under ${boardKey}; expected the leaderboard cached (${JSON.stringify(board.value)}). ` +
        `redisTimeoutMs bounds each Redis call on its own, not the whole read: a slow database is no reason to skip the write that spares it the next time. ${idea}`,
    ).toEqual(board.value);

    for (const [call, first] of firsts) {
      expect(first, `With redisTimeoutMs 50, ${call} (a miss) on a Redis that answers reads and never answers writes was still waiting 70 ms after it sent its cache write; expected it to give up on the write after 50 ms, like on the read (no bound of its own on writes: not REDIS_TIMEOUT_MS, not twice the timeout, not a grace on top). ${idea}`).toBe('answered');
    }
    const v = SHAPE_VERSION;
    const givenUp = [`product:9:v${v.product}`, `inventory:9:v${v.inventory}`, `profile:9:v${v.profile}`, `leaderboard:${LEADERBOARD_ID}:v${v.leaderboard}`].map((name) => lab.redis.key(name));
    const unlogged = givenUp.filter((key) => !logged.some((line) => line.includes(key)));
    expect(
      unlogged,
      `The cache writes of ${unlogged.join(', ')} got no answer within redisTimeoutMs 50 and no console.warn or console.error line named them (the code warned: ${JSON.stringify(logged)}${quietly.length ? `; and at lower levels: ${JSON.stringify(quietly)}` : ''}). ` +
        `A write that timed out (or lost its connection) failed as surely as one Redis refused: skip it and log it (console.warn or console.error) with its key, whatever the error, or a stalled Redis empties the cache without a word. ${idea}`,
    ).toEqual([]);
  });
});
