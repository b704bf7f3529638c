// Lab 10 checks, part 3: what clients read from the responses, and the defaults.
// Run: npm test labs/10-rate-limiting
import { describe, expect, it, vi } from 'vitest';
import type { HttpReply } from '../../harness/lab/http.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { useLab } from '../../harness/lab/use-lab.js';
import {
  burst,
  CLASSES,
  Clock,
  describeRoute,
  everyClass,
  expectAdmitted,
  headerNumber,
  LESSON,
  PATIENT_MS,
  ROUTES,
  startInstances,
} from './rate-limit.support.js';
import { DEFAULT_POLICIES, type Limiter, type Policy, type RouteClass } from './src/contract.js';

const lab = useLab('10');
vi.setConfig({ testTimeout: 15_000 });

const HEADERS = `${LESSON}, "Per API key, in Express"`;
const policy = (limit: number, windowMs: number): Policy => ({ limit, windowMs, onRedisFailure: 'open' });

/** The three RateLimit fields of a reply, as the numbers they must be. */
function budgetOf(reply: HttpReply) {
  return {
    limit: headerNumber(reply, 'RateLimit-Limit'),
    remaining: headerNumber(reply, 'RateLimit-Remaining'),
    reset: headerNumber(reply, 'RateLimit-Reset'),
  };
}
const show = (reply: HttpReply) =>
  ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After']
    .map((name) => `${name}: ${reply.headers.get(name) ?? '(absent)'}`)
    .join(', ');

describe('responses clients can act on', () => {
  it('10.8 every let-through response carries RateLimit-Limit, -Remaining and -Reset, exact, and no Retry-After', async () => {
    const clock = new Clock();
    const windowMs = 10_000;
    // Writes and logins have windows that are not whole seconds: a window rounded to seconds,
    // or a reset off by a millisecond, shows in RateLimit-Reset.
    const policies = { read: policy(3, windowMs), write: policy(2, 20_450), login: policy(4, 4_337) };
    const [a, b] = await startInstances(lab, 2, { policies, now: clock.now });
    const idea =
      'Every response tells the client its budget, in whole numbers (the IETF draft\'s RateLimit-* ' +
      'fields): the class\'s limit, the requests left in the window with this one counted, and the ' +
      'seconds, rounded up, until the oldest request in the window stops counting and frees a ' +
      `slot (${HEADERS}).`;
    const steps: [offset: number, remaining: number, reset: number][] = [
      [0, 2, 10],
      [2_500, 1, 8],
      [2_500, 0, 8],
    ];
    for (const [i, [offset, remaining, reset]] of steps.entries()) {
      clock.at(offset);
      const reply = await [a!, b!][i % 2]!.send('read', 'acme');
      expect(reply.status, `GET /orders at ${offset} ms should be let through`).toBe(200);
      expect(
        reply.headers.get('Retry-After'),
        `GET /orders at ${offset} ms was let through with Retry-After ${reply.headers.get('Retry-After')}: ` +
          `a client that honours it would wait for nothing. Retry-After belongs to the 429 only.`,
      ).toBeNull();
      expect(
        budgetOf(reply),
        `Limit 3 per ${windowMs} ms, the first request at 0 ms. GET /orders at ${offset} ms answered ` +
          `${show(reply)}; expected limit 3, remaining ${remaining}, reset ${reset}.\n${idea}`,
      ).toEqual({ limit: 3, remaining, reset });
    }
    for (const routeClass of ['write', 'login'] as const) {
      const { limit, windowMs: classWindow } = policies[routeClass];
      // The second request comes exactly a whole number of seconds before the first frees its slot.
      const offsets = [100_000, 100_000 + (classWindow % 1000)];
      const replies: HttpReply[] = [];
      for (const [i, offset] of offsets.entries()) {
        clock.at(offset);
        replies.push(await [a!, b!][i]!.send(routeClass, 'acme'));
      }
      const expected = [
        { limit, remaining: limit - 1, reset: Math.ceil(classWindow / 1000), retryAfter: null },
        { limit, remaining: limit - 2, reset: Math.floor(classWindow / 1000), retryAfter: null },
      ];
      expect(
        replies.map((reply) => ({ ...budgetOf(reply), retryAfter: reply.headers.get('Retry-After') })),
        `Limit ${limit} per ${classWindow} ms. Requests on ${describeRoute(routeClass)} at ${offsets.join(' and ')} ms ` +
          `answered ${replies.map(show).join('; ')}; expected remaining ${limit - 1}, then ${limit - 2}, reset ` +
          `${expected[0]!.reset}, then ${expected[1]!.reset} (the first request's slot frees at ${100_000 + classWindow} ms: ` +
          `the window in milliseconds, not whole seconds), and no Retry-After on either.\n${idea}`,
      ).toEqual(expected);
    }
  });

  it('10.9 a refusal is 429 with Retry-After: the whole seconds until a slot frees, rounded up', async () => {
    const clock = new Clock();
    const windowMs = 10_000;
    const policies = everyClass(policy(3, windowMs));
    const [a, b] = await startInstances(lab, 2, { policies, now: clock.now });
    const idea =
      'A refused client learns when to come back: 429 Too Many Requests with Retry-After, in whole ' +
      'seconds, rounded up so that a client that waits exactly that long finds room (rounded down, ' +
      'it is refused again), and RateLimit-Remaining 0. A request made at t frees its slot at ' +
      `t + windowMs on the injected clock, in every class (${HEADERS}).`;
    for (const routeClass of CLASSES) {
      const route = describeRoute(routeClass);
      for (const offset of [0, 1_000, 2_000]) {
        clock.at(offset);
        await a!.send(routeClass, 'acme');
      }
      const cases: [offset: number, retryAfter: number][] = [
        [4_500, 6],
        [4_001, 6],
        [4_000, 6],
        [9_999, 1],
      ];
      for (const [i, [offset, retryAfter]] of cases.entries()) {
        clock.at(offset);
        const reply = await [b!, a!][i % 2]!.send(routeClass, 'acme');
        expect(reply.status, `with 3 requests in the window, ${route} at ${offset} ms answered ${reply.status}; expected 429.\n${idea}`).toBe(429);
        expect(
          { retryAfter: headerNumber(reply, 'Retry-After'), ...budgetOf(reply) },
          `Limit 3 per ${windowMs} ms, requests at 0, 1 000 and 2 000 ms. The refusal of ${route} at ${offset} ms ` +
            `answered ${show(reply)}; expected Retry-After ${retryAfter}, limit 3, remaining 0, reset ${retryAfter}.\n${idea}`,
        ).toEqual({ retryAfter, limit: 3, remaining: 0, reset: retryAfter });
      }
      // Taken at its word: one second early is still refused, on time is let through.
      clock.at(4_500);
      const refusal = await a!.send(routeClass, 'acme');
      const wait = headerNumber(refusal, 'Retry-After') * 1000;
      clock.at(4_500 + wait - 1_000);
      const early = await b!.send(routeClass, 'acme');
      clock.at(4_500 + wait);
      const onTime = await a!.send(routeClass, 'acme');
      expect(
        [early.status, onTime.status],
        `${route} refused at 4 500 ms with ${show(refusal)}: a second early the client got ${early.status}, on ` +
          `time ${onTime.status}; expected 429, then ${ROUTES[routeClass].ok}.\n${idea}`,
      ).toEqual([429, ROUTES[routeClass].ok]);
    }
  });

  it('10.13 the defaults: each class\'s policy from the README, on the Redis server\'s clock', async () => {
    const [a, b] = await startInstances(lab, 2);
    // The big budgets are counted through the limiter itself (two processes, no HTTP);
    // the login budget through the API.
    const limiters = await separateProcesses(2, () => import('./src/limiter.js'));
    // Runs beside the rest, as it waits for the turn of a second on the server's clock; a
    // failure is reported where it is awaited, at the end.
    const toTheMillisecond = expectRedisTimeToTheMillisecond(
      limiters[0]!.createLimiter({
        redis: lab.redis.client(),
        keyPrefix: lab.redis.prefix,
        policies: { read: policy(1, 1_000) },
        redisTimeoutMs: PATIENT_MS,
      }),
    );
    toTheMillisecond.catch(() => {});
    for (const routeClass of CLASSES) {
      const { limit, windowMs } = DEFAULT_POLICIES[routeClass];
      const started = Date.now();
      let replies: { status: number; retryAfter: number; shown: string }[];
      if (routeClass === 'login') {
        const sent = await burst([a!, b!], routeClass, 'defaults', limit + 2);
        replies = sent.map((r) => ({ status: r.status, retryAfter: headerNumber(r, 'Retry-After'), shown: show(r) }));
      } else {
        const [one, two] = limiters.map((code) =>
          code.createLimiter({ redis: lab.redis.client(), keyPrefix: lab.redis.prefix, redisTimeoutMs: PATIENT_MS }),
        );
        const decisions = await Promise.all(Array.from({ length: limit + 2 }, (_, i) => [one!, two!][i % 2]!.hit('defaults', routeClass)));
        replies = decisions.map((d) => ({
          status: d.outcome === 'allowed' ? ROUTES[routeClass].ok : d.outcome === 'limited' ? 429 : 500,
          retryAfter: 'resetSeconds' in d ? d.resetSeconds : Number.NaN,
          shown: JSON.stringify(d),
        }));
      }
      // The burst's first request and its refusals may lie this far apart (a loaded machine).
      const spreadSeconds = Math.ceil((Date.now() - started) / 1000);
      expectAdmitted(
        replies,
        routeClass,
        limit,
        `With no policies option, ${limit + 2} concurrent requests${routeClass === 'login' ? '' : ' (hit() on two limiters)'}`,
        `Without options each class runs under DEFAULT_POLICIES from contract.ts (policyFor fills ` +
          `them in): ${limit} per ${windowMs / 1000} s for ${routeClass} (${HEADERS}).`,
      );
      const refused = replies.find((r) => r.status === 429)!;
      const lowest = windowMs / 1000 - spreadSeconds;
      expect(
        refused.retryAfter >= lowest && refused.retryAfter <= windowMs / 1000,
        `With the default ${windowMs / 1000} s window, a refusal within ${spreadSeconds} s of the ` +
          `first request answered ${refused.shown}; expected Retry-After (resetSeconds) between ` +
          `${lowest} and ${windowMs / 1000}.`,
      ).toBe(true);
    }
    // Without `now`, time is the Redis server's in every class: an app server whose clock is
    // ten minutes slow must not let a caller in early, or twice. (Small budgets for reads and
    // writes, logins on the default; no `now` either way.)
    const skewedPolicies = { read: policy(4, 60_000), write: policy(3, 45_000) };
    const [slow, onTime] = await startInstances(lab, 2, { policies: skewedPolicies });
    const limitOf = (routeClass: RouteClass) => (routeClass === 'login' ? DEFAULT_POLICIES.login : skewedPolicies[routeClass]).limit;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() - 600_000 });
    const onSlowServer = await Promise.all(CLASSES.map((routeClass) => burst([slow!], routeClass, 'skewed', limitOf(routeClass)))).finally(
      () => vi.useRealTimers(),
    );
    const onTrueServer = await Promise.all(CLASSES.map((routeClass) => onTime!.send(routeClass, 'skewed')));
    CLASSES.forEach((routeClass, i) =>
      expectAdmitted(
        [...onSlowServer[i]!, onTrueServer[i]!],
        routeClass,
        limitOf(routeClass),
        `${limitOf(routeClass)} requests on an instance whose clock (Date) is 10 minutes slow, then one on an instance with the true time`,
        'Without the now option, every class reads the time inside the script (Redis TIME), not Date on ' +
          'each app server: clocks drift between machines, and one that runs slow or fast makes its ' +
          `requests count too long or not at all (${SLIDING_CLOCK}).`,
      ),
    );
    await toTheMillisecond;
  });
});

const SLIDING_CLOCK = `${LESSON}, "The boundary problem, and the sliding window"`;

/** The Redis server's clock in ms, read by the suite. */
async function serverMs(): Promise<number> {
  const [seconds, micros] = await lab.redis.admin.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Without `now`, the server's clock counts to the millisecond: with a limit of 1 per
 * 1 000 ms, a request made a fraction of a second after the first, across the turn of the
 * server's second, is still refused. The pair starts in the last 200 ms of a second; if the
 * machine stalled so long that the two lay a window apart (the right answer would then be
 * to let the second through), it is tried again.
 */
async function expectRedisTimeToTheMillisecond(limiter: Limiter): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    while ((await serverMs()) % 1000 < 800) await pause(20);
    const apiKey = `to-the-ms-${attempt}`;
    const before = await serverMs();
    const first = await limiter.hit(apiKey, 'read');
    const firstDone = await serverMs();
    while (Math.floor((await serverMs()) / 1000) === Math.floor(firstDone / 1000)) await pause(20);
    const second = await limiter.hit(apiKey, 'read');
    const apart = (await serverMs()) - before;
    if (apart >= 1_000) continue;
    expect(
      [first.outcome, second.outcome],
      `Limit 1 per 1 000 ms, no now option: two hit()s at most ${apart} ms apart by the Redis server's ` +
        `clock, on either side of the turn of its second, were ${first.outcome} and ${second.outcome}; ` +
        'expected allowed, then limited. Read TIME to the millisecond (seconds * 1000 + ' +
        'microseconds / 1000): in whole seconds every request is timed up to 999 ms early and stops ' +
        `counting that much too soon (${SLIDING_CLOCK}).`,
    ).toEqual(['allowed', 'limited']);
    return;
  }
  throw new Error('three times, two requests a fraction of a second apart took a whole second: the machine is too busy for this check');
}
