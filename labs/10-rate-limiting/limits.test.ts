// Lab 10 checks, part 1: one budget per API key and route class, shared by every instance.
// Run: npm test labs/10-rate-limiting
// The suite speaks HTTP to instances of the app, each loaded as its own process would load
// it (no module state shared) with its own Redis connection, and reads what Redis holds.
import { describe, expect, it, vi } from 'vitest';
import { interleave } from '../../harness/lab/interleave.js';
import { CookieJar, type HttpReply } from '../../harness/lab/http.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { burst, CLASSES, Clock, describeRoute, eachClass, expectAdmitted, LESSON, ROUTES, startInstances } from './rate-limit.support.js';
import type { Policy, RouteClass } from './src/contract.js';

const lab = useLab('10');
// The course's bound per check, kept when the mutation runner starts vitest with its own.
vi.setConfig({ testTimeout: 15_000 });

const policy = (limit: number): Policy => ({ limit, windowMs: 60_000, onRedisFailure: 'open' });
const SMALL = { read: policy(7), write: policy(4), login: policy(3) };

describe('a budget per API key and route class', () => {
  it('10.1 each class lets its limit through and refuses the next; no API key, no entry', async () => {
    const clock = new Clock();
    const [app] = await startInstances(lab, 1, { policies: SMALL, now: clock.now });
    const anonymous = await eachClass((routeClass) => app!.send(routeClass, null));
    CLASSES.forEach((routeClass, i) =>
      expect(
        anonymous[i]!.status,
        `${describeRoute(routeClass)} without an ${'X-API-Key'} header answered ${anonymous[i]!.status}; expected 401. ` +
          'A limiter keyed by API key has no budget for a caller without one, on every route: refuse ' +
          'it rather than let every such caller share one made-up budget, or one by address ' +
          `(${LESSON}, "Per API key, in Express").`,
      ).toBe(401),
    );
    // The key comes in the header only: one in the query string (logged by every proxy on the way) is no key.
    const inQuery = await eachClass((routeClass) => {
      const { method, path } = ROUTES[routeClass];
      return new CookieJar().request(`${app!.url}${path}?api_key=acme&apiKey=acme&key=acme`, { method });
    });
    CLASSES.forEach((routeClass, i) =>
      expect(
        inQuery[i]!.status,
        `${describeRoute(routeClass)} with the API key in the query string (?api_key=acme) and no ${'X-API-Key'} header answered ${inQuery[i]!.status}; expected 401. ` +
          `The README's key is the header: a query string ends up in access logs, proxies and browser history, and a second way in is a second thing to secure (${LESSON}, "Per API key, in Express").`,
      ).toBe(401),
    );
    const keys = await lab.redis.keys();
    expect(keys.map((k) => k.key), 'a request without an API key, on any route, should write nothing').toEqual([]);
    // Each class spends a budget of its own, beside the others: request after request.
    const spent = await eachClass(async (routeClass) => {
      const replies = [];
      for (let i = 0; i <= SMALL[routeClass].limit; i += 1) replies.push(await app!.send(routeClass, 'acme'));
      return replies;
    });
    CLASSES.forEach((routeClass, i) => {
      const { limit } = SMALL[routeClass];
      const replies = spent[i]!;
      expectAdmitted(
        replies,
        routeClass,
        limit,
        `${limit + 1} requests in a row from one API key, with a limit of ${limit}`,
        `The first ${limit} fit the budget and the next one does not: the limit counts every ` +
          `request, this one included (${LESSON}, "Fixed window").`,
      );
      const last = replies.at(-1)!;
      expect(last.status, `request ${limit + 1} of ${describeRoute(routeClass)} should be the refused one`).toBe(429);
    });
  });

  it('10.2 N+k concurrent requests over two instances: exactly N let through, not N per instance', async () => {
    const clock = new Clock(); // frozen: every request lands in the same millisecond
    const [a, b] = await startInstances(lab, 2, { policies: SMALL, now: clock.now });
    const idea =
      'Both instances must count in one place, Redis, and decide from the result of one ' +
      'atomic step (a Lua script, or MULTI): a counter in process memory multiplies the limit ' +
      'by the number of instances, and a check followed by a separate write lets concurrent ' +
      'requests all pass the check. Requests in the same millisecond are still distinct ' +
      `requests (${LESSON}, "Fixed window: INCR and EXPIRE, atomically", "The boundary problem").`;
    for (const routeClass of CLASSES) {
      const { limit } = SMALL[routeClass];
      const replies = await burst([a!, b!], routeClass, `burst-${routeClass}`, limit + 5);
      expectAdmitted(replies, routeClass, limit, `${limit + 5} concurrent requests from one API key, half on each of two instances`, idea);
    }
    // Now the races are opened on purpose: between any two commands of instance A, one
    // request of the same caller runs to its end on instance B.
    const { limit } = SMALL.read;
    const fromB: HttpReply[] = [];
    const between = interleave(a!.redis, async () => {
      fromB.push(await b!.send('read', 'interleaved'));
    });
    const fromA: HttpReply[] = [];
    for (let i = 0; i < limit; i += 1) fromA.push(await a!.send('read', 'interleaved'));
    between.stop();
    const after = await burst([a!, b!], 'read', 'interleaved', limit);
    expectAdmitted(
      [...fromA, ...fromB, ...after],
      'read',
      limit,
      `${limit} requests on A with one request on B run between any two of A's Redis commands, ` +
        `then ${limit} more on both`,
      idea,
    );
  });

  /** A long API key, as issued by many providers: its first 24 characters are shared with another caller's in 10.3. */
  const NOISY = 'acme-corporation-prod-key-noisy-7f3a';
  it('10.3 one noisy API key limits nobody else, and spending one class leaves the others whole', async () => {
    const clock = new Clock();
    const [a, b] = await startInstances(lab, 2, { policies: SMALL, now: clock.now });
    await burst([a!, b!], 'read', NOISY, SMALL.read.limit + 10);
    const idea =
      'Each API key has its own budget per route class: one key for (class, API key), the API key ' +
      'as given, case and all, whole. A key shared by every caller, by every class, or by API keys that ' +
      'differ only in case or only after their first characters, lets one client use up the budget of the ' +
      `others (${LESSON}, "Per API key, in Express").`;
    // An API key is compared as given, whole: in another case, or sharing its first 24
    // characters with the noisy key, or all but its last of 300, it is another caller, in
    // every class.
    const LONG = `${'k'.repeat(299)}`;
    await burst([a!, b!], 'login', `${LONG}a`, SMALL.login.limit + 1);
    await burst([a!, b!], 'login', NOISY, SMALL.login.limit + 1);
    const spent = `After API key "${NOISY}" spent its read and login budgets`;
    const others: [string, RouteClass, string][] = [
      ['quiet', 'read', spent],
      [NOISY.toUpperCase(), 'read', spent],
      [`${NOISY.slice(0, 24)}-quiet`, 'read', spent],
      [NOISY, 'write', spent],
      [NOISY.toUpperCase(), 'login', spent],
      [`${LONG}b`, 'login', `After a 300-character API key ending in "a" spent its login budget`],
    ];
    for (const [apiKey, routeClass, story] of others) {
      const { limit } = SMALL[routeClass];
      const replies = await burst([a!, b!], routeClass, apiKey, limit + 2);
      const shown = apiKey.length > 40 ? 'a key that differs from it only in its last character' : `"${apiKey}"`;
      expectAdmitted(replies, routeClass, limit, `${story}, ${limit + 2} ${routeClass} requests from ${shown}`, idea);
    }
    // Several callers at once, on both instances: each gets exactly its own budget.
    const callers = ['c1', 'c2', 'c3', 'c4'];
    const all = await Promise.all(callers.map((apiKey) => burst([a!, b!], 'write', apiKey, SMALL.write.limit + 3)));
    all.forEach((replies, i) =>
      expectAdmitted(replies, 'write', SMALL.write.limit, `${callers.length} API keys at once; key "${callers[i]}"`, idea),
    );
  });
});
