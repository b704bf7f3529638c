// Lab 10: what the two suites about a failing Redis share: the failure policies and the
// checks that each class got its policy's decision, logged. Not a suite.
import { expect } from 'vitest';
import type { HttpReply } from '../../harness/lab/http.js';
import { CLASSES, describeRoute, type Instance, LESSON, ROUTES } from './rate-limit.support.js';
import type { FailureLogEntry, Policy, RouteClass } from './src/contract.js';

export const OUTAGE = `${LESSON}, "Per API key, in Express": fail open or fail closed, deliberately`;
export const policy = (onRedisFailure: Policy['onRedisFailure']): Policy => ({ limit: 3, windowMs: 60_000, onRedisFailure });
export const DEFAULT_FAILURE = { read: 'open', write: 'open', login: 'closed' } as const;

/** What a request of each class must get when its policy decides: the route's answer, or 503. */
export const expectedStatus = (routeClass: RouteClass, failure: 'open' | 'closed') =>
  failure === 'open' ? ROUTES[routeClass].ok : 503;

/**
 * One request per class on `app`, sent together (each waits out the same bound), checked
 * against the failure policy of each.
 */
export async function expectPolicies(
  app: Instance,
  failures: Record<RouteClass, 'open' | 'closed'>,
  situation: string,
): Promise<HttpReply[]> {
  const replies = await Promise.all(CLASSES.map((routeClass) => app.send(routeClass, 'acme')));
  for (const [i, routeClass] of CLASSES.entries()) {
    const reply = replies[i]!;
    const failure = failures[routeClass];
    expect(
      reply.status,
      `${situation}, ${describeRoute(routeClass)}, whose policy fails ${failure}, answered ${reply.status}; ` +
        `expected ${expectedStatus(routeClass, failure)}. When Redis cannot answer within redisTimeoutMs, ` +
        'each class gets the decision its onRedisFailure names: open lets the request through (the API ' +
        `stays up), closed refuses it with 503 (a login endpoint stays protected), never a 500 (${OUTAGE}).`,
    ).toBe(expectedStatus(routeClass, failure));
    const remaining = reply.headers.get('RateLimit-Remaining');
    expect(
      remaining,
      `${situation}, ${describeRoute(routeClass)} answered RateLimit-Remaining: ${remaining}; expected ` +
        'no RateLimit fields: without Redis the limiter knows nothing about the budget, and a ' +
        `made-up number misleads the client (${OUTAGE}).`,
    ).toBeNull();
  }
  return replies;
}

/**
 * The log holds one entry per decision taken without Redis, naming its class and outcome
 * (in any order: the requests were sent together).
 */
export function expectLogged(logged: FailureLogEntry[], failures: Record<RouteClass, 'open' | 'closed'>, situation: string, reason?: RegExp) {
  const expected = CLASSES.map((routeClass) => ({ routeClass, outcome: `failed-${failures[routeClass]}` }));
  const byClass = (a: { routeClass: string }, b: { routeClass: string }) => a.routeClass.localeCompare(b.routeClass);
  expect(
    logged.map(({ routeClass, outcome }) => ({ routeClass, outcome })).sort(byClass),
    `${situation}, one request per class logged ${JSON.stringify(logged)}; expected exactly one entry per ` +
      `decision: ${JSON.stringify(expected)}. A decision taken without Redis must be visible: ` +
      `an outage that silently lifts every limit is found by the bill, not the dashboard (${OUTAGE}).`,
  ).toEqual([...expected].sort(byClass));
  for (const entry of logged) {
    expect(typeof entry.reason === 'string' && entry.reason.length > 0, `log entry ${JSON.stringify(entry)} gives no reason`).toBe(true);
    if (reason) expect(entry.reason, `log entry ${JSON.stringify(entry)} should carry the error's message`).toMatch(reason);
  }
}
