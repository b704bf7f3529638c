// Lab 13 checks, part 2b: reconnection after an outage backs off, up to a cap, and keeps
// trying until Redis is back, and starts again from its base in the next outage. Its own
// file: it watches half a second of outage, beside the others.
// Run: npm test labs/13-operating-redis
import { describe, expect, it } from 'vitest';
import { between, LIVENESS_MS } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { pollUntil } from '../../harness/services/poll.js';
import { createCache, FAILURE_MODES, NO_BREAKER, startProxy, untilConnected } from './operating.support.js';
import type { RedisProxy } from './redis-proxy.support.js';
import { DEFAULT_RECONNECT, type ReconnectOptions, type ResilientCache } from './src/contract.js';

const lab = useLab('13');

const IDEA = `Attempt n waits d(n) = min(maxDelayMs, baseDelayMs × 2^(n−1)), of which jitter may take up to half off: base, twice base, four times... up to the cap. A fixed short delay from every instance hammers a Redis that is trying to come back; the cap keeps a long outage from delaying the recovery by minutes; and the client keeps trying for as long as the outage lasts (${FAILURE_MODES}).`;

/** Attempt n's delay by the README. */
const delayOf = (n: number, { baseDelayMs, maxDelayMs }: ReconnectOptions) => Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));

/**
 * What a gap holds besides the delay and the event loop's lateness: the refused connection
 * going round this process (the client connects, the proxy resets it, the client hears of
 * it) and timer rounding.
 */
const ROUND_TRIP_MS = 4;

/**
 * Attempts the client with a 1 ms delay must pass: past the counts a client is usually
 * told to stop at (10, 20, 50), and within the doubling client's half second even on a
 * loaded machine (300 took up to 2 s there).
 */
const KEEPS_TRYING = 100;

/**
 * Attempts the enduring client must pass: a few beyond the 32nd, where a delay computed
 * with a bit shift (`1 << (n - 1)`) turns negative and then starts again from 1, which
 * after a long outage fires an attempt at once and backs off from the base again.
 */
const PAST_32_BITS = 36;

/**
 * What the first gap of an outage holds on top of its delay: the client hearing that its
 * connection was cut (a close event, a turn of the loop), besides the stalls counted.
 */
const HEARING_MS = 25;

/**
 * The event loop's stalls, tick by tick, while `work` runs. A gap between two attempts
 * spans several turns of the loop (the client hears of the refusal, its timer fires, it
 * connects, the proxy accepts), each of which a loaded machine can hold up: what a gap
 * may take beyond its delay is the time the loop lost inside it, not the longest single
 * stall of the whole outage (timedWithLateness), which is both too little for a gap with
 * several stalls and far too much for the others.
 */
async function withStalls<T>(work: () => Promise<T>, everyMs = 5) {
  const ticks: { at: number; lostMs: number }[] = [];
  let last = performance.now();
  const tick = setInterval(() => {
    const at = performance.now();
    ticks.push({ at, lostMs: Math.max(0, at - last - everyMs) });
    last = at;
  }, everyMs);
  try {
    const result = await work();
    // The tick that ends a stall may come just after the attempt that stall delayed.
    await new Promise((resolve) => setTimeout(resolve, 2 * everyMs));
    return { result, lostMs: (from: number, to: number) => ticks.filter((t) => t.at > from && t.at <= to + 2 * everyMs).reduce((sum, t) => sum + t.lostMs, 0) };
  } finally {
    clearInterval(tick);
  }
}

/** The gaps before each connection attempt since `from` up to `until` (the first one counted from `downAt`), each judged against its attempt's delay. */
function gapsOf(proxy: RedisProxy, from: number, until: number, downAt: number, reconnect: ReconnectOptions, lostMs: (from: number, to: number) => number) {
  const attempts = proxy.connectedAt.slice(from).filter((at) => at <= until);
  return attempts.map((at, i) => {
    const delayMs = delayOf(i + 1, reconnect);
    const start = i === 0 ? downAt : attempts[i - 1]!;
    const gapMs = at - start;
    // Twice the time lost: a tick and the client's one timer are held up by the same stalls
    // only roughly, and a loaded machine (load 15 on two cores) showed a gap 1.1 times over.
    // The first gap also holds the client hearing that its connection was cut.
    const slackMs = 2 * lostMs(start, at) + ROUND_TRIP_MS + (i === 0 ? HEARING_MS : 0);
    return { n: i + 1, gapMs, delayMs, slackMs, ok: gapMs >= delayMs / 2 && gapMs <= delayMs + slackMs };
  });
}

/** Every gap of `gaps` within [d(n) / 2, d(n)] plus its slack, or a failure that lists them all. */
function expectGaps(client: string, gaps: ReturnType<typeof gapsOf>, outage = 'an outage') {
  const wrong = gaps.filter((g) => !g.ok);
  const shown = gaps.map((g) => `${g.gapMs.toFixed(1)} (d(${g.n}) = ${g.delayMs})`).join(', ');
  expect(
    wrong.map((g) => g.n),
    `${client}, the gaps before connection attempts 1 to ${gaps.length} of ${outage} were, in ms: ${shown}. Attempts ${wrong.map((g) => `${g.n} (${g.gapMs.toFixed(1)} ms, allowed ${(g.delayMs / 2).toFixed(1)} to ${(g.delayMs + g.slackMs).toFixed(1)})`).join(', ')} came outside [d(n) / 2, d(n)], plus twice the time the event loop lost in that gap, ${ROUND_TRIP_MS} ms for the refused connection and, before attempt 1, ${HEARING_MS} ms for hearing of the cut. ${IDEA}`,
  ).toEqual([]);
}

/**
 * A second outage of a client that reconnected after a first one, near its cap: its first
 * three attempts come after d(1), d(2), d(3) again (ioredis counts the attempts of the
 * current outage), not a cap's wait each, as a count kept across outages gives.
 */
async function expectSecondOutageFromBase({ proxy, cache, given, reconnect }: { proxy: RedisProxy; cache: ResilientCache; given: Partial<ReconnectOptions>; reconnect: ReconnectOptions }) {
  const before = proxy.connections;
  const downAt = performance.now();
  proxy.set('down');
  const outage = await withStalls(() =>
    pollUntil('three attempts of a second outage', async () => proxy.connections - before >= 3 || { not: `${proxy.connections - before} attempts` }, { timeoutMs: LIVENESS_MS, intervalMs: 5 }).catch(() => false),
  );
  const endedAt = performance.now();
  const gaps = gapsOf(proxy, before, endedAt, downAt, reconnect, outage.lostMs).slice(0, 3);
  proxy.set('pass');
  const client = `With reconnect ${JSON.stringify(given)}, connected again after a first outage`;
  expect(gaps.length, `${client}, the client made ${gaps.length} connection attempts in ${Math.round(endedAt - downAt)} ms of a second outage; expected 3. ${IDEA}`).toBe(3);
  expectGaps(client, gaps, 'a second outage (each outage starts again from baseDelayMs: the count of attempts starts again once a connection succeeds)');
  await untilConnected(cache);
}

describe('reconnection', () => {
  it('13.5 reconnection waits a doubling delay from baseDelayMs, capped at maxDelayMs, and keeps trying until it gets there', async () => {
    // Each default alone, the other field given; the cap reached at once, short and long; a
    // client that retries every millisecond. The long delay is judged with the most room
    // beside a busy machine's stalls: jitter on top of it comes a hundred ms late.
    const doubling = { given: { baseDelayMs: between(2, 3) }, what: 'maxDelayMs by default' };
    const capped = { given: { maxDelayMs: between(113, 139) }, what: 'baseDelayMs by default' };
    const flatDelayMs = between(41, 47);
    const flat = { given: { baseDelayMs: flatDelayMs, maxDelayMs: flatDelayMs }, what: 'the cap from the first attempt' };
    const longDelayMs = between(230, 260);
    const long = { given: { baseDelayMs: longDelayMs, maxDelayMs: longDelayMs }, what: 'a long cap from the first attempt' };
    const eager = { given: { baseDelayMs: 1, maxDelayMs: 1 }, what: 'a delay of 1 ms' };
    // Near its cap when the first outage ends: a second outage starts again from its base.
    const reset = { given: { baseDelayMs: between(5, 7), maxDelayMs: between(200, 240) }, what: 'the first of two outages' };
    // Past attempt 32, where 1 << 31 is negative and 1 << 32 is 1 again (a 32-bit shift).
    const enduring = { given: { baseDelayMs: 1, maxDelayMs: between(10, 12) }, what: 'past the 32nd attempt, where a 32-bit shift overflows' };
    const clients = await Promise.all(
      [doubling, capped, flat, long, eager, reset, enduring].map(async ({ given, what }) => {
        const proxy = await startProxy();
        const cache = createCache(lab, proxy.address, { breaker: NO_BREAKER, reconnect: given });
        return { given, what, reconnect: { ...DEFAULT_RECONNECT, ...given }, proxy, cache };
      }),
    );
    await Promise.all(clients.map(({ cache }) => untilConnected(cache)));
    const before = clients.map(({ proxy }) => proxy.connections);
    const [growing, , , , persistent, resetting, overflowing] = clients;
    const attemptsOf = (i: number) => clients[i]!.proxy.connections - before[i]!;

    // The outage lasts until the doubling client's 8th attempt (255 × baseDelayMs from its
    // start), the long client's 3rd, the 1 ms client's 100th and the enduring client's
    // PAST_32_BITS-th (about 0.4 s), whichever comes last. The long client's gaps are where
    // jitter added on top of the delay stands out most from a busy machine's stalls: three
    // of them rather than two let it through half as often.
    const downAt = performance.now();
    for (const { proxy } of clients) proxy.set('down');
    const outage = await withStalls(() =>
      pollUntil(
        'the attempts the check watches',
        async () =>
          (attemptsOf(0) >= 8 && attemptsOf(3) >= 3 && attemptsOf(4) >= KEEPS_TRYING && attemptsOf(6) >= PAST_32_BITS) ||
          { not: `${attemptsOf(0)}, ${attemptsOf(3)}, ${attemptsOf(4)} and ${attemptsOf(6)} attempts` },
        { timeoutMs: LIVENESS_MS, intervalMs: 5 },
      ).catch(() => false),
    );
    const endedAt = performance.now();
    const seen = clients.map(({ proxy }, i) => proxy.connectedAt.slice(before[i]).filter((at) => at <= endedAt).length);
    // Every client's gaps but the 1 ms client's, whose attempts are only counted. The
    // enduring client's many short gaps are judged from below only: a timer never fires
    // early, so a gap under half its delay is the code's doing, never the machine's.
    const judged = clients.flatMap((client, i) => {
      if (client === persistent) return [];
      const gaps = gapsOf(client.proxy, before[i]!, endedAt, downAt, client.reconnect, outage.lostMs);
      return [{ client, gaps: client === overflowing ? gaps.map((gap) => ({ ...gap, ok: gap.gapMs >= gap.delayMs / 2 })) : gaps }];
    });

    expect(
      seen[0],
      `With reconnect ${JSON.stringify(growing!.given)} (maxDelayMs by default, ${DEFAULT_RECONNECT.maxDelayMs}), the client made ${seen[0]} connection attempts in ${Math.round(endedAt - downAt)} ms of outage; expected 8 within ${growing!.reconnect.baseDelayMs * 255} ms. ${IDEA}`,
    ).toBeGreaterThanOrEqual(8);
    for (const { client, gaps } of judged) expectGaps(`With reconnect ${JSON.stringify(client.given)} (${client.what})`, gaps);
    expect(
      seen[4],
      `With reconnect ${JSON.stringify(persistent!.given)}, the client made ${seen[4]} connection attempts in ${Math.round(endedAt - downAt)} ms of outage; expected it to pass ${KEEPS_TRYING} well within ${LIVENESS_MS} ms: reconnection never gives up, whatever the count. ${IDEA}`,
    ).toBeGreaterThanOrEqual(KEEPS_TRYING);

    for (const { proxy } of clients) proxy.set('pass');
    // A client that gave up never reconnects: untilConnected fails on it. (The doubling
    // client's next attempt is 256 × baseDelayMs away; the others come back within 260 ms.)
    await Promise.all(clients.slice(1).map(({ cache }) => untilConnected(cache)));
    await expectSecondOutageFromBase(resetting!);
  });
});
