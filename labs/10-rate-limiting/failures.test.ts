// Lab 10 checks, part 4: when Redis is down, stalls or fails, each route class gets the
// decision its policy names, at once, and the decision is logged.
// Run: npm test labs/10-rate-limiting
import { describe, expect, it, vi } from 'vitest';
import { holdCommands } from '../../harness/lab/hold.js';
import type { HttpReply } from '../../harness/lab/http.js';
import { useLab } from '../../harness/lab/use-lab.js';
import {
  burst,
  CLASSES,
  countCommands,
  describeRoute,
  expectAdmitted,
  type Instance,
  LESSON,
  ROUTES,
  startInstances,
  stopAfter,
} from './rate-limit.support.js';
import { DEFAULT_POLICIES, type FailureLogEntry, type Policy, type RouteClass } from './src/contract.js';

const lab = useLab('10');
vi.setConfig({ testTimeout: 15_000 });

const OUTAGE = `${LESSON}, "Per API key, in Express": fail open or fail closed, deliberately`;
const policy = (onRedisFailure: Policy['onRedisFailure']): Policy => ({ limit: 3, windowMs: 60_000, onRedisFailure });
const DEFAULT_FAILURE = { read: 'open', write: 'open', login: 'closed' } as const;

/** What a request of each class must get when its policy decides: the route's answer, or 503. */
const expectedStatus = (routeClass: RouteClass, failure: 'open' | 'closed') =>
  failure === 'open' ? ROUTES[routeClass].ok : 503;

/** One request per class on `app`, checked against the failure policy of each. */
async function expectPolicies(
  app: Instance,
  failures: Record<RouteClass, 'open' | 'closed'>,
  situation: string,
): Promise<HttpReply[]> {
  const replies: HttpReply[] = [];
  for (const routeClass of CLASSES) {
    const reply = await app.send(routeClass, 'acme');
    replies.push(reply);
    const failure = failures[routeClass];
    expect(
      reply.status,
      `${situation}, ${describeRoute(routeClass)}, whose policy fails ${failure}, answered ${reply.status}; ` +
        `expected ${expectedStatus(routeClass, failure)}. When Redis cannot answer within redisTimeoutMs, ` +
        'each class gets the decision its onRedisFailure names: open lets the request through (the API ' +
        `stays up), closed refuses it with 503 (a login endpoint stays protected), never a 500 (${OUTAGE}).`,
    ).toBe(expectedStatus(routeClass, failure));
    const remaining = reply.headers.get('RateLimit-Remaining');
    expect(
      remaining,
      `${situation}, ${describeRoute(routeClass)} answered RateLimit-Remaining: ${remaining}; expected ` +
        'no RateLimit fields: without Redis the limiter knows nothing about the budget, and a ' +
        `made-up number misleads the client (${OUTAGE}).`,
    ).toBeNull();
  }
  return replies;
}

/** The log holds one entry per decision taken without Redis, naming its class and outcome. */
function expectLogged(logged: FailureLogEntry[], failures: Record<RouteClass, 'open' | 'closed'>, situation: string, reason?: RegExp) {
  const expected = CLASSES.map((routeClass) => ({ routeClass, outcome: `failed-${failures[routeClass]}` }));
  expect(
    logged.map(({ routeClass, outcome }) => ({ routeClass, outcome })),
    `${situation}, one request per class logged ${JSON.stringify(logged)}; expected exactly one entry per ` +
      `decision, in order: ${JSON.stringify(expected)}. A decision taken without Redis must be visible: ` +
      `an outage that silently lifts every limit is found by the bill, not the dashboard (${OUTAGE}).`,
  ).toEqual(expected);
  for (const entry of logged) {
    expect(typeof entry.reason === 'string' && entry.reason.length > 0, `log entry ${JSON.stringify(entry)} gives no reason`).toBe(true);
    if (reason) expect(entry.reason, `log entry ${JSON.stringify(entry)} should carry the error's message`).toMatch(reason);
  }
}

describe('a Redis that is down, stalls or fails', () => {
  it('10.10 Redis down: reads and writes fail open, logins fail closed, at once, and it is logged', async () => {
    const down = await lab.redis.downClient();
    const [app] = await startInstances(lab, 1, { redis: down, redisTimeoutMs: undefined });
    await expectPolicies(app!, DEFAULT_FAILURE, 'With nothing listening on Redis\'s port');
    expectLogged(app!.logged, DEFAULT_FAILURE, 'With Redis down');
  });

  it('10.11 Redis stalls: each class gets its configured policy within redisTimeoutMs, and limits resume after', async () => {
    const failures = { read: 'closed', write: 'open', login: 'open' } as const;
    const policies = { read: policy('closed'), write: policy('open'), login: policy('open') };
    const [app] = await startInstances(lab, 1, { policies, redisTimeoutMs: 500 });
    const stall = holdCommands(app!.redis);
    await expectPolicies(app!, failures, 'With Redis accepting commands and never answering');
    expectLogged(app!.logged, failures, 'With Redis stalled');
    stall.release();
    await app!.redis.ping(); // every held command has had its reply
    app!.logged.length = 0;
    for (const routeClass of CLASSES) {
      const replies = await burst([app!], routeClass, `after-${routeClass}`, 5);
      expectAdmitted(
        replies,
        routeClass,
        3,
        'Once Redis answered again, 5 requests from a new API key',
        'A stall is not a verdict on the future: the next request asks Redis again, and the ' +
          `limit holds as before (${OUTAGE}).`,
      );
    }
    expect(app!.logged, 'no decision should be logged as taken without Redis once it answers').toEqual([]);
  });

  it('10.12 Redis errors, or a connection lost after any command: the policy decides, never a 500', async () => {
    const oom = new Error('OOM command not allowed when used memory > \'maxmemory\'.');
    const every = ['eval', 'evalsha', 'evalsha_ro', 'eval_ro', 'fcall', 'script', 'multi', 'exec', 'watch', 'get',
      'set', 'incr', 'incrby', 'incrbyfloat', 'decr', 'expire', 'pexpire', 'ttl', 'pttl', 'zadd', 'zcard',
      'zcount', 'zrange', 'zrangebyscore', 'zremrangebyscore', 'hget', 'hset', 'hincrby', 'hgetall', 'mget'];
    const [app] = await startInstances(lab, 1, { redis: lab.redis.refusingClient(every, oom) });
    await expectPolicies(app!, DEFAULT_FAILURE, 'With Redis answering every command with an OOM error');
    expectLogged(app!.logged, DEFAULT_FAILURE, 'With Redis refusing commands', /OOM/);
    // The connection closes after the n-th command of a request, for every n.
    const probe = lab.redis.client();
    const [measure] = await startInstances(lab, 1, { redis: probe });
    const sent = countCommands(probe);
    await measure!.send('login', 'probe');
    for (let stopAt = 0; stopAt < sent.length; stopAt += 1) {
      for (const routeClass of ['read', 'login'] as const) {
        const dying = lab.redis.client();
        stopAfter(dying, stopAt);
        const [app] = await startInstances(lab, 1, { redis: dying });
        const reply = await app!.send(routeClass, `stops-after-${stopAt}`);
        const failure = DEFAULT_FAILURE[routeClass];
        expect(
          reply.status,
          `The connection to Redis closed after ${stopAt} of the ${sent.length} commands a request sends ` +
            `(${sent.join(', ')}); ${describeRoute(routeClass)} answered ${reply.status}; expected ` +
            `${expectedStatus(routeClass, failure)} (fail ${failure}). Every Redis call of the limiter can fail, ` +
            `and each failure takes the class's policy (${OUTAGE}).`,
        ).toBe(expectedStatus(routeClass, failure));
        expect(app!.logged.length, `the decision after the connection closed should be logged once`).toBe(1);
      }
    }
  });

  it('10.14 by default: a 250 ms bound and console.warn; a Redis that answers within redisTimeoutMs decides', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const [app] = await startInstances(lab, 1, { log: undefined, redisTimeoutMs: undefined });
    const stall = holdCommands(app!.redis);
    await expectPolicies(app!, DEFAULT_FAILURE, 'With Redis stalled and no redisTimeoutMs option (default 250 ms)');
    expect(
      warn.mock.calls.length,
      `With no log option, 3 decisions taken without Redis called console.warn ${warn.mock.calls.length} ` +
        `time(s); expected 3, once per decision (${OUTAGE}).`,
    ).toBe(3);
    stall.release();
    warn.mockRestore();
    // A slow Redis inside a generous bound still decides: the bound is the option's, not a constant.
    const [patient] = await startInstances(lab, 1, { redisTimeoutMs: 2_000 });
    const slow = holdCommands(patient!.redis);
    const replies = CLASSES.map((routeClass) => patient!.send(routeClass, 'patient'));
    await slow.reached;
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the default bound, well inside 2 s
    slow.release();
    const answered = await Promise.all(replies);
    CLASSES.forEach((routeClass, i) => {
      const reply = answered[i]!;
      expect(
        [reply.status, reply.headers.get('RateLimit-Remaining')],
        `With redisTimeoutMs 2000, Redis answered after about 400 ms and ${describeRoute(routeClass)} answered ` +
          `${reply.status} with RateLimit-Remaining ${reply.headers.get('RateLimit-Remaining')}; expected ` +
          `${ROUTES[routeClass].ok} with the budget Redis counted. The wait is bounded by the option, and ` +
          `a Redis that answers within it takes the decision (${OUTAGE}).`,
      ).toEqual([ROUTES[routeClass].ok, String(DEFAULT_POLICIES[routeClass].limit - 1)]);
    });
    expect(patient!.logged, 'nothing was decided without Redis').toEqual([]);
  });
});
