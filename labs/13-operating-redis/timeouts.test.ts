// Lab 13 checks, part 2: a Redis that stalls, is down, or answers with errors. Every wait
// is bounded, nothing is queued for later, reconnection backs off, a request asks once.
// Run: npm test labs/13-operating-redis
import { describe, expect, it } from 'vitest';
import { expectQueries, LIVENESS_MS } from '../../harness/lab/teach.js';
import { pollUntil } from '../../harness/services/poll.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { createCache, elapse, FAILURE_MODES, SLACK_MS, settles, startProxy, truth, untilConnected } from './operating.support.js';
import { DEFAULT_COMMAND_TIMEOUT_MS, productKey } from './src/contract.js';

const lab = useLab('13');
const selects = { table: 'products', kind: 'select' } as const;
/** Large enough that no check of this file opens the breaker: these checks are about each call. */
const NO_BREAKER = { failureThreshold: 10_000 };

describe('every wait bounded', () => {
  it('13.2 commandTimeoutMs is the bound: a slower Redis within it still answers, a stalled one is given up on after it', async () => {
    const proxy = await startProxy();
    const cache = createCache(lab, proxy.address, { commandTimeoutMs: 1_000, breaker: NO_BREAKER });
    await untilConnected(cache);
    await cache.getProduct(2);
    lab.db.queries.reset();
    proxy.delayMs = 300;
    const idea = `commandTimeoutMs is the longest one Redis call may take: a Redis answering in 300 ms within a 1 000 ms bound is still an answer, and a stalled one costs each read that bound and not a moment more (${FAILURE_MODES}).`;
    const slow = await settles(cache.getProduct(2), 1_000 + SLACK_MS, 'getProduct(2) with Redis answering in 300 ms', idea);
    expect(slow, idea).toEqual(await truth(lab, 2));
    expectQueries(lab.db, selects, 0, `With commandTimeoutMs 1000, a Redis answering in 300 ms should have served the hit. ${idea}`);

    // An answer later than the bound is no answer: the read has gone to Postgres by then.
    proxy.delayMs = 1_300;
    const late = await settles(cache.getProduct(2), 1_000 + SLACK_MS, 'getProduct(2) with Redis answering in 1 300 ms', idea);
    expect(late, idea).toEqual(await truth(lab, 2));
    expectQueries(lab.db, selects, 1, `With commandTimeoutMs 1000, a Redis answering in 1 300 ms should have been given up on after 1 000 ms and the read answered by Postgres; a bound with a margin on top is not the configured bound. ${idea}`);

    proxy.delayMs = 0;
    proxy.set('stall');
    const stalled = await settles(cache.getProduct(2), 1_000 + SLACK_MS, 'getProduct(2) with Redis stalled and commandTimeoutMs 1000', idea);
    expect(stalled, `With Redis stalled, getProduct(2) gave ${JSON.stringify(stalled)}; expected the row from Postgres. ${idea}`).toEqual(
      await truth(lab, 2),
    );
  });

  it(`13.3 by default a stalled Redis costs a read ${DEFAULT_COMMAND_TIMEOUT_MS} ms, not the client's defaults`, async () => {
    const proxy = await startProxy();
    const cache = createCache(lab, proxy.address, { breaker: NO_BREAKER });
    await untilConnected(cache);
    proxy.set('stall');
    const idea = `Without commandTimeoutMs the default is ${DEFAULT_COMMAND_TIMEOUT_MS} ms. ioredis's own default is no command timeout at all, so a stalled Redis holds every request for as long as the connection lives (${FAILURE_MODES}).`;
    for (const id of [7, 8]) {
      const read = await settles(cache.getProduct(id), DEFAULT_COMMAND_TIMEOUT_MS + 600, `getProduct(${id}) with Redis stalled and no commandTimeoutMs`, idea);
      expect(read, idea).toEqual(await truth(lab, id));
    }
    // A miss whose write meets the stall: the write is a Redis call, bounded like the read.
    proxy.set('pass');
    proxy.onForward = (command) => {
      if (command.name === 'get' && command.args[0] === productKey(lab.redis.prefix, 9)) proxy.set('stall');
    };
    const filled = await settles(
      cache.getProduct(9),
      2 * DEFAULT_COMMAND_TIMEOUT_MS + 600,
      'getProduct(9), a miss whose SET met a stalled Redis',
      `A read waits for at most two bounded calls: the GET and, on a miss, the SET that writes the row back. ${idea}`,
    );
    expect(filled, idea).toEqual(await truth(lab, 9));
  });

  it('13.4 Redis down: reads answer from Postgres at once, and none of them reaches Redis after it is back (no offline queue)', async () => {
    const proxy = await startProxy();
    const cache = createCache(lab, proxy.address, { breaker: NO_BREAKER, reconnect: { baseDelayMs: 20, maxDelayMs: 50 } });
    await untilConnected(cache);
    const idea = `While Redis is down a read is answered from Postgres at once. A client that queues commands while disconnected (ioredis's enableOfflineQueue, on by default) makes each request wait, and when Redis returns it sends the whole backlog of reads nobody waits for any more, on a server that is just recovering (${FAILURE_MODES}).`;
    // A blip: the connection drops while a GET is on its way, and the server is back at once.
    const cutKey = productKey(lab.redis.prefix, 18);
    const sentCut = () => proxy.dataCommands().filter((c) => c.args[0] === cutKey).length;
    proxy.set('stall');
    const cut = cache.getProduct(18);
    await pollUntil('the GET of product 18 to reach the server', async () => sentCut() > 0 || { not: 'not yet' }, { timeoutMs: LIVENESS_MS });
    proxy.set('down');
    proxy.set('pass');
    expect(await settles(cut, DEFAULT_COMMAND_TIMEOUT_MS + SLACK_MS, 'getProduct(18), whose GET was on its way when the connection dropped', idea), idea).toEqual(await truth(lab, 18));
    await untilConnected(cache);
    expect(
      sentCut(),
      `The GET of product 18 was cut off by a dropped connection, and its read answered by Postgres; once reconnected, the server had received ${sentCut()} commands for that key, expected only the first. A command cut off by a disconnect must fail, not be sent again on the new connection (maxRetriesPerRequest: 0): a resent write could put an old value on a new primary, long after its read was answered (${FAILURE_MODES}).`,
    ).toBe(1);

    proxy.set('down');
    for (const id of [11, 12, 13, 14]) {
      const read = await settles(cache.getProduct(id), DEFAULT_COMMAND_TIMEOUT_MS + SLACK_MS, `getProduct(${id}) with Redis down`, idea);
      expect(read, idea).toEqual(await truth(lab, id));
    }
    // The last read is made just as Redis comes back: a queued command would be sent now.
    const last = cache.getProduct(15);
    proxy.set('pass');
    expect(await settles(last, DEFAULT_COMMAND_TIMEOUT_MS + SLACK_MS, 'getProduct(15), made as Redis came back', idea), idea).toEqual(await truth(lab, 15));
    await untilConnected(cache);
    await cache.getProduct(16);
    const whileDown = [11, 12, 13, 14, 15].map((id) => productKey(lab.redis.prefix, id));
    const late = proxy.dataCommands().filter((c) => c.args.some((arg) => whileDown.includes(arg)));
    expect(
      late.map((c) => `${c.name.toUpperCase()} ${c.args[0]}`),
      `Once Redis was back, it received these commands of reads made while it was down; expected none. ${idea}`,
    ).toEqual([]);
    proxy.set('error');
    await cache.getProduct(17);
    expect((await cache.health()).lastError, `After the outage, a read met an error reply; health().lastError should be that error, not the outage's (${FAILURE_MODES}).`).toMatch(/injected failure/);
  });

  it('13.5 reconnection waits a doubling delay from baseDelayMs, capped at maxDelayMs, and gets there', async () => {
    const [uncapped, capped, eager] = [await startProxy(), await startProxy(), await startProxy()];
    // maxDelayMs left out: its default (2 000 ms) applies, field by field.
    const slow = createCache(lab, uncapped.address, { breaker: NO_BREAKER, reconnect: { baseDelayMs: 100 } });
    const fast = createCache(lab, capped.address, { breaker: NO_BREAKER, reconnect: { baseDelayMs: 100, maxDelayMs: 100 } });
    const persistent = createCache(lab, eager.address, { breaker: NO_BREAKER, reconnect: { baseDelayMs: 10, maxDelayMs: 10 } });
    await Promise.all([untilConnected(slow), untilConnected(fast), untilConnected(persistent)]);
    const before = [uncapped.connections, capped.connections, eager.connections];
    for (const proxy of [uncapped, capped, eager]) proxy.set('down');
    const downAt = performance.now();
    await elapse(1_000);
    const [doubling, flat, many] = [uncapped.connections - before[0]!, capped.connections - before[1]!, eager.connections - before[2]!];
    const idea = `Attempt n waits min(maxDelayMs, baseDelayMs × 2^(n−1)): 100, 200, 400 ms... A fixed short delay from every instance hammers a Redis that is trying to come back; the cap keeps a long outage from delaying the recovery by minutes (${FAILURE_MODES}).`;
    expect(doubling, `In 1 s of outage with baseDelayMs 100 and the default maxDelayMs, the client tried to connect ${doubling} times; expected 2 to 4 (at about 100, 300 and 700 ms). ${idea}`).toBeGreaterThanOrEqual(2);
    expect(doubling, `In 1 s of outage with baseDelayMs 100, the client tried to connect ${doubling} times; expected at most 4. ${idea}`).toBeLessThanOrEqual(4);
    expect(flat, `In 1 s of outage with baseDelayMs 100 and maxDelayMs 100, the client tried to connect ${flat} times; expected about 10 (at least 5): the cap stops the doubling. ${idea}`).toBeGreaterThanOrEqual(5);
    // Jitter takes at most half the delay off: no gap of the capped client below 50 ms (2 ms for timer rounding).
    const attempts = [downAt, ...capped.connectedAt.slice(before[1]!)];
    const gaps = attempts.slice(1).map((at, i) => Math.round(at - attempts[i]!));
    expect(Math.min(...gaps), `With baseDelayMs 100 and maxDelayMs 100, the gaps between connection attempts were ${gaps.join(', ')} ms; expected none below 50: jitter may take up to half of the delay off, not all of it, or instances bunch up again and the cap means nothing. ${idea}`).toBeGreaterThanOrEqual(48);
    expect(many, `In 1 s of outage with a 10 ms delay, the client tried to connect ${many} times; expected far more than 10 (at least 20): the client keeps trying for as long as the outage lasts. ${idea}`).toBeGreaterThanOrEqual(20);
    for (const proxy of [uncapped, capped, eager]) proxy.set('pass');
    // A client that gave up never reconnects: untilConnected fails on it.
    await Promise.all([untilConnected(slow), untilConnected(fast), untilConnected(persistent)]);
  });

  it('13.6 a read sends one command: no retry on the request path, and no write after a failed read', async () => {
    const proxy = await startProxy();
    const cache = createCache(lab, proxy.address, { breaker: NO_BREAKER });
    await untilConnected(cache);
    proxy.set('error');
    const from = proxy.dataCommands().length;
    const ids = [1, 2, 3, 4, 5, 6];
    const idea = `A failed cache call is a miss answered by Postgres, not something to try again: every retry from every instance multiplies the load on a Redis that is already failing, and a write after a failed read only waits for its own failure (${FAILURE_MODES}).`;
    for (const id of ids) expect(await settles(cache.getProduct(id), DEFAULT_COMMAND_TIMEOUT_MS + SLACK_MS, `getProduct(${id}) with Redis answering errors`, idea), idea).toEqual(await truth(lab, id));
    const sent = proxy.dataCommands().slice(from).map((c) => `${c.name.toUpperCase()} ${c.args[0] ?? ''}`);
    expect(sent, `Six reads against a Redis answering every command with an error sent these commands; expected one GET each. ${idea}`).toEqual(
      ids.map((id) => `GET ${productKey(lab.redis.prefix, id)}`),
    );
  });
});
