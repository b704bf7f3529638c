// One Redis client per process: created on first use, shared by every request handler,
// closed once at shutdown.
import { Redis } from 'ioredis';

// #region shared-client
let shared: Redis | undefined;

export function createAppRedis(url: string): Redis {
  const client = new Redis(url, {
    connectTimeout: 2_000,
    // A stalled server (a long fork, a stuck script) rejects a command after 200 ms, so
    // the caller falls back to the database instead of hanging with it.
    commandTimeout: 200,
    // Never resend a command cut off by a disconnect, and never queue commands while
    // disconnected: both would fire stale work at Redis the moment it comes back. A
    // command sent while the client is not ready fails at once; a cache treats that
    // as a miss.
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    // ioredis counts attempts from 1 and restarts the count once the connection is ready,
    // so the first wait is the 50 ms base, doubling up to 2 s. The jitter is taken off
    // (down to half the delay), never added, so the cap stays a cap.
    retryStrategy: (attempt) => {
      const delay = Math.min(50 * 2 ** (attempt - 1), 2_000);
      return delay - Math.floor((Math.random() * delay) / 2);
    },
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
