import { findPostgres } from './find-postgres.js';
import { findRedis } from './find-redis.js';
import type { FoundService } from './found-service.js';

export interface CourseServices {
  redis: FoundService;
  postgres: FoundService;
  /** The environment a child process (vitest, a bench) needs to reuse these servers. */
  env: Record<string, string>;
  /** One line saying which servers are in use. */
  summary: string;
  stop(): Promise<void>;
}

/** Finds or starts Redis and Postgres once, for a whole run. */
export async function resolveServices(env: NodeJS.ProcessEnv = process.env): Promise<CourseServices> {
  const [redis, postgres] = await Promise.allSettled([findRedis(env), findPostgres(env)]);
  if (redis.status === 'rejected' || postgres.status === 'rejected') {
    // Stop whichever one did start before reporting the one that did not.
    if (redis.status === 'fulfilled') await redis.value.stop();
    if (postgres.status === 'fulfilled') await postgres.value.stop();
    throw redis.status === 'rejected' ? redis.reason : (postgres as PromiseRejectedResult).reason;
  }
  const childEnv: Record<string, string> = {
    REDIS_URL: redis.value.url,
    DATABASE_URL: postgres.value.url,
  };
  if (postgres.value.poolMax) childEnv.COURSE_PG_POOL_MAX = String(postgres.value.poolMax);
  return {
    redis: redis.value,
    postgres: postgres.value,
    env: childEnv,
    summary: `Using ${redis.value.source} and ${postgres.value.source}.`,
    stop: async () => {
      await Promise.all([redis.value.stop(), postgres.value.stop()]);
    },
  };
}
