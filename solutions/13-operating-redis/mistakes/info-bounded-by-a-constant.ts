/**
 * Mistake: INFO gets a bound of its own, 900 ms, whatever commandTimeoutMs says
 * Replaces: server-figures.ts
 * Caught by: 13.13
 *
 * INFO on a big server takes longer than a GET, and a health endpoint is polled, not on
 * the request path, so a roomier fixed bound looks considerate. But the dashboard's own
 * request now waits 900 ms on a sick Redis, and a reply the configured bound calls too
 * late is reported as the server's state.
 */
import type { Redis } from 'ioredis';
import type { ServerFigures } from '../../../labs/13-operating-redis/src/contract.js';
import { readServerFigures as right } from '../src/server-figures.js';

export async function readServerFigures(redis: Redis): Promise<ServerFigures | null> {
  const roomier = redis.duplicate({ commandTimeout: 900, lazyConnect: true }).on('error', () => {});
  await roomier.connect(); // resolves once the connection is ready
  return right(roomier).finally(() => roomier.disconnect());
}
