// Lab 13 checks, part 6: a real failover. The suite stops the primary of a primary, a
// replica and three Sentinels (and the first Sentinel with it), and has a Sentinel promote
// the replica at once (as an operator would, rather than wait for the Sentinels to notice).
// The cache must find it by asking the Sentinels still up, and keep answering meanwhile. One failover costs a second or two: one check.
// Run: npm test labs/13-operating-redis
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { useSentinel } from '../../harness/lab/use-sentinel.js';
import { pollUntil } from '../../harness/services/poll.js';
import { createCache, elapse, LESSON, SLACK_MS, truth, untilConnected } from './operating.support.js';
import type { Product } from './src/contract.js';

// The cache reaches only the Sentinels' servers, never the shared Redis whose MONITOR the audit reads.
const lab = useLab('13', { audit: false });
const sentinel = useSentinel('13', { exclusive: true });
const FAILOVER = `${LESSON}, "Replication, Sentinel and failover"`;
const COMMAND_TIMEOUT_MS = 200;
/** A read waits for at most two Redis calls (a miss adds the write), plus Postgres. */
const READ_BOUND_MS = 2 * COMMAND_TIMEOUT_MS + SLACK_MS;
/** From the promotion (the Sentinel that ran the failover names the new primary) to the cache writing there (README). */
const WRITES_BACK_MS = 5_000;

interface Reading {
  id: number;
  ms: number;
  value: Product | null | 'hung' | 'rejected';
}

/** Reads products 1..20 in turn, every 20 ms, until stopped; a read that exceeds the bound ends the loop. */
function readContinuously(read: (id: number) => Promise<Product | null>) {
  const readings: Reading[] = [];
  let running = true;
  const done = (async () => {
    for (let i = 0; running; i += 1) {
      const id = 1 + (i % 20);
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const value = await Promise.race([
        read(id).catch(() => 'rejected' as const),
        new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), READ_BOUND_MS))),
      ]).finally(() => clearTimeout(timer));
      readings.push({ id, ms: Math.round(performance.now() - started), value });
      if (value === 'hung') return;
      await elapse(20);
    }
  })();
  return { readings, stop: async () => ((running = false), await done) };
}

describe('a failover', () => {
  it(`13.17 the primary stops: reads keep answering within the bound, and writes reach the new primary within ${WRITES_BACK_MS / 1000} s of its promotion`, { timeout: 45_000 }, async () => {
    // Sentinels fail too, which is why there are three: the one listed first is down from
    // before the cache starts until after the failover, so the cache must ask the others.
    const [firstSentinel] = sentinel.topology.sentinels;
    await sentinel.stop(firstSentinel!);
    const before = await sentinel.primary();
    const cache = createCache(lab, before, {
      keyPrefix: sentinel.prefix,
      commandTimeoutMs: COMMAND_TIMEOUT_MS,
      // Opens during the outage; a short cool-down lets a probe find the new primary soon after the cache reconnects.
      breaker: { failureThreshold: 5, coolDownMs: 100 },
      // Attempts at most 130 ms apart: with the default cap, the attempt after the promotion
      // comes up to a second later, time the check would spend waiting and learn nothing from.
      reconnect: { baseDelayMs: 30, maxDelayMs: 130 },
      redis: { sentinels: sentinel.topology.sentinels, masterName: sentinel.masterName },
    });
    await untilConnected(cache);
    await cache.getProduct(1);
    await sentinel.connect(before).wait(1, 2_000);

    await sentinel.stop(before);
    const reader = readContinuously((id) => cache.getProduct(id));
    // The primary stays down for five reads, or until one is past its bound, before a
    // Sentinel fails it over: an outage long enough that a client holding its commands
    // until it reconnects (each attempt later than the last) keeps a read waiting.
    await pollUntil(
      'five reads while the primary is down',
      async () => reader.readings.length >= 5 || reader.readings.some((r) => r.value === 'hung') || { not: `${reader.readings.length} read(s)` },
      { timeoutMs: 6 * READ_BOUND_MS },
    );
    const after = await sentinel.failOver(before);
    const written = await pollUntil(
      'the cache to write on the new primary',
      async () => {
        const found = (await sentinel.keys()).filter((k) => k.pttlMs > 0 && !k.key.endsWith(':product:1'));
        return found.length >= 2 ? found : { not: `${found.length} new keys there` };
      },
      { timeoutMs: WRITES_BACK_MS },
    ).catch(() => []);
    await reader.stop();

    const worst = reader.readings.reduce((a, b) => (b.ms > a.ms ? b : a), { id: 0, ms: 0, value: null } as Reading);
    expect(
      worst.value === 'hung' ? `getProduct(${worst.id}) was still waiting after ${READ_BOUND_MS} ms` : `the slowest read took ${worst.ms} ms`,
      `During the failover ${reader.readings.length} reads were made. Expected each to settle within ${READ_BOUND_MS} ms ` +
        `(commandTimeoutMs ${COMMAND_TIMEOUT_MS}, a miss may add its write, plus Postgres): while no primary answers, a read is ` +
        `a miss served by Postgres. A client that keeps commands until it reconnects stalls every request for the whole failover (${FAILOVER}).`,
    ).toMatch(/slowest read/);
    for (const reading of reader.readings) {
      expect(reading.value, `getProduct(${reading.id}) during the failover (${FAILOVER})`).toEqual(await truth(lab, reading.id));
    }
    expect(
      written.length,
      `${WRITES_BACK_MS} ms after the Sentinel running the failover named ${after.host}:${after.port} the new primary, it held none of the products read ` +
        `since; expected the cache's writes there. A client given one fixed address keeps knocking on the stopped server; one given the ` +
        `Sentinels and the primary's name asks them again after a disconnect and follows the failover without a deploy. The Sentinel ` +
        `listed first (${firstSentinel!.port}) was down throughout: a client that knows only that one never finds a primary (${FAILOVER}).`,
    ).toBeGreaterThanOrEqual(2);
  });
});
