// Lab 13 checks, part 3b: the circuit breaker lets one probe through once its cool-down
// has passed, and its defaults. A file of its own, so it runs beside part 3.
// Time is the suite's clock (the `now` option). Run: npm test labs/13-operating-redis
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { BREAKER, breakerChecks, readsSince } from './breaker.support.js';
import { SLACK_MS, settles, truth } from './operating.support.js';
import { DEFAULT_BREAKER } from './src/contract.js';

const lab = useLab('13');
const { readAll, setUp } = breakerChecks(lab);

describe('the circuit breaker after its cool-down', () => {
  it('13.9 after coolDownMs by the clock one probe goes through: its failure opens again, its success closes; twice; a late failure does not push it back', async () => {
    // Long enough that the probe is still waiting while nine other reads go to Postgres (and
    // health() is asked): on a loaded machine, even side by side, they took over 600 ms.
    // Each wait on the stalled server costs this much.
    const probeTimeoutMs = 800;
    const { clock, proxy, cache } = await setUp({ failureThreshold: 2, coolDownMs: 5_000 }, probeTimeoutMs);
    const from = proxy.dataCommands().length;
    const reads = () => readsSince(proxy, from);
    proxy.set('error');
    await readAll(cache, [1, 2], 'opening the breaker');
    clock.advance(4_999);
    await readAll(cache, [3, 4], '1 ms before the cool-down ends');
    expect(reads(), `1 ms before coolDownMs (5 000) had passed, reads reached Redis; expected the breaker still open (${BREAKER}).`).toBe(2);

    // The rows of the reads made while the probe waits are read from Postgres first, so that
    // nothing but those reads runs in that time.
    const others = [6, 7, 8, 9, 10, 11, 12, 13, 14];
    const rows = new Map(await Promise.all(others.map(async (id) => [id, await truth(lab, id)] as const)));
    clock.advance(1);
    proxy.set('stall');
    const probe = cache.getProduct(5);
    // The probe takes a second by the clock: the next cool-down runs from its failure, not from its start.
    clock.advance(1_000);
    await Promise.all(others.map((id) => readAll(cache, [id], 'while the probe is waiting for Redis', SLACK_MS, rows)));
    expect(reads(), `Once the cool-down had passed, ${reads() - 2} reads went to Redis while the first was still waiting; expected exactly one probe, the others answered by Postgres: a Redis that is still sick must not get the whole load back at once (${BREAKER}).`).toBe(3);
    const during = await cache.health();
    expect(during.breaker, `health().breaker while the probe waits (${BREAKER})`).toBe('half-open');
    expect(during.bypassed, `health().bypassed while the probe waits: reads 3 and 4 (breaker open) and the 9 made while the probe waited (half-open) all went straight to Postgres; expected 11, every read the breaker sent around Redis, open or half-open (${BREAKER}).`).toBe(11);
    expect(await settles(probe, probeTimeoutMs + SLACK_MS, 'the probe getProduct(5)', BREAKER), BREAKER).toEqual(await truth(lab, 5));
    proxy.set('pass');
    expect((await cache.health()).breaker, `health().breaker after the probe timed out (${BREAKER})`).toBe('open');

    clock.advance(4_999);
    await readAll(cache, [15], '1 ms before the cool-down that began with the failed probe ends');
    expect(reads(), `A failed probe opens the breaker for another coolDownMs from its failure; a read went to Redis before that (${BREAKER}).`).toBe(3);
    clock.advance(1);
    await readAll(cache, [16, 17, 18], 'after the second cool-down, Redis well');
    expect(reads(), `After a successful probe the breaker closes and every read asks Redis again; ${reads() - 3} of 3 did (${BREAKER}).`).toBe(6);
    expect((await cache.health()).breaker, `health().breaker after a successful probe (${BREAKER})`).toBe('closed');

    proxy.set('error');
    await readAll(cache, [1, 2, 3], 'in a second outage');
    expect(reads(), `In a second outage the breaker should open again after 2 failures; reads reaching Redis: ${reads() - 6} of 3 (${BREAKER}).`).toBe(8);
    // The cool-down ends with Redis answering INFO and failing reads: health() reports, and
    // only a read's probe decides; health() changes nothing of the breaker.
    clock.advance(5_000);
    proxy.set('pass');
    proxy.refused.add('get');
    const report = await cache.health();
    await readAll(cache, [4, 5, 6], 'after the cool-down, Redis failing reads and answering INFO');
    expect(
      reads(),
      `After the second outage's cool-down health() was asked (${report.server ? 'it reached Redis' : 'it did not reach Redis'}), then 3 reads were made against a Redis failing reads; ${reads() - 8} of them reached Redis. Expected 1: the first read is the probe, its failure opens the breaker again. health() reports the breaker; it neither closes nor probes it (${BREAKER}).`,
    ).toBe(9);
    clock.advance(5_000);
    proxy.refused.delete('get');
    await readAll(cache, [4, 5], 'after the second outage');
    expect(reads(), `After the second outage's cool-down, a probe and then every read should reach Redis (${BREAKER}).`).toBe(11);

    // A third outage catches a read half done: its GET answered (a miss), its SELECT held.
    // Its write back fails after the breaker has opened: a late failure of a call sent
    // before, which must not push the cool-down back.
    const select = lab.db.holdQueries(/FROM products/, { first: 1 });
    const begun = cache.getProduct(20);
    await select.reached;
    proxy.set('error');
    await readAll(cache, [6, 7], 'in a third outage, while a read begun before it waits for Postgres');
    const writesBefore = proxy.dataCommands().filter((c) => c.name === 'set').length;
    const lateMs = 3_217;
    clock.advance(lateMs);
    select.release();
    expect(await settles(begun, SLACK_MS, 'getProduct(20), answered by Postgres once the breaker had opened', BREAKER), BREAKER).toEqual(await truth(lab, 20));
    const lateWrites = proxy.dataCommands().filter((c) => c.name === 'set').length - writesBefore;
    clock.advance(5_000 - lateMs);
    proxy.set('pass');
    await readAll(cache, [8], 'coolDownMs after the third outage opened the breaker');
    expect(
      reads(),
      `The breaker opened at the third outage's 2nd failure; ${lateMs} ms later by the clock a read begun before it ${lateWrites ? 'sent its write back, which failed' : 'finished'}, and ${5_000 - lateMs} ms after that (coolDownMs after the opening) a read ${reads() === 15 ? 'reached' : 'did not reach'} Redis. Expected it to be the probe: the cool-down runs from when the breaker opened. A failure of a call sent before then says nothing new about Redis, and must not restart it, or a burst of slow calls failing one after another keeps the breaker open long after Redis is well (${BREAKER}).`,
    ).toBe(15);
  });

  it(`13.10 by default the breaker opens after ${DEFAULT_BREAKER.failureThreshold} failures and cools down for ${DEFAULT_BREAKER.coolDownMs} ms`, async () => {
    // The defaults, and each field given alone: three caches, each behind a proxy of its own,
    // side by side.
    const byDefault = async () => {
      const { clock, proxy, cache } = await setUp(undefined);
      const from = proxy.dataCommands().length;
      proxy.set('error');
      await readAll(cache, [1, 2, 3, 4, 5, 6, 7, 8], 'with Redis answering errors');
      const threshold = readsSince(proxy, from);
      expect(threshold, `Without breaker options, ${threshold} failing reads reached Redis before the breaker opened; expected ${DEFAULT_BREAKER.failureThreshold} (${BREAKER}).`).toBe(DEFAULT_BREAKER.failureThreshold);
      clock.advance(DEFAULT_BREAKER.coolDownMs - 1);
      await readAll(cache, [9], '1 ms before the default cool-down ends');
      expect(readsSince(proxy, from), `By default the breaker stays open for ${DEFAULT_BREAKER.coolDownMs} ms (${BREAKER}).`).toBe(DEFAULT_BREAKER.failureThreshold);
      clock.advance(1);
      proxy.set('pass');
      await readAll(cache, [10, 11], 'once the default cool-down has passed');
      expect(readsSince(proxy, from), `After ${DEFAULT_BREAKER.coolDownMs} ms a probe should reach Redis, and close the breaker (${BREAKER}).`).toBe(DEFAULT_BREAKER.failureThreshold + 2);
    };
    // One field given, the other by default: the defaults apply field by field.
    const thresholdGiven = async () => {
      const partial = await setUp({ failureThreshold: 2 });
      const start = partial.proxy.dataCommands().length;
      partial.proxy.set('error');
      await readAll(partial.cache, [12, 13, 14], 'with breaker { failureThreshold: 2 } and Redis answering errors');
      partial.clock.advance(DEFAULT_BREAKER.coolDownMs - 1);
      await readAll(partial.cache, [15], '1 ms before the default cool-down ends, with only failureThreshold given');
      const reached = readsSince(partial.proxy, start);
      expect(reached, `With breaker { failureThreshold: 2 }, ${reached} reads reached Redis; expected 2: the breaker opens after 2 failures and stays open for the default coolDownMs (${DEFAULT_BREAKER.coolDownMs} ms). Options given in part take the defaults for the fields left out (${BREAKER}).`).toBe(2);
    };
    // And the other field: only coolDownMs given, the default threshold.
    const coolDownGiven = async () => {
      const other = await setUp({ coolDownMs: 777 });
      const first = other.proxy.dataCommands().length;
      other.proxy.set('error');
      await readAll(other.cache, [1, 2, 3, 4, 5, 6, 7, 8], 'with breaker { coolDownMs: 777 } and Redis answering errors');
      const opened = readsSince(other.proxy, first);
      other.clock.advance(776);
      await readAll(other.cache, [9], '1 ms before a cool-down of 777 ms ends');
      const stillOpen = readsSince(other.proxy, first);
      other.clock.advance(1);
      await readAll(other.cache, [10], 'once a cool-down of 777 ms has passed');
      expect(
        [opened, stillOpen, readsSince(other.proxy, first)],
        `With breaker { coolDownMs: 777 }, the reads that reached Redis by then were as shown (after 8 failing reads; 1 ms before the cool-down ended; once it had). Expected [${DEFAULT_BREAKER.failureThreshold}, ${DEFAULT_BREAKER.failureThreshold}, ${DEFAULT_BREAKER.failureThreshold + 1}]: the default threshold (${DEFAULT_BREAKER.failureThreshold}) with the cool-down given, then one probe. Options given in part take the defaults for the fields left out (${BREAKER}).`,
      ).toEqual([DEFAULT_BREAKER.failureThreshold, DEFAULT_BREAKER.failureThreshold, DEFAULT_BREAKER.failureThreshold + 1]);
    };
    await Promise.all([byDefault(), thresholdGiven(), coolDownGiven()]);
  });
});
