// Lab 10 checks, part 3: what clients read from the responses: the budget, and when to come
// back. Run: npm test labs/10-rate-limiting
// (The defaults and the Redis server's clock: responses-defaults.test.ts.)
import { describe, expect, it, vi } from 'vitest';
import type { HttpReply } from '../../harness/lab/http.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { CLASSES, Clock, describeRoute, everyClass, headerNumber, HEADERS, ROUTES, show, startInstances } from './rate-limit.support.js';
import type { Policy } from './src/contract.js';

const lab = useLab('10');
vi.setConfig({ testTimeout: 15_000 });

const policy = (limit: number, windowMs: number): Policy => ({ limit, windowMs, onRedisFailure: 'open' });

/** The three RateLimit fields of a reply, as the numbers they must be. */
function budgetOf(reply: HttpReply) {
  return {
    limit: headerNumber(reply, 'RateLimit-Limit'),
    remaining: headerNumber(reply, 'RateLimit-Remaining'),
    reset: headerNumber(reply, 'RateLimit-Reset'),
  };
}

describe('responses clients can act on', () => {
  it('10.8 every let-through response carries RateLimit-Limit, -Remaining and -Reset, exact, and no Retry-After', async () => {
    const clock = new Clock();
    const windowMs = 10_000;
    // Writes and logins have windows that are not whole seconds: a window rounded to seconds,
    // or a reset off by a millisecond, shows in RateLimit-Reset.
    const policies = { read: policy(3, windowMs), write: policy(2, 20_450), login: policy(4, 4_337) };
    const [a, b] = await startInstances(lab, 2, { policies, now: clock.now });
    const idea =
      'Every response tells the client its budget, in whole numbers (the IETF draft\'s RateLimit-* ' +
      'fields): the class\'s limit, the requests left in the window with this one counted, and the ' +
      'seconds, rounded up, until the oldest request in the window stops counting and frees a ' +
      `slot (${HEADERS}).`;
    const steps: [offset: number, remaining: number, reset: number][] = [
      [0, 2, 10],
      [2_500, 1, 8],
      [2_500, 0, 8],
    ];
    for (const [i, [offset, remaining, reset]] of steps.entries()) {
      clock.at(offset);
      const reply = await [a!, b!][i % 2]!.send('read', 'acme');
      expect(reply.status, `GET /orders at ${offset} ms should be let through`).toBe(200);
      expect(
        reply.headers.get('Retry-After'),
        `GET /orders at ${offset} ms was let through with Retry-After ${reply.headers.get('Retry-After')}: ` +
          `a client that honours it would wait for nothing. Retry-After belongs to the 429 only.`,
      ).toBeNull();
      expect(
        budgetOf(reply),
        `Limit 3 per ${windowMs} ms, the first request at 0 ms. GET /orders at ${offset} ms answered ` +
          `${show(reply)}; expected limit 3, remaining ${remaining}, reset ${reset}.\n${idea}`,
      ).toEqual({ limit: 3, remaining, reset });
    }
    for (const routeClass of ['write', 'login'] as const) {
      const { limit, windowMs: classWindow } = policies[routeClass];
      // The second request comes exactly a whole number of seconds before the first frees its slot.
      const offsets = [100_000, 100_000 + (classWindow % 1000)];
      const replies: HttpReply[] = [];
      for (const [i, offset] of offsets.entries()) {
        clock.at(offset);
        replies.push(await [a!, b!][i]!.send(routeClass, 'acme'));
      }
      const expected = [
        { limit, remaining: limit - 1, reset: Math.ceil(classWindow / 1000), retryAfter: null },
        { limit, remaining: limit - 2, reset: Math.floor(classWindow / 1000), retryAfter: null },
      ];
      expect(
        replies.map((reply) => ({ ...budgetOf(reply), retryAfter: reply.headers.get('Retry-After') })),
        `Limit ${limit} per ${classWindow} ms. Requests on ${describeRoute(routeClass)} at ${offsets.join(' and ')} ms ` +
          `answered ${replies.map(show).join('; ')}; expected remaining ${limit - 1}, then ${limit - 2}, reset ` +
          `${expected[0]!.reset}, then ${expected[1]!.reset} (the first request's slot frees at ${100_000 + classWindow} ms: ` +
          `the window in milliseconds, not whole seconds), and no Retry-After on either.\n${idea}`,
      ).toEqual(expected);
    }
  });

  it('10.9 a refusal is 429 with Retry-After: the whole seconds until a slot frees, rounded up', async () => {
    const clock = new Clock();
    const windowMs = 10_000;
    const policies = everyClass(policy(3, windowMs));
    const [a, b] = await startInstances(lab, 2, { policies, now: clock.now });
    const idea =
      'A refused client learns when to come back: 429 Too Many Requests with Retry-After, in whole ' +
      'seconds, rounded up so that a client that waits exactly that long finds room (rounded down, ' +
      'it is refused again), and RateLimit-Remaining 0. A request made at t frees its slot at ' +
      `t + windowMs on the injected clock, in every class (${HEADERS}).`;
    for (const routeClass of CLASSES) {
      const route = describeRoute(routeClass);
      for (const offset of [0, 1_000, 2_000]) {
        clock.at(offset);
        await a!.send(routeClass, 'acme');
      }
      const cases: [offset: number, retryAfter: number][] = [
        [4_500, 6],
        [4_001, 6],
        [4_000, 6],
        [9_999, 1],
      ];
      for (const [i, [offset, retryAfter]] of cases.entries()) {
        clock.at(offset);
        const reply = await [b!, a!][i % 2]!.send(routeClass, 'acme');
        expect(reply.status, `with 3 requests in the window, ${route} at ${offset} ms answered ${reply.status}; expected 429.\n${idea}`).toBe(429);
        expect(
          { retryAfter: headerNumber(reply, 'Retry-After'), ...budgetOf(reply) },
          `Limit 3 per ${windowMs} ms, requests at 0, 1 000 and 2 000 ms. The refusal of ${route} at ${offset} ms ` +
            `answered ${show(reply)}; expected Retry-After ${retryAfter}, limit 3, remaining 0, reset ${retryAfter}.\n${idea}`,
        ).toEqual({ retryAfter, limit: 3, remaining: 0, reset: retryAfter });
      }
      // Taken at its word: one second early is still refused, on time is let through.
      clock.at(4_500);
      const refusal = await a!.send(routeClass, 'acme');
      const wait = headerNumber(refusal, 'Retry-After') * 1000;
      clock.at(4_500 + wait - 1_000);
      const early = await b!.send(routeClass, 'acme');
      clock.at(4_500 + wait);
      const onTime = await a!.send(routeClass, 'acme');
      expect(
        [early.status, onTime.status],
        `${route} refused at 4 500 ms with ${show(refusal)}: a second early the client got ${early.status}, on ` +
          `time ${onTime.status}; expected 429, then ${ROUTES[routeClass].ok}.\n${idea}`,
      ).toEqual([429, ROUTES[routeClass].ok]);
    }
  });
});
