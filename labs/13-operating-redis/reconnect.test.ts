// Lab 13 checks, part 2b: reconnection after an outage backs off, up to a cap, and keeps
// trying until Redis is back. Its own file: it watches a second of outage, beside the others.
// Run: npm test labs/13-operating-redis
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { createCache, elapse, FAILURE_MODES, NO_BREAKER, startProxy, untilConnected } from './operating.support.js';

const lab = useLab('13');

describe('reconnection', () => {
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
});
