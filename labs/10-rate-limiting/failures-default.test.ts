// Lab 10 checks, part 5b: a stalled Redis with the defaults: a 250 ms bound and
// console.warn; and a Redis slower than the default but within the configured bound decides.
// Run: npm test labs/10-rate-limiting
import { describe, expect, it, vi } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { holdCommands } from '../../harness/lab/hold.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { DEFAULT_FAILURE, expectPolicies, OUTAGE } from './failure-policy.support.js';
import { CLASSES, describeRoute, ROUTES, startInstances } from './rate-limit.support.js';
import { DEFAULT_POLICIES } from './src/contract.js';

const lab = useLab('10');
vi.setConfig({ testTimeout: 15_000 });

describe('a Redis that stalls, with the defaults', () => {
  it('10.14 by default: a 250 ms bound and console.warn; a Redis that answers within redisTimeoutMs decides', async () => {
    // A slow Redis inside a generous bound still decides: the bound is the option's, not a
    // constant. Its replies are held past the default bound while the stalled instance is judged.
    const [patient] = await startInstances(lab, 1, { redisTimeoutMs: 2_000 });
    const slow = holdCommands(patient!.redis);
    const answering = Promise.all(CLASSES.map((routeClass) => patient!.send(routeClass, 'patient')));
    answering.catch(() => {}); // awaited below; a failure before then must not be reported twice
    await slow.reached;
    const pastDefault = new Promise((resolve) => setTimeout(resolve, 400)); // past the default bound, well inside 2 s

    const warned = captureConsole('10', ['warn']);
    const [app] = await startInstances(lab, 1, { log: undefined, redisTimeoutMs: undefined });
    const stall = holdCommands(app!.redis);
    await expectPolicies(app!, DEFAULT_FAILURE, 'With Redis stalled and no redisTimeoutMs option (default 250 ms)');
    expect(
      warned.lines().length,
      `With no log option, 3 decisions taken without Redis called console.warn ${warned.lines().length} ` +
        `time(s); expected 3, once per decision (${OUTAGE}).`,
    ).toBe(3);
    stall.release();
    warned.restore();

    await pastDefault;
    slow.release();
    const answered = await answering;
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
