// Lab 13 checks, part 2a: without commandTimeoutMs, a stalled Redis costs a read the
// default bound, and a miss at most two calls. Its own file: it waits on stalled calls.
// Run: npm test labs/13-operating-redis
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { FAILURE_MODES, settles, truth } from './operating.support.js';
import { DEFAULT_COMMAND_TIMEOUT_MS, productKey } from './src/contract.js';
import { timeoutChecks } from './timeouts.support.js';

const lab = useLab('13');
const { behindProxy, selectsDuringRead } = timeoutChecks(lab);

describe('every wait bounded', () => {
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

});
