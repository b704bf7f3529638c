// Lab 10 checks, part 2: the window slides, on the suite's clock, and every key it writes
// expires. Run: npm test labs/10-rate-limiting
// Time is the suite's (the `now` option): it stands still or jumps where a check says so.
import type { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { holdCommands } from '../../harness/lab/hold.js';
import type { HttpReply } from '../../harness/lab/http.js';
import { expectSettlesWithin, leastTtlLeft, LIVENESS_MS } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import {
  burst,
  CLASSES,
  Clock,
  countCommands,
  describeRoute,
  eachClass,
  entriesPerKey,
  everyClass,
  expectAdmitted,
  LESSON,
  PATIENT_MS,
  ROUTES,
  sideBySide,
  SLIDING,
  startInstances,
  stopAfter,
} from './rate-limit.support.js';
import type { FailureLogEntry, Policy, RouteClass } from './src/contract.js';
import { createLimiter } from './src/limiter.js';

const lab = useLab('10');
vi.setConfig({ testTimeout: 15_000 });

const policy = (limit: number, windowMs: number): Policy => ({ limit, windowMs, onRedisFailure: 'open' });

describe('a sliding window on the injected clock', () => {
  it('10.4 a request counts for exactly windowMs, refused ones not at all, cycle after cycle', async () => {
    const clock = new Clock();
    // Not a whole number of seconds: a window kept in seconds, rounded either way, shows.
    const windowMs = 9_337;
    const policies = everyClass(policy(3, windowMs));
    const [a, b] = await startInstances(lab, 2, { policies, now: clock.now });
    const steps: [offset: number, on: 'A' | 'B', admitted: boolean, why: string][] = [
      [0, 'A', true, 'the first request'],
      [1_000, 'B', true, 'the second'],
      [2_000, 'A', true, 'the third, the last that fits'],
      [2_500, 'B', false, `three requests in the last ${windowMs} ms`],
      [5_000, 'A', false, `still three in the last ${windowMs} ms`],
      [windowMs - 1, 'B', false, `the request at 0 ms counts until ${windowMs} ms`],
      [windowMs - 1, 'A', false, 'refused requests are not counted, but the window is still full'],
      [windowMs, 'B', true, `the request at 0 ms stopped counting at ${windowMs} ms`],
      [windowMs, 'A', false, `the one at 1 000 ms counts until ${windowMs + 1_000} ms`],
      [windowMs + 999, 'B', false, 'the one at 1 000 ms still counts'],
      [windowMs + 1_000, 'A', true, 'the one at 1 000 ms stopped counting'],
      [windowMs + 2_000, 'B', true, 'the one at 2 000 ms stopped counting'],
      [windowMs + 2_000, 'A', false, `full again: ${windowMs}, ${windowMs + 1_000} and ${windowMs + 2_000}`],
      [40_000, 'B', true, 'a later window: nothing counts any more'],
      [40_000, 'A', true, 'the second of three'],
      [40_000, 'B', true, 'the third of three'],
      [40_000, 'A', false, 'three in the same millisecond fill the window'],
    ];
    const seen: Record<RouteClass, string[]> = { read: [], write: [], login: [] };
    const cycles = async () => {
      for (const [offset, on, admitted, why] of steps) {
        clock.at(offset);
        // Every class at once, logins too: each decides on the injected clock.
        const replies = await eachClass((routeClass) => (on === 'A' ? a! : b!).send(routeClass, 'acme'));
        for (const [i, routeClass] of CLASSES.entries()) {
          const { status } = replies[i]!;
          const expected = admitted ? ROUTES[routeClass].ok : 429;
          seen[routeClass].push(`${offset} ms on ${on}: ${status}`);
          expect(
            status,
            `${describeRoute(routeClass)}, limit 3 per ${windowMs} ms. ${seen[routeClass].join(', ')}; expected ${expected} ` +
              `at ${offset} ms (${why}).\nA sliding window counts the requests let through in the last windowMs by ` +
              'the injected clock, in every class, to the millisecond: one made at t counts until t + windowMs, exclusive, and a refused ' +
              `request is not recorded, or a client that keeps retrying never gets back in (${SLIDING}).`,
          ).toBe(expected);
        }
      }
    };
    // Beside the cycles, on a clock and API keys of its own: a refusal held between its commands.
    await sideBySide(cycles(), expectRefusalsNeverRecorded(new Clock(), policies));
  });

  it('10.5 no burst of twice the limit around a window boundary', async () => {
    const clock = new Clock();
    const windowMs = 10_000;
    const limit = 5;
    const [a, b] = await startInstances(lab, 2, { policies: everyClass(policy(limit, windowMs)), now: clock.now });
    const idea =
      'A fixed window (a counter per period, or one that starts at the first request) forgets ' +
      'everything when it turns over, so a client can spend its budget at the end of one ' +
      'window and again at the start of the next: twice the limit in two milliseconds. A ' +
      `sliding window looks back windowMs from every request, on the injected clock, in every class (${SLIDING}).`;
    const first = await eachClass((routeClass) => a!.send(routeClass, 'edge'));
    clock.at(windowMs - 1);
    const late = await eachClass((routeClass) => burst([a!, b!], routeClass, 'edge', limit - 1));
    CLASSES.forEach((routeClass, i) =>
      expectAdmitted([first[i]!, ...late[i]!], routeClass, limit, `1 request at 0 ms and ${limit - 1} at ${windowMs - 1} ms (limit ${limit})`, idea),
    );
    clock.at(windowMs);
    const early = await eachClass((routeClass) => burst([a!, b!], routeClass, 'edge', limit));
    CLASSES.forEach((routeClass, i) =>
      expectAdmitted(
        early[i]!,
        routeClass,
        1,
        `After ${limit} requests in the last ${windowMs} ms, ${limit} more at ${windowMs} ms, when only the one made at 0 ms ` +
          'had stopped counting',
        idea,
      ),
    );
    clock.at(2 * windowMs - 1);
    const next = await eachClass((routeClass) => burst([a!, b!], routeClass, 'edge', limit));
    CLASSES.forEach((routeClass, i) =>
      expectAdmitted(next[i]!, routeClass, limit - 1, `${limit} requests at ${2 * windowMs - 1} ms, when the ${limit - 1} made at ${windowMs - 1} ms had stopped counting`, idea),
    );
  });

  it('10.6 over a long irregular run on two instances, every decision is the sliding window\'s', async () => {
    const clock = new Clock();
    const limit = 4;
    const windowMs = 5_000;
    const [a, b] = await startInstances(lab, 2, { policies: everyClass(policy(limit, windowMs)), now: clock.now });
    const admittedAt: number[] = [];
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    let offset = 0;
    // Writes and logins: every class's clock is moved in 10.4 and 10.5 already.
    const classes = ['write', 'login'] as const;
    const history: Record<RouteClass, string[]> = { read: [], write: [], login: [] };
    for (let i = 0; i < 80; i += 1) {
      offset += [0, 1, 250, 999, 1_000, 1_700, 4_999, 5_000][Math.floor(random() * 8)]!;
      clock.at(offset);
      const inWindow = admittedAt.filter((t) => t > offset - windowMs).length;
      if (inWindow < limit) admittedAt.push(offset);
      // The classes run under one policy, so each sees the same decisions.
      const replies: HttpReply[] = await Promise.all(classes.map((routeClass) => [a!, b!][i % 2]!.send(routeClass, 'steady')));
      for (const [j, routeClass] of classes.entries()) {
        const { status } = replies[j]!;
        const expected = inWindow < limit ? ROUTES[routeClass].ok : 429;
        history[routeClass].push(`${offset}:${status}`);
        expect(
          status,
          `${describeRoute(routeClass)}, limit ${limit} per ${windowMs} ms. Request ${i + 1} at ${offset} ms found ` +
            `${inWindow} requests let through in the ${windowMs} ms before it and answered ${status}; expected ${expected}.\n` +
            `The run so far (ms:status): ${history[routeClass].slice(-12).join(' ')}\n` +
            'A request is let through exactly when fewer than limit requests were let through in the ' +
            `last windowMs (those made after now - windowMs), whatever the window's alignment (${SLIDING}).`,
        ).toBe(expected);
      }
    }
    // What no longer counts is gone: memory per caller stays bounded by the limit.
    const overfull = (await entriesPerKey(lab)).filter(({ entries }) => entries > limit);
    expect(
      overfull.map(({ key, entries }) => `${key} (${entries} entries)`),
      `After 80 requests of one API key in each of two classes over ${offset} ms (limit ${limit} per ${windowMs} ms), keys ` +
        `hold more entries than can still count. Remove the entries older than the window as requests ` +
        `arrive (ZREMRANGEBYSCORE before the count), not only skip them when counting: a steady caller's ` +
        `key otherwise grows by every request it was ever let through (${SLIDING}).`,
    ).toEqual([]);
  });

  it('10.7 every key carries its TTL from the command that creates it, even when the process stops midway', async () => {
    const clock = new Clock();
    // The write window is not a whole number of seconds: a TTL given in seconds shows.
    const windows: Record<RouteClass, number> = { read: 60_000, write: 30_500, login: 120_000 };
    const policies = {
      read: policy(2, windows.read),
      write: policy(2, windows.write),
      login: { ...policy(2, windows.login), onRedisFailure: 'closed' as const },
    };
    const logged: FailureLogEntry[] = [];
    const limiterOn = (redis = lab.redis.client()) =>
      createLimiter({
        redis,
        keyPrefix: lab.redis.prefix,
        policies,
        now: clock.now,
        redisTimeoutMs: PATIENT_MS,
        log: (e) => logged.push(e),
      });
    const crashIdea =
      'The TTL must arrive with the write that creates the key: in one Lua script, or one ' +
      'MULTI ... EXEC. Two separate commands leave a gap, and a process that stops in it (a deploy, ' +
      'a crash, a lost connection) leaves a key that never expires: that caller is refused for good ' +
      `once it passes the limit (${LESSON}, "Fixed window: INCR and EXPIRE, atomically").`;
    for (const routeClass of ['read', 'login'] as const) {
      const probe = lab.redis.client();
      const sent = countCommands(probe);
      await limiterOn(probe).hit('probe', routeClass);
      // The process stops after each command of a first request, and of a later one.
      for (let stopAt = 0; stopAt <= sent.length; stopAt += 1) {
        for (const earlier of [0, 1]) {
          const apiKey = `stops-after-${stopAt}-${earlier}`;
          const healthy = limiterOn();
          for (let i = 0; i < earlier; i += 1) await healthy.hit(apiKey, routeClass);
          const dying = lab.redis.client();
          stopAfter(dying, stopAt);
          await expectSettlesWithin(
            limiterOn(dying).hit(apiKey, routeClass).catch(() => undefined),
            LIVENESS_MS,
            `hit() on a connection that closes after ${stopAt} commands`,
            'A limiter whose Redis connection closes must still decide, by its failure policy.',
          );
          const forever = (await lab.redis.keys()).filter((k) => k.pttlMs < 0);
          expect(
            forever.map((k) => k.key),
            `The process stopped after ${stopAt} of the ${sent.length} commands a ${routeClass} request sends ` +
              `(${sent.join(', ')}), on a request ${earlier ? 'after another' : 'on a new key'}, and left keys ` +
              `without a TTL.\n${crashIdea}`,
          ).toEqual([]);
        }
      }
      await lab.redis.deleteAll();
    }
    // Whole requests: each class's keys live exactly as long as its window needs them.
    const cutTtls = async () => {
      for (const { key } of await lab.redis.keys()) await lab.redis.admin.pexpire(key, 2_000);
    };
    for (const routeClass of ['read', 'write', 'login'] as const) {
      await limiterOn().hit('acme', routeClass);
      // As if most of the window had passed in real time: the next request records one more
      // entry, which must then live a whole window.
      await cutTtls();
      clock.at(1);
      const began = performance.now();
      await limiterOn().hit('acme', routeClass);
      const keys = await lab.redis.keys();
      const windowMs = windows[routeClass];
      const least = leastTtlLeft(windowMs, began);
      const outside = keys.filter((k) => k.pttlMs > windowMs || k.pttlMs < least);
      expect(keys.length, `two ${routeClass} requests left nothing in Redis`).toBeGreaterThan(0);
      expect(
        outside.map((k) => `${k.key} (PTTL ${k.pttlMs} ms)`),
        `After two ${routeClass} requests with a ${windowMs} ms window (the keys' TTLs cut to 2 s ` +
          `between them), expected every key to expire ${windowMs} ms after the last request, less only ` +
          `the time since it (at least ${least} ms): a key must outlive the last request it records by the ` +
          `whole window (PEXPIRE in milliseconds, set again as requests are recorded), or the log of a burst ` +
          `vanishes early and the next burst gets a second limit inside one window; and no longer, so an idle ` +
          `caller costs no memory (${SLIDING}).`,
      ).toEqual([]);
      // A refusal records nothing, so it must not push the expiry out either.
      await cutTtls();
      clock.at(2);
      const refused = await limiterOn().hit('acme', routeClass);
      const after = await lab.redis.keys();
      expect(refused.outcome, `a third ${routeClass} request with a limit of 2 should be refused`).toBe('limited');
      expect(
        after.length > 0 && after.every((k) => k.pttlMs > 0 && k.pttlMs <= 2_000),
        `After the keys' TTLs were cut to 2 s, a refused ${routeClass} request left ` +
          `${after.map((k) => `${k.key} (PTTL ${k.pttlMs} ms)`).join(', ') || 'no keys'}; expected the ` +
          `keys still there and their TTLs not raised. A refusal records no request, so the key still ` +
          `expires a window after the last one it records: set the TTL only when recording, or a client ` +
          `that keeps retrying keeps its key alive long after its last entry stopped counting (${SLIDING}).`,
      ).toBe(true);
      await lab.redis.deleteAll();
    }
  });
});

/**
 * A refused request leaves no trace, not even between two of its commands: its commands
 * are held after the first, the second, ... in turn, and meanwhile a request at a later
 * time must find the window as if the refusal had never come.
 */
async function expectRefusalsNeverRecorded(clock: Clock, policies: Record<RouteClass, Policy>) {
  const limiterOn = (redis: Redis) =>
    createLimiter({ redis, keyPrefix: lab.redis.prefix, policies, now: clock.now, redisTimeoutMs: PATIENT_MS, log: () => {} });
  const healthy = limiterOn(lab.redis.client());
  const fill = async (apiKey: string) => {
    for (const offset of [0, 1_000, 2_000]) {
      clock.at(offset);
      await healthy.hit(apiKey, 'read');
    }
  };
  await fill('probe');
  const probe = await lab.redis.readyClient();
  const sent = countCommands(probe);
  clock.at(5_000);
  await limiterOn(probe).hit('probe', 'read');
  for (let held = 0; held < sent.length; held += 1) {
    const apiKey = `held-after-${held}`;
    await fill(apiKey);
    const client = await lab.redis.readyClient();
    let passed = 0;
    const hold = holdCommands(client, () => passed++ === held);
    clock.at(5_000);
    const refusal = limiterOn(client).hit(apiKey, 'read');
    // A refusal that sent fewer commands than the probe's has nothing left to hold.
    const reached = await Promise.race([hold.reached.then(() => true), refusal.then(() => false)]);
    clock.at(10_000);
    const later = reached ? await healthy.hit(apiKey, 'read') : undefined;
    hold.release();
    await refusal;
    expect(
      later?.outcome ?? 'allowed',
      `Limit 3 per ${policies.read.windowMs} ms, requests let through at 0, 1 000 and 2 000 ms. A refused request at 5 000 ms ` +
        `had its commands held after ${held} of them (${sent.join(', ')}); meanwhile a request at 10 000 ms ` +
        `was ${later?.outcome}, expected allowed: only 1 000 and 2 000 ms still count. Decide before ` +
        'writing, in one script or MULTI: a refusal recorded and taken back by a later command counts ' +
        `against the caller until that command runs, and for a whole window when the process stops first (${SLIDING}).`,
    ).toBe('allowed');
  }
}
