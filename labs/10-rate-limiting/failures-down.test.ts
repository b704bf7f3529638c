// Lab 10 checks, part 4: when Redis is down, refuses commands or drops the connection,
// each route class gets the decision its policy names, at once, and the decision is logged.
// Run: npm test labs/10-rate-limiting
import { describe, expect, it, vi } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import {
  DEFAULT_FAILURE,
  expectedStatus,
  expectLogged,
  expectPolicies,
  FLIPPED_FAILURE,
  FLIPPED_POLICIES,
  OUTAGE,
  refusingRedis,
} from './failure-policy.support.js';
import { countCommands, describeRoute, type Instance, startInstances, stopAfter } from './rate-limit.support.js';
import { createLimiter } from './src/limiter.js';

const lab = useLab('10');
vi.setConfig({ testTimeout: 15_000 });
/** A log option that throws: hit() never rejects, not even then. */
const brokenLog = () => {
  throw new Error('the log sink is down');
};

describe('a Redis that is down or fails', () => {
  it('10.10 Redis down: by default reads and writes fail open, logins fail closed; configured, the other way; at once, and logged', async () => {
    const [app] = await startInstances(lab, 1, { redis: await lab.redis.downClient(), redisTimeoutMs: undefined });
    // Every class configured the other way round, and a log option that throws.
    const [unlogged] = await startInstances(lab, 1, {
      redis: await lab.redis.downClient(),
      redisTimeoutMs: undefined,
      policies: FLIPPED_POLICIES,
      log: brokenLog,
    });
    await Promise.all([
      expectPolicies(app!, DEFAULT_FAILURE, 'With nothing listening on Redis\'s port'),
      expectPolicies(unlogged!, FLIPPED_FAILURE, `With Redis down, policies ${JSON.stringify(FLIPPED_FAILURE)} and a log option that throws (hit() never rejects)`),
    ]);
    expectLogged(app!.logged, DEFAULT_FAILURE, 'With Redis down');
    // hit() itself, not only the app around it: with the log throwing, it still resolves with the policy's outcome.
    const limiter = createLimiter({ redis: await lab.redis.downClient(), keyPrefix: lab.redis.prefix, policies: FLIPPED_POLICIES, log: brokenLog });
    const decisions = await Promise.all((['read', 'login'] as const).map((routeClass) => limiter.hit('acme', routeClass).then((d) => d.outcome, (error: unknown) => `rejected (${String(error)})`)));
    expect(
      decisions,
      `With Redis down and a log option that throws, limiter.hit('acme', 'read') and hit('acme', 'login') gave ${decisions.join(' and ')}; expected failed-closed and failed-open (the policies ${JSON.stringify(FLIPPED_FAILURE)}). hit() never rejects: a log that fails must not turn a decision into an error, whoever calls hit() (an app that catches it today is not the only caller).`,
    ).toEqual(['failed-closed', 'failed-open']);
  });

  it('10.12 Redis errors, or a connection lost after any command: the policy decides, never a 500', async () => {
    const refusing = refusingRedis(lab);
    const asked = countCommands(refusing);
    const [app] = await startInstances(lab, 1, { redis: refusing });
    const [unlogged] = await startInstances(lab, 1, { redis: refusingRedis(lab), policies: FLIPPED_POLICIES, log: brokenLog });
    await Promise.all([
      expectPolicies(app!, DEFAULT_FAILURE, 'With Redis answering every command with an OOM error'),
      expectPolicies(
        unlogged!,
        FLIPPED_FAILURE,
        `With Redis answering every command with an OOM error, policies ${JSON.stringify(FLIPPED_FAILURE)} and a log option that throws (hit() never rejects)`,
      ),
    ]);
    expectLogged(app!.logged, DEFAULT_FAILURE, 'With Redis refusing commands', { reason: /OOM/ });
    // TIME included: the refusing Redis answers it, so one read on its own would be counted here.
    expect(
      asked,
      `Three requests (one per class), no now option, against a Redis refusing every command sent ` +
        `${asked.join(', ')}; expected one command each. The decision is one step: TIME is read inside the ` +
        'script, not in a round trip of its own, an error is the answer, the class\'s policy decides at once, ' +
        `and there is no second attempt (${OUTAGE}).`,
    ).toHaveLength(3);
    // The connection closes after the n-th command of a request, for every n.
    const probe = lab.redis.client();
    const [measure] = await startInstances(lab, 1, { redis: probe });
    const sent = countCommands(probe);
    await measure!.send('login', 'probe');
    const cases = Array.from({ length: sent.length }, (_, stopAt) => (['read', 'login'] as const).map((routeClass) => ({ stopAt, routeClass }))).flat();
    const apps: Instance[] = [];
    for (const { stopAt } of cases) {
      const dying = lab.redis.client();
      stopAfter(dying, stopAt);
      apps.push((await startInstances(lab, 1, { redis: dying }))[0]!);
    }
    // Each case on a connection and an instance of its own, so their requests go side by side.
    const replies = await Promise.all(cases.map(({ stopAt, routeClass }, i) => apps[i]!.send(routeClass, `stops-after-${stopAt}`)));
    cases.forEach(({ stopAt, routeClass }, i) => {
      const reply = replies[i]!;
      const failure = DEFAULT_FAILURE[routeClass];
      expect(
        reply.status,
        `The connection to Redis closed after ${stopAt} of the ${sent.length} commands a request sends ` +
          `(${sent.join(', ')}); ${describeRoute(routeClass)} answered ${reply.status}; expected ` +
          `${expectedStatus(routeClass, failure)} (fail ${failure}). Every Redis call of the limiter can fail, ` +
          `and each failure takes the class's policy (${OUTAGE}).`,
      ).toBe(expectedStatus(routeClass, failure));
      expect(apps[i]!.logged.length, `the decision after the connection closed should be logged once`).toBe(1);
    });
  });
});
