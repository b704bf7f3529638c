// Lab 10: what the suites about a failing Redis share: the failure policies, the faults,
// and the checks that each class got its policy's decision, logged once. Not a suite.
import type { Redis } from 'ioredis';
import { expect } from 'vitest';
import { holdReply, isHandshake, type HeldReply } from '../../harness/lab/hold.js';
import type { HttpReply } from '../../harness/lab/http.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import type { Lab } from '../../harness/lab/use-lab.js';
import { CLASSES, describeRoute, type Instance, LESSON, ROUTES } from './rate-limit.support.js';
import type { FailureLogEntry, Policy, RouteClass } from './src/contract.js';

export const OUTAGE = `${LESSON}, "Per API key, in Express": fail open or fail closed, deliberately`;
export const policy = (onRedisFailure: Policy['onRedisFailure']): Policy => ({ limit: 3, windowMs: 60_000, onRedisFailure });
export const DEFAULT_FAILURE = { read: 'open', write: 'open', login: 'closed' } as const;
/** Every class the other way round from its default: a policy read from anywhere but the options shows. */
export const FLIPPED_FAILURE = { read: 'closed', write: 'closed', login: 'open' } as const;
export const FLIPPED_POLICIES = {
  read: policy(FLIPPED_FAILURE.read),
  write: policy(FLIPPED_FAILURE.write),
  login: policy(FLIPPED_FAILURE.login),
};
const RATE_LIMIT_FIELDS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

/** What a request of each class must get when its policy decides: the route's answer, or 503. */
export const expectedStatus = (routeClass: RouteClass, failure: 'open' | 'closed') =>
  failure === 'open' ? ROUTES[routeClass].ok : 503;

/**
 * A Redis that answers every command the way a full one does under `noeviction`, whatever
 * the code uses to count (a script, MULTI, plain commands).
 */
export function refusingRedis(lab: Lab): Redis {
  const oom = new Error('OOM command not allowed when used memory > \'maxmemory\'.');
  const every = ['eval', 'evalsha', 'evalsha_ro', 'eval_ro', 'fcall', 'script', 'multi', 'exec', 'watch', 'get',
    'set', 'incr', 'incrby', 'incrbyfloat', 'decr', 'expire', 'pexpire', 'ttl', 'pttl', 'zadd', 'zcard',
    'zcount', 'zrange', 'zrangebyscore', 'zremrangebyscore', 'hget', 'hset', 'hincrby', 'hgetall', 'mget'];
  return lab.redis.refusingClient(every, oom);
}

/**
 * `client` answers every command with `error`, as a Redis still loading its data does,
 * until the function returned is called; from then on, as a healthy one.
 */
export function failingUntilHealed(client: Redis, error: Error): () => void {
  let failing = true;
  wrapCommands(client, (command, send) => {
    if (!failing || isHandshake(command)) return send(command);
    command.reject(error);
    return command.promise;
  });
  return () => {
    failing = false;
  };
}

/**
 * The reply to the next command `app` sends (the first of its next decision) reaches it
 * `ms` after the send; the commands after it are answered at once. Whether it beats the
 * code's bound must not depend on how busy the machine is: `within` the bound or `past`
 * it, each timed as holdReply says (harness/lab/hold.ts).
 */
export async function replyAfter(app: Instance, ms: number, bound: 'within' | 'past'): Promise<HeldReply> {
  await app.redis.ping(); // the connection is open: no handshake command is the one held
  return holdReply(app.redis, () => true, bound === 'within' ? { releaseAfterMs: ms } : { pastBoundMs: ms });
}

/**
 * Each class's request sent `rounds` times, all at once (each waits out the same bound),
 * to `apps` (one instance for every class, or one per class in CLASSES' order), checked
 * against the failure policy of each.
 */
export async function expectPolicies(
  apps: Instance | Instance[],
  failures: Record<RouteClass, 'open' | 'closed'>,
  situation: string,
  rounds = 1,
): Promise<HttpReply[]> {
  const appFor = (i: number) => (Array.isArray(apps) ? apps[i]! : apps);
  const sent = Array.from({ length: rounds }, (_, round) => CLASSES.map((routeClass, i) => ({ routeClass, round, i }))).flat();
  const replies = await Promise.all(sent.map(({ routeClass, round, i }) => appFor(i).send(routeClass, `acme-${round}`)));
  for (const [n, { routeClass }] of sent.entries()) {
    const reply = replies[n]!;
    const failure = failures[routeClass];
    expect(
      reply.status,
      `${situation}, ${describeRoute(routeClass)}, whose policy fails ${failure}, answered ${reply.status}; ` +
        `expected ${expectedStatus(routeClass, failure)}. When Redis cannot answer within redisTimeoutMs, ` +
        'each class gets the decision its onRedisFailure names: open lets the request through (the API ' +
        `stays up), closed refuses it with 503 (a login endpoint stays protected), never a 500 (${OUTAGE}).`,
    ).toBe(expectedStatus(routeClass, failure));
    const fields = RATE_LIMIT_FIELDS.filter((name) => reply.headers.has(name)).map((name) => `${name}: ${reply.headers.get(name)}`);
    expect(
      fields,
      `${situation}, ${describeRoute(routeClass)} answered ${fields.join(', ')}; expected no RateLimit ` +
        'fields at all: without Redis the limiter knows nothing about the budget, and a made-up number, ' +
        `even the class's limit alone, tells the client a budget is being counted when none is (${OUTAGE}).`,
    ).toEqual([]);
  }
  return replies;
}

/**
 * The log holds one entry per decision taken without Redis, `rounds` per class, naming its
 * class and outcome (in any order: the requests were sent together).
 */
export function expectLogged(
  logged: FailureLogEntry[],
  failures: Record<RouteClass, 'open' | 'closed'>,
  situation: string,
  { reason, rounds = 1 }: { reason?: RegExp; rounds?: number } = {},
) {
  const perRound = CLASSES.map((routeClass) => ({ routeClass, outcome: `failed-${failures[routeClass]}` }));
  const expected = Array.from({ length: rounds }, () => perRound).flat();
  const byClass = (a: { routeClass: string }, b: { routeClass: string }) => a.routeClass.localeCompare(b.routeClass);
  expect(
    logged.map(({ routeClass, outcome }) => ({ routeClass, outcome })).sort(byClass),
    `${situation}, ${expected.length} requests logged ${JSON.stringify(logged)}; expected exactly one entry per ` +
      `decision: ${JSON.stringify(perRound)}${rounds > 1 ? ` ${rounds} times` : ''}. A decision taken without Redis ` +
      'must be visible, once: an outage that silently lifts every limit is found by the bill, not the ' +
      `dashboard, and one that logs twice miscounts it (${OUTAGE}).`,
  ).toEqual(expected.sort(byClass));
  for (const entry of logged) {
    expect(typeof entry.reason === 'string' && entry.reason.length > 0, `log entry ${JSON.stringify(entry)} gives no reason`).toBe(true);
    if (reason) expect(entry.reason, `log entry ${JSON.stringify(entry)} should carry the error's message`).toMatch(reason);
  }
}
