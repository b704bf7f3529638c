// Lab 10 checks, part 4: when Redis is down, refuses commands or drops the connection,
// each route class gets the decision its policy names, at once, and the decision is logged.
// Run: npm test labs/10-rate-limiting
import { describe, expect, it, vi } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { DEFAULT_FAILURE, expectedStatus, expectLogged, expectPolicies, OUTAGE } from './failure-policy.support.js';
import { countCommands, describeRoute, startInstances, stopAfter } from './rate-limit.support.js';

const lab = useLab('10');
vi.setConfig({ testTimeout: 15_000 });

describe('a Redis that is down or fails', () => {
  it('10.10 Redis down: reads and writes fail open, logins fail closed, at once, and it is logged', async () => {
    const down = await lab.redis.downClient();
    const [app] = await startInstances(lab, 1, { redis: down, redisTimeoutMs: undefined });
    await expectPolicies(app!, DEFAULT_FAILURE, 'With nothing listening on Redis\'s port');
    expectLogged(app!.logged, DEFAULT_FAILURE, 'With Redis down');
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
});
