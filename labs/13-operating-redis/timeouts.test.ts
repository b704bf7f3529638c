// Lab 13 checks, part 2: commandTimeoutMs is the bound on every Redis call, both ways.
// (Its default: timeout-default.test.ts; a Redis down or failing: outage.test.ts;
// reconnection: reconnect.test.ts.)
// Run: npm test labs/13-operating-redis
import { describe, expect, it } from 'vitest';
import { timedWithLateness } from '../../harness/lab/loop-lateness.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { FAILURE_MODES } from './operating.support.js';
import type { ResilientCache } from './src/contract.js';
import { timeoutChecks } from './timeouts.support.js';

const lab = useLab('13');
const { behindProxy, selectsDuringRead } = timeoutChecks(lab);

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
    // The reply is read in the loop's next turn for I/O: when the loop stalls past the bound,
    // the client's timer, due by then, fires first. A miss taken while the loop ran that late
    // is read again (three readings at most); code with a shorter bound misses every time.
    const withinBound = async () => {
      const { proxy, cache } = await cached(600, 2);
      proxy.delayMs = 400;
      for (let tries = 1; ; tries += 1) {
        const { result: selects, latenessMs } = await timedWithLateness(() => read(cache, 2, 600, 'getProduct(2) with commandTimeoutMs 600 and Redis answering in 400 ms'));
        if (selects > 0 && latenessMs > 100 && tries < 3) continue;
        expect(selects, `With commandTimeoutMs 600, a Redis answering in 400 ms should have served the hit; Postgres was asked for product 2 ${selects} time(s). ${idea}`).toBe(0);
        return;
      }
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

});
