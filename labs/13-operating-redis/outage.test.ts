// Lab 13 checks, part 2c: a Redis that is down or answers with errors. Reads answer from
// Postgres at once, nothing is queued for later, a request asks once.
// Run: npm test labs/13-operating-redis
import { describe, expect, it } from 'vitest';
import { LIVENESS_MS } from '../../harness/lab/teach.js';
import { pollUntil } from '../../harness/services/poll.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { createCache, FAILURE_MODES, NO_BREAKER, SLACK_MS, settles, startProxy, truth, untilConnected } from './operating.support.js';
import { DEFAULT_COMMAND_TIMEOUT_MS, productKey } from './src/contract.js';
import { timeoutChecks } from './timeouts.support.js';

const lab = useLab('13');
const { behindProxy } = timeoutChecks(lab);

describe('a Redis down or failing', () => {
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
