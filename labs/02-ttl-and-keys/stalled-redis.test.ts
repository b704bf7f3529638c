// Lab 02 checks, part 5: cached reads on a Redis that fails or stops answering. Session calls
// on one are part 5b, stalled-sessions.test.ts; part 6, a Redis that answers late, is
// timeouts.test.ts, and the default bounds timeouts-default.test.ts. Run: npm test labs/02-ttl-and-keys
import { describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectSettlesWithin, outcome } from '../../harness/lab/teach.js';
import { LEADERBOARD_ID, REDIS_TIMEOUT_MS, SHAPE_VERSION, type ShopCacheOptions } from './src/contract.js';
import { BOUND_MS, LESSON, PATIENT_MS, stalledRedis } from './stalled.support.js';

const lab = useLab('02');
const { cacheOn, stalling, missingAtOnce, loading, writes, truthFor, readEverything } = stalledRedis(lab);

describe('when Redis fails or stalls', () => {
  it('02.12 a Redis that fails or stops answering costs hits, never answers: every cached read and every balance comes from Postgres in bounded time', async () => {
    const idea = `Redis can stall instead of failing (a failover, a server busy evicting, a dead connection ioredis keeps queueing for). Bound every Redis call of a cached read by redisTimeoutMs (default ${REDIS_TIMEOUT_MS} ms; with-timeout.ts), treat a failed or timed-out GET as a miss and a failed SET as a lost optimisation, and take an error as the answer it is, without waiting out the timeout. A balance never waits on Redis at all (${LESSON}, "Eviction policies"; lesson 01, "When Redis is down").`;
    const expected = await truthFor(6);
    const scenarios: [string, Redis, Pick<ShopCacheOptions, 'redisTimeoutMs'>][] = [
      ['stops answering altogether (redisTimeoutMs 50)', await stalling(), { redisTimeoutMs: 50 }],
      ['stops answering writes (redisTimeoutMs 50)', missingAtOnce(await stalling(await writes())), { redisTimeoutMs: 50 }], // a GET cut at 50 ms would send no write
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

  it('02.16 a read whose Redis read failed or timed out answers from Postgres without trying the cache write, and only that read: a healthy read at the same time still fills the cache', async () => {
    const idea = `A GET that failed or timed out has just shown that Redis is not answering. The read goes to Postgres and returns that value without sending the cache write: a SET after a stalled GET waits out redisTimeoutMs a second time, and each one piles another command onto a connection that is not answering. The next read, once Redis is back, caches the value (${LESSON}, "Eviction policies"; lesson 01, "When Redis is down").`;
    const expected = await truthFor(4);
    const writeNames = await writes();
    /**
     * A Redis whose writes work and whose every other command `fail`s (or, without it, is never
     * answered) until `heal()`; `sent` lists the writes it was sent, `asked` the key of every other command.
     */
    const readsBroken = async (fail?: () => Error) => {
      const sent: string[] = [];
      const asked: string[] = [];
      let broken = true;
      const redis = await lab.redis.readyClient((command, send) => {
        const name = command.name.toLowerCase();
        if (!broken) return send(command);
        if (writeNames.has(name)) {
          sent.push([name.toUpperCase(), ...command.args.slice(0, 1).map(String)].join(' '));
          return send(command);
        }
        asked.push(`${name.toUpperCase()} ${String(command.args[0])}`);
        if (fail) command.reject(fail());
        return command.promise;
      });
      return { redis, sent, asked, heal: () => void (broken = false) };
    };
    const v = SHAPE_VERSION;
    const readKeys = [`product:4:v${v.product}`, `inventory:4:v${v.inventory}`, `profile:4:v${v.profile}`, `leaderboard:${LEADERBOARD_ID}:v${v.leaderboard}`].map((name) => lab.redis.key(name));
    const scenarios: [string, Awaited<ReturnType<typeof readsBroken>>, Pick<ShopCacheOptions, 'redisTimeoutMs'>, number][] = [
      [`drops the connection on every read (ECONNRESET) and takes writes (redisTimeoutMs ${PATIENT_MS})`, await readsBroken(() => new Error('read ECONNRESET')), { redisTimeoutMs: PATIENT_MS }, 11],
      ['never answers a read and takes writes (redisTimeoutMs 50)', await readsBroken(), { redisTimeoutMs: 50 }, 14],
    ];
    await Promise.all(
      scenarios.map(async ([what, { redis, sent, asked, heal }, timeout, laterId]) => {
        const cache = cacheOn(redis, timeout);
        const reads = outcome(readEverything(cache, 4));
        const result = await expectSettlesWithin(reads, BOUND_MS, `Reading product, stock, profile, leaderboard and balance 4 from a Redis that ${what}`, idea);
        expect(result, `From a Redis that ${what}, the reads gave ${JSON.stringify(result)}. ${idea}`).toEqual({ value: expected });
        expect(sent, `From a Redis that ${what}, reads whose Redis read had failed went on to send ${sent.join('; ')}; expected no cache write from a read that could not read. ${idea}`).toEqual([]);
        const readsPerKey = readKeys.map((key) => asked.filter((line) => line.endsWith(` ${key}`)).length);
        expect(
          readsPerKey,
          `From a Redis that ${what}, reading product, stock, profile and leaderboard 4 once each sent ${asked.join('; ')}; expected one read command per key (counts in that order: ${readsPerKey.join(', ')}). ` +
            `A read asks Redis once: a GET tried again after it failed or timed out doubles the load on a Redis that is already struggling and, on a stall, the time the reader waits. ${idea}`,
        ).toEqual(readKeys.map(() => 1));

        // Redis answers again: the same cache, its next miss, caches as usual.
        heal();
        const later = await expectSettlesWithin(outcome(cache.getProduct(laterId)), BOUND_MS, `getProduct(${laterId}) once Redis answers again`, idea);
        const product = (await truthFor(laterId)).product;
        expect(later, `getProduct(${laterId}) once Redis answered again gave ${JSON.stringify(later)}. ${idea}`).toEqual({ value: product });
        const stored = await lab.redis.admin.get(lab.redis.key(`product:${laterId}:v${v.product}`));
        expect(
          stored === null ? null : JSON.parse(stored),
          `After reads from a Redis that ${what}, Redis answered again, and the same cache's getProduct(${laterId}) missed; afterwards Redis holds ${JSON.stringify(stored)} under its key, expected the product cached. ` +
            `A failed GET says something about that read only: a cache (or process) that stops writing after one failure, until it restarts, never fills again after a blip. ${idea}`,
        ).toEqual(product);
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
});
