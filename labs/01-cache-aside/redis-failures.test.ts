// Lab 01 checks, part 2: when Redis is down or answering errors, and when Postgres fails.
// A stalled Redis is part 2b, redis-stalled.test.ts. Run: npm test labs/01-cache-aside
import { describe, expect, it } from 'vitest';
import { ReplyError } from 'ioredis';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectNoKeys, expectQueries, expectSettlesWithin } from '../../harness/lab/teach.js';
import { cacheMaker, FALLBACK, LESSON, troubledRedis } from './cache-aside.support.js';

const products = { table: 'products', kind: 'select' } as const;

const lab = useLab('01');

const cacheWith = cacheMaker(lab);

const { clientThat } = troubledRedis(lab);

describe('when Redis or Postgres fails', () => {
  it('01.6 with Redis down (nothing listening), reads still answer from Postgres', async () => {
    const cache = cacheWith({ redis: await lab.redis.downClient() });
    const product = await expectSettlesWithin(cache.getProduct(5), 2000, 'getProduct(5) with Redis down', FALLBACK);
    expect(product?.id, FALLBACK).toBe(5);
  });

  it('01.13 a Redis that answers with an error is given up on at once, not after redisTimeoutMs', async () => {
    const loading = new ReplyError('LOADING Redis is loading the dataset in memory');
    const sent: string[] = [];
    const cache = cacheWith({ redis: await clientThat((command) => (sent.push(command.name.toUpperCase()), command.reject(loading), command.promise)), redisTimeoutMs: 10_000 });
    const idea = `A Redis restarting from its snapshot answers every command with "LOADING". An error is an answer: the read falls back to Postgres as soon as it arrives. The timeout is only for silence; a timer that ignores the rejection makes every request wait the full redisTimeoutMs (here 10 s) (${LESSON}, "When Redis is down").`;
    const outcome = (id: number) => cache.getProduct(id).then((p) => p?.id ?? null, (error: unknown) => `rejected: ${String(error)}`);
    expect(await expectSettlesWithin(outcome(9), 2000, 'getProduct(9) with Redis answering LOADING and redisTimeoutMs 10000', idea), idea).toBe(9);
    expect(await expectSettlesWithin(outcome(987), 2000, 'getProduct(987), a missing product, with Redis answering LOADING', idea), idea).toBe(null);
    expect(sent, `Two reads against a Redis answering every command with LOADING sent these commands; expected one GET each: an error is the answer, not a reason to ask again, and no write follows a failed read. A retry doubles the load on a Redis that is still loading, from every instance at once. ${idea}`).toEqual(['GET', 'GET']);
  });

  it('01.8 a failing database query is not cached, and the next read recovers', async () => {
    const cache = cacheWith();
    const restore = lab.db.failQueries(/FROM products/i);
    const outcome = await cache.getProduct(7).then(
      (value) => `returned ${JSON.stringify(value)}`,
      () => 'rejected',
    );
    const idea = `An error is not an answer: let it reach the caller and cache nothing, or every reader gets the failure (or a false "not found") until the TTL ends (${LESSON}, "Caching not found").`;
    expect(outcome, `While Postgres failed, getProduct(7) ${outcome}; expected it to reject. ${idea}`).toBe('rejected');
    expectQueries(lab.db, products, 1, `A failed query is not tried again by the cache: a database in trouble gets no second query per read from it (retries, if any, belong to the pool or the caller). ${idea}`);
    await expectNoKeys(lab.redis, idea);
    // With Redis down too, the read that falls back to Postgres still rejects: no answer is not "not found".
    const bothDown = await cacheWith({ redis: await lab.redis.downClient() }).getProduct(8).then(
      (value) => `returned ${JSON.stringify(value)}`,
      () => 'rejected',
    );
    expect(bothDown, `With Redis down and Postgres failing, getProduct(8) ${bothDown}; expected it to reject. The fallback to Postgres is the read itself, not a best effort: its error is the caller's. ${idea}`).toBe('rejected');
    restore();
    expect((await cache.getProduct(7))?.id, `Once Postgres recovered, getProduct(7) should return product 7. ${idea}`).toBe(7);
  });
});
