// One Redis client per process: created on first use, shared by every request handler,
// closed once at shutdown.
import { Redis } from 'ioredis';

// #region shared-client
let shared: Redis | undefined;

export function createAppRedis(url: string): Redis {
  const client = new Redis(url, {
    connectTimeout: 2_000,
    // A command waits through at most two reconnect attempts, then rejects, so a dead
    // Redis turns into an error the caller can handle instead of a request that hangs.
    maxRetriesPerRequest: 2,
    retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 3_000),
  });
  // Without a listener, a connection error is an unhandled 'error' event.
  client.on('error', (err) => console.warn(`[redis] ${err.message}`));
  return client;
}

/**
 * The process-wide client. Every module asks here;
 * nobody calls `new Redis()` per request.
 */
export function appRedis(): Redis {
  shared ??= createAppRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  return shared;
}

export async function closeAppRedis(): Promise<void> {
  await shared?.quit();
  shared = undefined;
}
// #endregion shared-client

// #region per-request-client
// Wrong: a TCP (and maybe TLS) handshake per request, a socket per in-flight request,
// and a leak whenever a path forgets quit().
export async function loadProfileWrong(
  url: string,
  userId: string,
): Promise<string | null> {
  const redis = new Redis(url);
  try {
    return await redis.get(`profile:${userId}`);
  } finally {
    await redis.quit();
  }
}
// #endregion per-request-client
