// Lab 01 checks, part 2b: a stalled Redis (connected, never answering). Its own file, so that
// its wait runs beside part 2's Redis that is down. Run: npm test labs/01-cache-aside
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { cacheMaker, FALLBACK } from './cache-aside.support.js';

const lab = useLab('01');

const cacheWith = cacheMaker(lab);

describe('when Redis stalls', () => {
  it('01.7 with Redis stalled (connected, never answering), reads answer from Postgres within a bound', async () => {
    const cache = cacheWith({ redis: await lab.redis.stalledClient() });
    const product = await expectSettlesWithin(cache.getProduct(6), 2000, 'getProduct(6) with Redis stalled', FALLBACK);
    expect(product?.id, FALLBACK).toBe(6);
  });
});
