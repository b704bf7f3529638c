// Lab 13 checks, part 3: the circuit breaker opens after repeated failures and sends
// nothing to Redis while open. Part 3b, its probe after the cool-down and its defaults, is
// breaker-probe.test.ts. Time is the suite's clock (the `now` option).
// Run: npm test labs/13-operating-redis
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { BREAKER, breakerChecks, readsSince } from './breaker.support.js';
import { SLACK_MS, settles, truth } from './operating.support.js';

const lab = useLab('13');
const { readAll, setUp } = breakerChecks(lab);

describe('the circuit breaker', () => {
  it('13.7 opens after exactly failureThreshold failures in a row (a success starts the count again), then sends Redis nothing', async () => {
    const { proxy, cache } = await setUp({ failureThreshold: 4, coolDownMs: 30_000 });
    const from = proxy.dataCommands().length;
    proxy.set('error');
    await readAll(cache, [1, 2, 3], 'with Redis answering errors');
    proxy.set('pass');
    await readAll(cache, [4], 'with Redis well again');
    proxy.set('error');
    await readAll(cache, [5, 6, 7], 'with Redis answering errors again');
    const closed = readsSince(proxy, from);
    expect(closed, `Three failures, a success, three failures, with failureThreshold 4: ${closed} of 7 reads reached Redis; expected all 7. Only failures in a row open the breaker; a success shows Redis is well (${BREAKER}).`).toBe(7);
    expect((await cache.health()).breaker, `health().breaker after 3 failures, a success and 3 failures (threshold 4) (${BREAKER})`).toBe('closed');

    await readAll(cache, [8], 'as the fourth failure in a row');
    await readAll(cache, [9, 10, 11, 12, 13, 14, 15, 16, 17, 18], 'with the breaker open');
    const total = readsSince(proxy, from);
    expect(total, `After the 4th failure in a row (failureThreshold 4), ${total - 8} of the 10 next reads still reached Redis; expected none: an open breaker sends requests straight to Postgres instead of making each wait for its own failure (${BREAKER}).`).toBe(8);
    const health = await cache.health();
    expect(health.breaker, `health().breaker with the breaker open (${BREAKER})`).toBe('open');
    expect(health.bypassed, `health().bypassed after 10 reads the breaker sent straight to Postgres (${BREAKER})`).toBe(10);
  });

  it('13.8 a stalled Redis: after the threshold, requests stop waiting and nothing piles up on the server', async () => {
    const { proxy, cache } = await setUp({ failureThreshold: 3, coolDownMs: 30_000 }, 150);
    proxy.set('stall');
    await readAll(cache, [1, 2, 3], 'with Redis stalled (commandTimeoutMs 150)', 150 + SLACK_MS);
    const burst = Array.from({ length: 30 }, (_, i) => 1 + (i % 20));
    const reads = await settles(Promise.all(burst.map((id) => cache.getProduct(id))), SLACK_MS, '30 concurrent reads with the breaker open', BREAKER);
    for (const [i, id] of burst.entries()) expect(reads[i], `getProduct(${id}) with the breaker open (${BREAKER})`).toEqual(await truth(lab, id));
    const reached = proxy.dataCommands().filter((c) => c.name === 'get').length;
    expect(reached, `A stalled Redis received ${reached} reads, ${proxy.held} commands in all that it never answered; expected the 3 that opened the breaker and none of the 30 after: a stalled server otherwise collects a backlog from every instance (${BREAKER}).`).toBe(3);
  });
});
