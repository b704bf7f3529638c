// Lab 01 checks, part 3c: the default redisTimeoutMs, 250 ms, from both sides. Its own file,
// so that its waits run beside part 3's. Run: npm test labs/01-cache-aside
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { answeredBy, cacheMaker, cachedThenChanged, FALLBACK, gatedPool, sleep, troubledRedis } from './cache-aside.support.js';

const lab = useLab('01');

const cacheWith = cacheMaker(lab);

const { slowRedis } = troubledRedis(lab);

describe('redisTimeoutMs by default', () => {
  it('01.16 the default redisTimeoutMs is 250 ms: a stalled Redis is still waited for at 230 ms, a reply 265 ms late is not waited for', async () => {
    // The stalled read and the late reply run at once, on products and clients of their own.
    // Both sides are judged by which timer fires first, so a busy machine cannot blur them.
    const prices = await cachedThenChanged(lab, 15);
    const late = await slowRedis(265);
    const lateRead = cacheWith({ redis: late.client }).getProduct(15);
    lateRead.catch(() => {}); // a rejection fails the check below, where it is awaited
    // Giving up on the stalled Redis shows as the read's query reaching Postgres, whenever a busy
    // Postgres answers it.
    const db = gatedPool(lab);
    db.release(); // its queries pass at once: only `reached` is wanted
    let gaveUp = false;
    void db.reached.then(() => (gaveUp = true));
    const stalled = cacheWith({ redis: await lab.redis.stalledClient(), db: db.pool });
    const at230 = sleep(230); // set before the read, so due before its 250 ms bound however busy the machine
    const read = stalled.getProduct(16);
    await at230;
    const early = gaveUp;
    const product = await expectSettlesWithin(read, 2000, 'getProduct(16) with Redis stalled', FALLBACK);
    expect(early, `With Redis stalled and no redisTimeoutMs given, getProduct(16) had already given up on Redis within 230 ms. The default is 250 ms: a Redis that is merely slow would have answered. ${FALLBACK}`).toBe(false);
    expect(product?.id, FALLBACK).toBe(16);

    const slowly = (await lateRead)?.priceCents;
    await late.drained();
    expect(slowly, `Redis answered after 265 ms and no redisTimeoutMs was given; the read was answered by ${answeredBy(slowly, prices)}. With the default of 250 ms it should have given up on Redis and loaded from Postgres. ${FALLBACK}`).toBe(prices.truthCents);
  });
});
