// Lab 13 checks, part 2: a Redis that stalls, is down, or answers with errors. Every wait
// is bounded, nothing is queued for later, a request asks once. (Reconnection: reconnect.test.ts.)
// Run: npm test labs/13-operating-redis
import { describe, expect, it } from 'vitest';
import { LIVENESS_MS } from '../../harness/lab/teach.js';
import { pollUntil } from '../../harness/services/poll.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { createCache, FAILURE_MODES, NO_BREAKER, SLACK_MS, settles, startProxy, truth, untilConnected } from './operating.support.js';
import { DEFAULT_COMMAND_TIMEOUT_MS, productKey, type ResilientCache } from './src/contract.js';

const lab = useLab('13');
/** The SELECTs of product `id` that reached Postgres so far: one scenario's among others' running at once. */
const selectsOf = (id: number) => lab.db.queries.count({ table: 'products', kind: 'select', values: [id] });

/** A cache behind a proxy of its own, connected; without commandTimeoutMs when none is given. */
async function behindProxy(commandTimeoutMs?: number) {
  const proxy = await startProxy();
  const cache = createCache(lab, proxy.address, { breaker: NO_BREAKER, ...(commandTimeoutMs === undefined ? {} : { commandTimeoutMs }) });
  await untilConnected(cache);
  return { proxy, cache };
}

/** Reads product `id` as `what`, checks the row, and says how many SELECTs of it reached Postgres meanwhile. */
async function selectsDuringRead(cache: ResilientCache, id: number, boundMs: number, what: string, idea: string): Promise<number> {
  const before = selectsOf(id);
  const row = await settles(cache.getProduct(id), boundMs + SLACK_MS, what, idea);
  expect(row, `${what} gave ${JSON.stringify(row)}; expected product ${id}'s row. ${idea}`).toEqual(await truth(lab, id));
  return selectsOf(id) - before;
}

describe('every wait bounded', () => {
  it('13.2 commandTimeoutMs is the bound: a slower Redis within it still answers, a stalled one is given up on after it', async () => {
    const idea = `commandTimeoutMs is the longest one Redis call may take: a Redis answering in 400 ms within a 600 ms bound is still an answer, and a stalled one costs each read that bound and not a moment more (${FAILURE_MODES}).`;
    /** A cache with `commandTimeoutMs` behind a proxy of its own, product `id` already cached there. */
    const cached = async (commandTimeoutMs: number, id: number) => {
      const { proxy, cache } = await behindProxy(commandTimeoutMs);
      await cache.getProduct(id);
      return { proxy, cache };
    };
    const read = (cache: ResilientCache, id: number, boundMs: number, what: string) => selectsDuringRead(cache, id, boundMs, what, idea);
    // Each bound is judged by which comes first, the client's timer or the proxy's reply,
    // never by a duration. Every scenario has a proxy, a cache and a product of its own, so
    // they run at once.
    const withinBound = async () => {
      const { proxy, cache } = await cached(600, 2);
      proxy.delayMs = 400;
      const selects = await read(cache, 2, 600, 'getProduct(2) with commandTimeoutMs 600 and Redis answering in 400 ms');
      expect(selects, `With commandTimeoutMs 600, a Redis answering in 400 ms should have served the hit; Postgres was asked for product 2 ${selects} time(s). ${idea}`).toBe(0);
    };
    // An answer later than the bound is no answer: the read has gone to Postgres by then.
    // Just later: the proxy runs in this process and starts its 615 ms timer after the
    // client started its 600 ms one, so it fires after it however busy the machine, and
    // a margin of a few per cent shows.
    const justLate = async () => {
      const { proxy, cache } = await cached(600, 3);
      proxy.delayMs = 615;
      const selects = await read(cache, 3, 600, 'getProduct(3) with commandTimeoutMs 600 and Redis answering in 615 ms');
      expect(selects, `With commandTimeoutMs 600, a Redis answering in 615 ms should have been given up on after 600 ms and the read answered by Postgres (1 SELECT of product 3, not ${selects}); a bound with a margin on top is not the configured bound. ${idea}`).toBe(1);
    };
    // The option, not a number of the code's own: with 300 ms, an answer at 320 ms is too
    // late. A bound of the code's own (500 ms, say) would take it, unless a busy machine held
    // the reply back 180 ms more: twice in a row is too much luck to count on.
    const shortBound = async () => {
      const { proxy, cache } = await cached(300, 4);
      proxy.delayMs = 320;
      for (let attempt = 1; attempt <= 2; attempt += 1) {
        const selects = await read(cache, 4, 300, 'getProduct(4) with commandTimeoutMs 300 and Redis answering in 320 ms');
        expect(selects, `With commandTimeoutMs 300, a Redis answering in 320 ms should have been given up on after 300 ms and the read answered by Postgres (1 SELECT of product 4, not ${selects}): the bound is the option given, whatever it is. ${idea}`).toBe(1);
      }
    };
    // A small bound is the bound too: no floor of the code's own under the option.
    const smallBound = async () => {
      const { proxy, cache } = await cached(150, 6);
      proxy.delayMs = 190;
      const selects = await read(cache, 6, 150, 'getProduct(6) with commandTimeoutMs 150 and Redis answering in 190 ms');
      expect(selects, `With commandTimeoutMs 150, a Redis answering in 190 ms should have been given up on after 150 ms and the read answered by Postgres (1 SELECT of product 6, not ${selects}): a floor under the option is a bound of the code's own. ${idea}`).toBe(1);
    };
    const stalled = async () => {
      const { proxy, cache } = await cached(600, 5);
      proxy.set('stall');
      await read(cache, 5, 600, 'getProduct(5) with Redis stalled and commandTimeoutMs 600');
    };
    await Promise.all([withinBound(), justLate(), shortBound(), smallBound(), stalled()]);
  });

  it(`13.3 by default a stalled Redis costs a read ${DEFAULT_COMMAND_TIMEOUT_MS} ms, not the client's defaults`, async () => {
    const idea = `Without commandTimeoutMs the default is ${DEFAULT_COMMAND_TIMEOUT_MS} ms. ioredis's own default is no command timeout at all, so a stalled Redis holds every request for as long as the connection lives (${FAILURE_MODES}).`;
    const stalledReads = async () => {
      const { proxy, cache } = await behindProxy();
      proxy.set('stall');
      for (const id of [7, 8]) {
        const read = await settles(cache.getProduct(id), DEFAULT_COMMAND_TIMEOUT_MS + 600, `getProduct(${id}) with Redis stalled and no commandTimeoutMs`, idea);
        expect(read, idea).toEqual(await truth(lab, id));
      }
    };
    // A miss whose write meets the stall: the write is a Redis call, bounded like the read.
    // Its own proxy and cache, so it runs beside the stalled reads.
    const stalledWrite = async () => {
      const { proxy, cache } = await behindProxy();
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
    };
    // The default is the bound, judged like the option in 13.2: a reply 15 ms after it is too
    // late (which timer fires first decides it, however busy the machine).
    const justLate = async () => {
      const { proxy, cache } = await behindProxy();
      await cache.getProduct(10);
      const replyMs = DEFAULT_COMMAND_TIMEOUT_MS + 15;
      proxy.delayMs = replyMs;
      const selects = await selectsDuringRead(cache, 10, DEFAULT_COMMAND_TIMEOUT_MS, `getProduct(10) with Redis answering in ${replyMs} ms and no commandTimeoutMs`, idea);
      expect(selects, `With no commandTimeoutMs and Redis answering in ${replyMs} ms, Postgres was asked for product 10 ${selects} time(s); expected 1: the default bound is ${DEFAULT_COMMAND_TIMEOUT_MS} ms, so that reply is too late. ${idea}`).toBe(1);
    };
    await Promise.all([stalledReads(), stalledWrite(), justLate()]);
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

  it('13.6 a read sends one command: no retry on the request path, and no write after a failed read', async () => {
    const { proxy, cache } = await behindProxy();
    proxy.set('error');
    const from = proxy.dataCommands().length;
    const ids = [1, 2, 3, 4, 5, 6];
    const idea = `A failed cache call is a miss answered by Postgres, not something to try again: every retry from every instance multiplies the load on a Redis that is already failing, and a write after a failed read only waits for its own failure (${FAILURE_MODES}).`;
    for (const id of ids) expect(await settles(cache.getProduct(id), DEFAULT_COMMAND_TIMEOUT_MS + SLACK_MS, `getProduct(${id}) with Redis answering errors`, idea), idea).toEqual(await truth(lab, id));
    const sent = proxy.dataCommands().slice(from).map((c) => `${c.name.toUpperCase()} ${c.args[0] ?? ''}`);
    expect(sent, `Six reads against a Redis answering every command with an error sent these commands; expected one GET each. ${idea}`).toEqual(
      ids.map((id) => `GET ${productKey(lab.redis.prefix, id)}`),
    );
    // A write that fails is not sent again either: a miss whose SET Redis refuses.
    proxy.set('pass');
    proxy.refused.add('set');
    const missFrom = proxy.dataCommands().length;
    expect(await settles(cache.getProduct(7), DEFAULT_COMMAND_TIMEOUT_MS + SLACK_MS, 'getProduct(7), a miss whose SET Redis refuses', idea), idea).toEqual(await truth(lab, 7));
    const miss = proxy.dataCommands().slice(missFrom).map((c) => `${c.name.toUpperCase()} ${c.args[0] ?? ''}`);
    const key = productKey(lab.redis.prefix, 7);
    expect(miss, `A miss of product 7 whose write Redis refused sent these commands; expected one GET and one SET. ${idea}`).toEqual([`GET ${key}`, `SET ${key}`]);
  });
});
