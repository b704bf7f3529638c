// The contract the suite tests, shared with the reference solution: types, the route
// classes with their default policies, and the header the API key arrives in. Keep it as
// it is; the work is in the other files of src/.
import type { Redis } from 'ioredis';

/** Routes share a budget by class: cheap reads, writes, and login attempts. */
export type RouteClass = 'read' | 'write' | 'login';

/** When the limiter cannot ask Redis: let the request through, or refuse it. */
export type OnRedisFailure = 'open' | 'closed';

export interface Policy {
  /** Requests admitted per API key in any span of `windowMs`. */
  limit: number;
  windowMs: number;
  onRedisFailure: OnRedisFailure;
}

/** Reads and writes stay up when Redis is down; login attempts are refused instead. */
export const DEFAULT_POLICIES: Readonly<Record<RouteClass, Policy>> = {
  read: { limit: 120, windowMs: 60_000, onRedisFailure: 'open' },
  write: { limit: 30, windowMs: 60_000, onRedisFailure: 'open' },
  login: { limit: 5, windowMs: 300_000, onRedisFailure: 'closed' },
};

/** The longest a decision waits for Redis before the class's failure policy applies. */
export const DEFAULT_REDIS_TIMEOUT_MS = 250;

/** Callers identify themselves with this request header. */
export const API_KEY_HEADER = 'x-api-key';

/** One decision taken without Redis: what was decided, for which class, and why. */
export interface FailureLogEntry {
  routeClass: RouteClass;
  outcome: 'failed-open' | 'failed-closed';
  /** The error's message, or a line saying the wait ran out. */
  reason: string;
}

export interface LimiterOptions {
  /** This process's Redis connection. */
  redis: Redis;
  /** Every key you write starts with this, e.g. `course:10:ab12cd34:`. */
  keyPrefix: string;
  /** Replaces the default policy of the classes it names; the others keep theirs. */
  policies?: Partial<Record<RouteClass, Policy>>;
  /** The clock in ms; the suite injects one. Default: the Redis server's own (TIME). */
  now?: () => number;
  /** Default DEFAULT_REDIS_TIMEOUT_MS. */
  redisTimeoutMs?: number;
  /** Called once for every decision taken without Redis. Default: console.warn. */
  log?: (entry: FailureLogEntry) => void;
}

/** What the limiter decided for one request. */
export type Decision =
  | {
      outcome: 'allowed' | 'limited';
      limit: number;
      /** Requests this key may still make now, this one counted. */
      remaining: number;
      /** Seconds, rounded up, until the oldest request in the window stops counting. */
      resetSeconds: number;
    }
  | { outcome: 'failed-open' | 'failed-closed' };

export interface Limiter {
  /** Counts one request of `apiKey` on a `routeClass` route, if the window has room. */
  hit(apiKey: string, routeClass: RouteClass): Promise<Decision>;
}

/** The policy a class runs under, with the options' overrides applied. */
export const policyFor = (options: LimiterOptions, routeClass: RouteClass): Policy =>
  options.policies?.[routeClass] ?? DEFAULT_POLICIES[routeClass];
