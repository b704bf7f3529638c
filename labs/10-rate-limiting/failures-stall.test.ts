// Lab 10 checks, part 5: when Redis stalls, each route class gets the decision its policy
// names within redisTimeoutMs, once, and limits resume once Redis answers, at once, however
// long it failed. (The defaults and the bound: failures-default.test.ts.)
// Run: npm test labs/10-rate-limiting
import { describe, expect, it, vi } from 'vitest';
import { holdCommands } from '../../harness/lab/hold.js';
import { useLab } from '../../harness/lab/use-lab.js';
import {
  expectLogged,
  expectPolicies,
  failingUntilHealed,
  FLIPPED_FAILURE,
  FLIPPED_POLICIES,
  OUTAGE,
  refusingRedis,
} from './failure-policy.support.js';
import { burst, CLASSES, expectAdmitted, PATIENT_MS, startInstances } from './rate-limit.support.js';
import type { FailureLogEntry } from './src/contract.js';
import { createLimiter } from './src/limiter.js';

const lab = useLab('10');
vi.setConfig({ testTimeout: 15_000 });

/** Decisions taken during the stall, more than a breaker would need to stop asking Redis. */
const ROUNDS = 4;
/** Errors per class in a row before Redis recovers: past any breaker's threshold. */
const LONG_RUN = 200;
const RESUME = 'A failure is not a verdict on the future: the next request asks Redis again, at once, and ' +
  `the limit holds as before. No breaker, no pause, however long Redis failed (${OUTAGE}).`;

describe('a Redis that stalls', () => {
  it('10.11 Redis stalls: each class gets its configured policy within redisTimeoutMs, and limits resume after', async () => {
    const failures = FLIPPED_FAILURE;
    const policies = FLIPPED_POLICIES;
    const [app] = await startInstances(lab, 1, { policies, redisTimeoutMs: 500 });
    // Beside it, a Redis whose late answers are errors: a failure after the bound is no new decision.
    const [refusing] = await startInstances(lab, 1, { policies, redisTimeoutMs: 500, redis: refusingRedis(lab) });
    // And, meanwhile, a limiter whose Redis answers a long run of requests with errors, then recovers.
    const flakyRedis = lab.redis.client();
    const heal = failingUntilHealed(flakyRedis, new Error('LOADING Redis is loading the dataset in memory'));
    const flakyLog: FailureLogEntry[] = [];
    const flaky = createLimiter({ redis: flakyRedis, keyPrefix: lab.redis.prefix, policies, redisTimeoutMs: PATIENT_MS, log: (e) => flakyLog.push(e) });
    const longRunOutcomes: string[] = [];
    const longRun = async () => {
      for (let round = 0; round < LONG_RUN; round += 1) {
        const decisions = await Promise.all(CLASSES.map((routeClass) => flaky.hit(`flaky-${routeClass}`, routeClass)));
        decisions.forEach((decision, i) => longRunOutcomes.push(`${CLASSES[i]}: ${decision.outcome}`));
        // Errors settle in microtasks: a turn of the event loop lets the stalled requests beside it be served.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const stalls = [holdCommands(app!.redis), holdCommands(refusing!.redis)];
    await Promise.all([
      expectPolicies(app!, failures, 'With Redis accepting commands and never answering', ROUNDS),
      expectPolicies(refusing!, failures, 'With Redis accepting commands and answering none in time'),
      longRun(),
    ]);
    const stalled = `With Redis stalled, ${ROUNDS} requests per class`;
    expectLogged(app!.logged, failures, stalled, { rounds: ROUNDS });
    expectLogged(refusing!.logged, failures, 'With Redis stalled, one request per class');
    const erring = `${LONG_RUN} hit()s per class (${LONG_RUN * CLASSES.length} in a row) answered with an error`;
    const expectedOutcomes = CLASSES.map((routeClass) => `${routeClass}: failed-${failures[routeClass]}`);
    const wrong = longRunOutcomes.filter((outcome) => !expectedOutcomes.includes(outcome));
    expect(
      [longRunOutcomes.length, flakyLog.length, ...new Set(wrong)],
      `With Redis answering every command with an error, ${LONG_RUN} hit()s per class were decided ` +
        `${longRunOutcomes.length} times, logged ${flakyLog.length} times, and decided otherwise than ` +
        `${expectedOutcomes.join(', ')} ${wrong.length} times (${[...new Set(wrong)].join(', ') || 'never'}); ` +
        `expected each decided by its class's policy and logged once (${OUTAGE}).`,
    ).toEqual([LONG_RUN * CLASSES.length, LONG_RUN * CLASSES.length]);
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
        RESUME,
      );
    }
    expect(app!.logged, 'no decision should be logged as taken without Redis once it answers').toEqual([]);
    heal();
    flakyLog.length = 0;
    for (const routeClass of CLASSES) {
      const decisions = await Promise.all(Array.from({ length: 5 }, () => flaky.hit(`flaky-${routeClass}`, routeClass)));
      const outcomes = decisions.map((d) => d.outcome).sort();
      expect(
        outcomes,
        `The moment Redis answered again, after ${erring}, 5 more ` +
          `${routeClass} hit()s of the same API key were ${outcomes.join(', ')}; expected 3 allowed and 2 limited ` +
          `(limit 3), all decided by Redis.\n${RESUME}`,
      ).toEqual(['allowed', 'allowed', 'allowed', 'limited', 'limited']);
    }
    expect(flakyLog, 'no decision should be logged as taken without Redis once it answers').toEqual([]);
  });
});
