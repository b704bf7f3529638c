/**
 * Mistake: health() reports the server figures as soon as INFO answers, ready or not
 * Replaces: server-figures.ts
 * Caught by: 13.13
 *
 * INFO answered, so the server is there: what could be wrong with showing its figures? A
 * client that is still connecting. ioredis lets INFO through before its ready check has
 * passed (the ready check is an INFO itself), but turns reads away until then. A dashboard
 * or a load balancer that trusts this report sends traffic to an instance whose reads all
 * fail for another second. Figures belong to a client that can serve reads:
 * redis.status === 'ready'.
 */
import type { Redis } from 'ioredis';
import type { ServerFigures } from '../../../labs/13-operating-redis/src/contract.js';
import { readServerFigures as readWhenReady } from '../src/server-figures.js';

/** The solution's own reading, handed a view of the client that always claims to be ready. */
export function readServerFigures(redis: Redis): Promise<ServerFigures | null> {
  const claimsReady = new Proxy(redis, {
    get(target, key) {
      if (key === 'status') return 'ready';
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return readWhenReady(claimsReady);
}
