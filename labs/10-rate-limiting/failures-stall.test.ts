// Lab 10 checks, part 5: when Redis stalls, each route class gets the decision its policy
// names within redisTimeoutMs, and limits resume once Redis answers. (The defaults:
// failures-default.test.ts.)
// Run: npm test labs/10-rate-limiting
import { describe, expect, it, vi } from 'vitest';
import { holdCommands } from '../../harness/lab/hold.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectLogged, expectPolicies, OUTAGE, policy } from './failure-policy.support.js';
import { burst, CLASSES, expectAdmitted, startInstances } from './rate-limit.support.js';

const lab = useLab('10');
vi.setConfig({ testTimeout: 15_000 });

describe('a Redis that stalls', () => {
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
});
