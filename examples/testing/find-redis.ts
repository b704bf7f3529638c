// Where a test suite gets its Redis: an explicit URL, else a throwaway container.
// The course's own, fuller version is harness/services/resolve.ts.
import { RedisContainer, type StartedRedisContainer } from '@testcontainers/redis';

// #region find-redis
export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

export async function redisForTests(): Promise<TestRedis> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => {} };
  // Needs Docker; without it this fails within milliseconds with a clear error.
  const container: StartedRedisContainer = await new RedisContainer(
    'redis:7-alpine',
  ).start();
  return {
    url: container.getConnectionUrl(),
    stop: async () => void (await container.stop()),
  };
}
// #endregion find-redis
