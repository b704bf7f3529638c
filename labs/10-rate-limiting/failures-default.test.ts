// Lab 10 checks, part 5b: the bound on Redis, timed by Redis replies that arrive a set time
// after their command: by default 250 ms, logged with console.warn; otherwise redisTimeoutMs,
// which a Redis answering within it meets, and one answering after it does not.
// Run: npm test labs/10-rate-limiting
import { describe, expect, it, vi } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { DEFAULT_FAILURE, expectLogged, expectPolicies, OUTAGE, replyAfter } from './failure-policy.support.js';
import { CLASSES, describeRoute, type Instance, ROUTES, startInstances } from './rate-limit.support.js';
import { DEFAULT_POLICIES, type LimiterOptions } from './src/contract.js';

const lab = useLab('10');
vi.setConfig({ testTimeout: 15_000 });

/** One instance per class, each answered by Redis `ms` after its decision's first command, within or past the bound. */
async function answeredAfter(ms: number, bound: 'within' | 'past', options: Partial<LimiterOptions>): Promise<Instance[]> {
  const apps = await startInstances(lab, CLASSES.length, options);
  await Promise.all(apps.map((app) => replyAfter(app, ms, bound)));
  return apps;
}

describe('the bound on a slow Redis', () => {
  it('10.14 by default: a 250 ms bound and console.warn; a Redis that answers within redisTimeoutMs decides, one after it does not', async () => {
    const warned = captureConsole('10', ['warn']);
    // Replies a little after each bound (which timer fires first decides, however busy the
    // machine), and one well inside a bound above a second: a margin, a floor, a cap or a
    // bound cut short shows.
    const [late, patient, hasty] = await Promise.all([
      answeredAfter(265, 'past', { log: undefined, redisTimeoutMs: undefined }),
      answeredAfter(1_300, 'within', { redisTimeoutMs: 1_500 }),
      answeredAfter(60, 'past', { redisTimeoutMs: 50 }),
    ]);
    // Later commands are answered at once: code that waits past the bound, or asks Redis
    // again, gets Redis's decision instead of the policy's.
    const tooLate = (ms: number, bound: string) =>
      `With Redis answering each decision's first command after ${ms} ms (any later one at once) and ${bound}`;
    const [, answered] = await Promise.all([
      expectPolicies(late, DEFAULT_FAILURE, tooLate(265, 'no redisTimeoutMs option (default 250 ms)')),
      Promise.all(CLASSES.map((routeClass, i) => patient[i]!.send(routeClass, 'patient'))),
      expectPolicies(hasty, DEFAULT_FAILURE, tooLate(60, 'redisTimeoutMs 50')),
    ]);
    expect(
      warned.lines().length,
      `With no log option, 3 decisions taken without Redis called console.warn ${warned.lines().length} ` +
        `time(s); expected 3, once per decision (${OUTAGE}).`,
    ).toBe(3);
    expectLogged(hasty.flatMap((app) => app.logged), DEFAULT_FAILURE, 'With redisTimeoutMs 50 and Redis answering after 60 ms');
    CLASSES.forEach((routeClass, i) => {
      const reply = answered[i]!;
      expect(
        [reply.status, reply.headers.get('RateLimit-Remaining')],
        `With redisTimeoutMs 1500, Redis answered after 1300 ms and ${describeRoute(routeClass)} answered ` +
          `${reply.status} with RateLimit-Remaining ${reply.headers.get('RateLimit-Remaining')}; expected ` +
          `${ROUTES[routeClass].ok} with the budget Redis counted. The wait is bounded by the option, not by ` +
          `a constant of the code, and a Redis that answers within it takes the decision (${OUTAGE}).`,
      ).toEqual([ROUTES[routeClass].ok, String(DEFAULT_POLICIES[routeClass].limit - 1)]);
    });
    expect(patient.flatMap((app) => app.logged), 'nothing was decided without Redis').toEqual([]);
  });
});
