/**
 * Mistake: INFO is read on a connection of its own, without the request path's bounds
 * Replaces: server-figures.ts
 * Caught by: 13.13
 *
 * Keeping admin commands off the request path's connection is a fair instinct; but the
 * new connection has ioredis's defaults, no command timeout and an offline queue, and a
 * health endpoint that hangs exactly when Redis is sick tells the dashboard nothing.
 */
import type { Redis } from 'ioredis';
import type { ServerFigures } from '../../../labs/13-operating-redis/src/contract.js';
import { readServerFigures as right } from '../src/server-figures.js';

export async function readServerFigures(redis: Redis): Promise<ServerFigures | null> {
  const admin = redis.duplicate({ commandTimeout: undefined, enableOfflineQueue: true, maxRetriesPerRequest: null });
  admin.on('error', () => {});
  try {
    await new Promise((resolve) => admin.once('ready', resolve));
    return await right(admin);
  } finally {
    admin.disconnect();
  }
}
