// Lab 10: the limiter. It is the one most tutorials show, and it breaks the ways
// lesson 10 warns about. Keep the signature; change what it does.
import {
  policyFor,
  type Decision,
  type Limiter,
  type LimiterOptions,
  type Policy,
} from './contract.js';

// TODO(10): this Map lives in one process. Behind a load balancer each instance counts
// only its share of a caller's requests: the real limit is `limit` times the instances.
const windows = new Map<string, { startedAt: number; count: number }>();

export function createLimiter(options: LimiterOptions): Limiter {
  const now = options.now ?? Date.now;

  type Counted = { count: number; resetMs: number };

  function countInMemory(key: string, policy: Policy): Counted {
    const at = now();
    let window = windows.get(key);
    // TODO(10): a fixed window. A caller may spend its whole budget in the last moment of
    // one window and again in the first moment of the next: twice the limit in a blink.
    if (!window || at - window.startedAt >= policy.windowMs) {
      window = { startedAt: at, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetMs: window.startedAt + policy.windowMs - at };
  }

  async function countInRedis(key: string, policy: Policy): Promise<Counted> {
    const count = await options.redis.incr(key);
    // TODO(10): two commands. A process that stops between them leaves a counter with no
    // TTL, and once it passes the limit that caller is refused for good.
    if (count === 1) await options.redis.pexpire(key, policy.windowMs);
    return { count, resetMs: await options.redis.pttl(key) };
  }

  return {
    async hit(apiKey, routeClass): Promise<Decision> {
      const policy = policyFor(options, routeClass);
      const key = `${options.keyPrefix}${routeClass}:${apiKey}`;
      // Logins are rare, so they were thought worth a trip to Redis; the rest stay local.
      // TODO(10): a Redis error, or a Redis that never answers, ends up as a 500 or as a
      // request that hangs.
      const { count, resetMs } =
        routeClass === 'login'
          ? await countInRedis(key, policy)
          : countInMemory(key, policy);
      return {
        outcome: count <= policy.limit ? 'allowed' : 'limited',
        limit: policy.limit,
        remaining: Math.max(0, policy.limit - count),
        resetSeconds: Math.ceil(resetMs / 1000),
      };
    },
  };
}
