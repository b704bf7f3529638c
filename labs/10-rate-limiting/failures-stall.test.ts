// Lab 10 checks, part 5: when Redis stalls, each route class gets the decision its policy
// names within redisTimeoutMs, once, and limits resume once Redis answers. (The defaults
// and the bound: failures-default.test.ts.)
// Run: npm test labs/10-rate-limiting
import { describe, expect, it, vi } from 'vitest';
import { holdCommands } from '../../harness/lab/hold.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectLogged, expectPolicies, OUTAGE, policy, refusingRedis } from './failure-policy.support.js';
import { burst, CLASSES, expectAdmitted, startInstances } from './rate-limit.support.js';

const lab = useLab('10');
vi.setConfig({ testTimeout: 15_000 });

/** Decisions taken during the stall, more than a breaker would need to stop asking Redis. */
const ROUNDS = 4;

describe('a Redis that stalls', () => {
  it('10.11 Redis stalls: each class gets its configured policy within redisTimeoutMs, and limits resume after', async () => {
    const failures = { read: 'closed', write: 'open', login: 'open' } as const;
    const policies = { read: policy('closed'), write: policy('open'), login: policy('open') };
    const [app] = await startInstances(lab, 1, { policies, redisTimeoutMs: 500 });
    // Beside it, a Redis whose late answers are errors: a failure after the bound is no new decision.
    const [refusing] = await startInstances(lab, 1, { policies, redisTimeoutMs: 500, redis: refusingRedis(lab) });
    const stalls = [holdCommands(app!.redis), holdCommands(refusing!.redis)];
    await Promise.all([
      expectPolicies(app!, failures, 'With Redis accepting commands and never answering', ROUNDS),
      expectPolicies(refusing!, failures, 'With Redis accepting commands and answering none in time'),
    ]);
    const stalled = `With Redis stalled, ${ROUNDS} requests per class`;
    expectLogged(app!.logged, failures, stalled, { rounds: ROUNDS });
    expectLogged(refusing!.logged, failures, 'With Redis stalled, one request per class');
    for (const stall of stalls) stall.release();
    await Promise.all([app!.redis.ping(), refusing!.redis.ping()]); // every held command has had its answer
    expectLogged(app!.logged, failures, `${stalled}, and their replies arriving after the decisions`, { rounds: ROUNDS });
    expectLogged(refusing!.logged, failures, 'With Redis stalled, then answering each command with an error after the decisions');
    app!.logged.length = 0;
    for (const routeClass of CLASSES) {
      const replies = await burst([app!], routeClass, `after-${routeClass}`, 5);
      expectAdmitted(
        replies,
        routeClass,
        3,
        `Once Redis answered again, after ${ROUNDS * CLASSES.length} decisions in a row taken without it, 5 requests from a new API key`,
        'A stall is not a verdict on the future: the next request asks Redis again, and the ' +
          `limit holds as before (${OUTAGE}).`,
      );
    }
    expect(app!.logged, 'no decision should be logged as taken without Redis once it answers').toEqual([]);
  });
});
