// Lab 01 checks, part 6: a Redis that answers reads but refuses, stalls or delays the
// write that fills the cache. Run: npm test labs/01-cache-aside
import { describe, expect, it } from 'vitest';
import { ReplyError } from 'ioredis';
import { useLab } from '../../harness/lab/use-lab.js';
import { recordCommands } from '../../harness/lab/lab-redis.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { cacheMaker, FALLBACK, gatedPool, LESSON, troubledRedis } from './cache-aside.support.js';

const lab = useLab('01');

const cacheWith = cacheMaker(lab);

const { clientThat, slowRedis, refusingWrites, stallingWrites, missingAtOnce, writeCommands } = troubledRedis(lab);

describe('when only writes fail', () => {
  /** How many writes `sent` (command names, in order) holds, a MULTI ... EXEC that writes counting as one. */
  function writeSteps(sent: string[], writes: Set<string>): number {
    let steps = 0;
    let inTransaction = false;
    let transactionWrites = false;
    for (const name of sent.map((n) => n.toLowerCase())) {
      if (name === 'multi') [inTransaction, transactionWrites] = [true, false];
      else if (name === 'exec' || name === 'discard') {
        if (transactionWrites && name === 'exec') steps += 1;
        inTransaction = false;
      } else if (writes.has(name)) {
        if (inTransaction) transactionWrites = true;
        else steps += 1;
      }
    }
    return steps;
  }

  it('01.18 a Redis that answers reads but refuses or stalls writes still gives every read its answer; a refusal ends the wait at once, and no write is sent twice', async () => {
    const idea = `Filling the cache is best effort: a full Redis refuses writes at once ("OOM command not allowed"), a struggling one stops answering them. Bound and catch the write like the read, and return what Postgres gave. A refusal is an answer: it ends the wait at once, even with redisTimeoutMs: 10000 (${LESSON}, "When Redis is down").`;
    const oom = new ReplyError("OOM command not allowed when used memory > 'maxmemory'.");
    const writes = await writeCommands();
    const troubles = [
      ['refuses writes', await refusingWrites(oom), 10_000, 16],
      ['never answers writes', missingAtOnce(await stallingWrites()), 50, 17], // a GET cut at 50 ms would send no write
    ] as const;
    // The two run at once, each on a client and products of its own.
    await Promise.all(troubles.map(async ([what, redis, redisTimeoutMs, id]) => {
      const sent = recordCommands(redis);
      const cache = cacheWith({ redis, redisTimeoutMs });
      const read = await expectSettlesWithin(
        cache.getProduct(id).then((p) => p?.id ?? null, (error: unknown) => `rejected: ${String(error)}`),
        2000,
        `getProduct(${id}) while Redis ${what}`,
        idea,
      );
      expect(read, `getProduct(${id}) while Redis ${what}. ${idea}`).toBe(id);
      const missing = await expectSettlesWithin(
        cache.getProduct(990 + id).then((p) => p, (error: unknown) => `rejected: ${String(error)}`),
        2000,
        `getProduct(${990 + id}), a missing product, while Redis ${what}`,
        idea,
      );
      expect(missing, `getProduct(${990 + id}) for a missing product while Redis ${what}. ${idea}`).toBeNull();
      const wrote = writeSteps(sent, writes);
      expect(
        wrote,
        `The reads of product ${id} and of missing ${990 + id}, with redisTimeoutMs: ${redisTimeoutMs}, while Redis ${what}, sent ${sent.join(', ')}: ${wrote} writes (a MULTI ... EXEC counted as one); expected at most 2, one cache write per read. A refused or unanswered fill is given up, not sent again: a full or struggling Redis answers the second try as it did the first, and every miss from every instance doubles its load. ${idea}`,
      ).toBeLessThanOrEqual(2);
    }));
  });

  it('01.19 once the read from Redis has failed (timed out or answered with an error), that request does not write to Redis, and other requests still do', async () => {
    const writes = await writeCommands();
    const loading = new ReplyError('LOADING Redis is loading the dataset in memory');
    const troubles = [
      ['stalled', await lab.redis.stalledClient(), 20],
      ['answering every command with LOADING', await clientThat((command) => (command.reject(loading), command.promise)), 10_000],
    ] as const;
    for (const [how, client, redisTimeoutMs] of troubles) {
      const sent = recordCommands(client);
      const cache = cacheWith({ redis: client, redisTimeoutMs });
      const what = (id: number) => `getProduct(${id}) with Redis ${how} and redisTimeoutMs: ${redisTimeoutMs}`;
      expect((await expectSettlesWithin(cache.getProduct(18), 2000, what(18), FALLBACK))?.id, FALLBACK).toBe(18);
      expect(await expectSettlesWithin(cache.getProduct(988), 2000, what(988), FALLBACK), FALLBACK).toBeNull();
      const wrote = sent.filter((name) => writes.has(name.toLowerCase()));
      expect(
        wrote,
        `With Redis ${how}, the reads of product 18 and of missing 988 failed, then sent ${wrote.join(', ')} to the same Redis anyway. ` +
          `When the read failed (an error or a timeout), skip the write: an error is not a miss, so the request pays for a sick Redis once, and a Redis in trouble gets no extra work (${LESSON}, "When Redis is down").`,
      ).toEqual([]);
      const reads = sent.filter((name) => name.toLowerCase() !== 'info').length;
      expect(
        reads,
        `With Redis ${how}, the reads of product 18 and of missing 988 sent ${sent.join(', ')}: ${reads} commands; expected one GET each. A read that failed or timed out is not sent again: a stalled Redis would cost every request twice redisTimeoutMs, and a struggling one twice the load (${LESSON}, "When Redis is down").`,
      ).toBe(2);
    }
    // A read waiting on a stalled client, and meanwhile a miss on a healthy client of the same
    // code: each read's Postgres query is held until the other has reached its own.
    const stalledClient = await lab.redis.stalledClient();
    const sent = recordCommands(stalledClient);
    const stalledDb = gatedPool(lab);
    const healthyDb = gatedPool(lab);
    const stalled = cacheWith({ redis: stalledClient, db: stalledDb.pool, redisTimeoutMs: 20 }).getProduct(11);
    const healthy = cacheWith({ db: healthyDb.pool, redisTimeoutMs: 5000 }).getProduct(12);
    const idea = `Whether Redis failed belongs to one request, as a variable inside getProduct: a flag shared by every call (a module-level variable) lets one client's timeout stop another's healthy fill, and one read's reset lets a failed one write (${LESSON}, "When Redis is down").`;
    try {
      await expectSettlesWithin(Promise.all([stalledDb.reached, healthyDb.reached]), 2000, 'getProduct(11) on a stalled Redis and getProduct(12) on a healthy one both reaching Postgres', idea);
      healthyDb.release();
      expect((await healthy)?.id, idea).toBe(12);
      const filled = (await lab.redis.keys()).length;
      expect(
        filled,
        `While getProduct(11) was timing out on a stalled Redis, getProduct(12) missed on a healthy Redis and loaded product 12, but left nothing in Redis; expected it cached. ${idea}`,
      ).toBeGreaterThan(0);
    } finally {
      healthyDb.release();
      stalledDb.release();
    }
    expect((await expectSettlesWithin(stalled, 2000, 'getProduct(11) with Redis stalled and redisTimeoutMs: 20', FALLBACK))?.id, FALLBACK).toBe(11);
    const wrote = sent.filter((name) => writes.has(name.toLowerCase()));
    expect(
      wrote,
      `getProduct(11)'s read timed out on a stalled Redis while getProduct(12) ran on a healthy one; getProduct(11) then sent ${wrote.join(', ')} to the stalled Redis. ${idea}`,
    ).toEqual([]);
  });

  it('01.26 the cache write waits at most redisTimeoutMs too: a fill answered 150 ms late is not waited for with redisTimeoutMs: 30', async () => {
    const idea = `redisTimeoutMs bounds every Redis call on the request path, the cache write as much as the read: the caller chose it for its latency budget. A bound of your own on the write (250 ms, a second) makes every miss wait for a slow Redis although Postgres has already answered (${LESSON}, "When Redis is down").`;
    // A product and a missing one, read at once, each through a slow Redis of its own.
    const cases = [[3, 3], [985, null]] as const;
    await Promise.all(cases.map(async ([id, expected]) => {
      const slow = await slowRedis(150, 'writes');
      const cache = cacheWith({ redis: missingAtOnce(slow.client), redisTimeoutMs: 30 }); // a GET cut at 30 ms would send no write
      const what = `getProduct(${id}) with redisTimeoutMs: 30 and every write answered 150 ms late`;
      const before = slow.reached();
      const { found, waited } = await expectSettlesWithin(
        cache.getProduct(id).then((p) => ({ found: p?.id ?? null, waited: slow.reached() > before })),
        2000,
        what,
        idea,
      );
      await slow.drained();
      expect(found, `${what}. ${idea}`).toBe(expected);
      expect(waited, `${what} resolved only after its cache write had gone to Redis, more than 120 ms past redisTimeoutMs (30). Give up on the write at redisTimeoutMs, or do not wait for it. ${idea}`).toBe(false);
    }));
  });
});
