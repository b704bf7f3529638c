// Lab 01 checks, part 5: updatePrice when Redis refuses, stalls or is down. Its bound on
// Redis and a failing UPDATE are part 5b, update-price-limits.test.ts. Run: npm test labs/01-cache-aside
import { describe, expect, it } from 'vitest';
import { ReplyError } from 'ioredis';
import { useLab } from '../../harness/lab/use-lab.js';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { recordCommandLines } from '../../harness/lab/lab-redis.js';
import { expectSettlesWithin, LIVENESS_MS } from '../../harness/lab/teach.js';
import { healthyCaches, LESSON, priceInPostgres, troubledRedis } from './cache-aside.support.js';

const lab = useLab('01');
const cacheWith = healthyCaches(lab);

const { refusingWrites, writeCommands } = troubledRedis(lab);

describe('when Redis fails during updatePrice', () => {
  it('01.25 with Redis refusing, stalled or down, updatePrice still commits and resolves with the new product (at once when Redis refuses), sends its DEL once and logs the failure once, naming the key', async () => {
    const idea = `The database write is the one that matters: once it commits, a failed or slow invalidation is logged, not thrown, as soon as Redis refuses it or after at most redisTimeoutMs. The TTL bounds how long the old price can be served (${LESSON}, "Invalidate on write").`;
    const oom = new ReplyError("OOM command not allowed when used memory > 'maxmemory'.");
    const refusing = await refusingWrites(oom);
    // A refusal is an answer: it ends the wait at once, however long redisTimeoutMs is.
    const cases = [
      ['refusing writes', refusing, 17, 10_000],
      ['stalled', await lab.redis.stalledClient(), 18, 50],
      ['down', await lab.redis.downClient(), 19, 50],
    ] as const;
    const writes = await writeCommands();
    const logs = captureConsole('01');
    for (const [what, redis, id, redisTimeoutMs] of cases) {
      const sent = recordCommandLines(redis);
      const logged = logs.lines().length;
      const price = id * 100 + 1;
      const result = await expectSettlesWithin(
        cacheWith({ redis, redisTimeoutMs }).updatePrice(id, price).then((p) => p?.priceCents, (error: unknown) => `rejected: ${String(error)}`),
        LIVENESS_MS,
        `updatePrice(${id}, ${price}) with Redis ${what} and redisTimeoutMs: ${redisTimeoutMs}`,
        idea,
      );
      expect(result, `updatePrice(${id}, ${price}) with Redis ${what}. ${idea}`).toBe(price);
      expect(await priceInPostgres(lab, id), `Postgres should hold the new price of product ${id}. ${idea}`).toBe(price);
      const situation = `updatePrice(${id}, ${price}) with Redis ${what} and redisTimeoutMs: ${redisTimeoutMs}`;
      const invalidations = sent.filter(([name]) => writes.has(name!.toLowerCase()));
      const shown = invalidations.map((line) => line.join(' ')).join('; ');
      expect(
        invalidations.length,
        `${situation} sent ${shown}; expected one invalidation. A refused or unanswered DEL is logged and left to the TTL, not sent again: a Redis in trouble answers the retry as it did the first, and every price change doubles its load. ${idea}`,
      ).toBeLessThanOrEqual(1);
      // Judged when the code did send an invalidation (whether it must is 01.9's).
      const keys = invalidations.flatMap(([, ...args]) => args.filter((arg) => arg.startsWith(lab.redis.prefix)));
      if (keys.length > 0) {
        const lines = logs.lines().slice(logged);
        const naming = lines.filter((line) => keys.some((key) => line.includes(key)));
        expect(
          naming.length,
          `${situation} sent ${shown}, which failed, and logged ${lines.length ? lines.map((line) => JSON.stringify(line)).join(', ') : 'nothing'} (console.warn and console.error); expected one line naming ${keys.join(', ')}. A failed invalidation leaves the old price cached until the TTL ends: the log is how an operator learns which key to delete by hand, so say which one, once per failure. ${idea}`,
        ).toBe(1);
      }
    }
  });
});
