// Lab 10 checks, part 3c: the defaults, and the Redis server's clock. Its own file: it waits for
// the turn of a second on the server's clock. Run: npm test labs/10-rate-limiting
import { describe, expect, it, vi } from 'vitest';
import { separateProcesses } from '../../harness/lab/processes.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { burst, CLASSES, expectAdmitted, headerNumber, HEADERS, PATIENT_MS, ROUTES, show, SLIDING, startInstances } from './rate-limit.support.js';
import { DEFAULT_POLICIES, type Limiter, type Policy, type RouteClass } from './src/contract.js';

const lab = useLab('10');
vi.setConfig({ testTimeout: 15_000 });

const policy = (limit: number, windowMs: number): Policy => ({ limit, windowMs, onRedisFailure: 'open' });

describe('responses clients can act on', () => {
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
    // A policies option that names one class replaces that one only: on a Redis that is down,
    // the classes it leaves out still fail open, as their defaults say.
    const partial = limiters[1]!.createLimiter({ redis: await lab.redis.downClient(), keyPrefix: lab.redis.prefix, policies: { login: policy(1, 1_000) }, redisTimeoutMs: 50, log: () => {} });
    const unnamed = await Promise.all((['read', 'write'] as const).map((c) => partial.hit('partial', c).then((d) => d.outcome, (error: unknown) => `rejected (${String(error)})`)));
    expect(
      unnamed,
      `With policies { login: ... } only and Redis down, hit() on read and write gave ${unnamed.join(' and ')}; expected failed-open for both, their default onRedisFailure. A policies option replaces the classes it names; every other class keeps DEFAULT_POLICIES (policyFor in contract.ts does exactly this) (${HEADERS}).`,
    ).toEqual(['failed-open', 'failed-open']);
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
          `requests count too long or not at all (${SLIDING}).`,
      ),
    );
    await toTheMillisecond;
  });
});

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
        `counting that much too soon (${SLIDING}).`,
    ).toEqual(['allowed', 'limited']);
    return;
  }
  throw new Error('three times, two requests a fraction of a second apart took a whole second: the machine is too busy for this check');
}
