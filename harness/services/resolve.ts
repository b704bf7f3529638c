import { postgresSearch, withPoolLimit } from './find-postgres.js';
import { redisSearch } from './find-redis.js';
import { combined, probeService, type Probe } from './find-service.js';
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

/**
 * Finds or starts Redis and Postgres once, for a whole run. Both are probed first (the
 * URLs and local ports: quick), so every dead or malformed address is reported at once;
 * only then does anything slow start, Redis before Postgres, so a missing redis-server is
 * reported without first waiting seconds for the embedded Postgres to boot.
 */
export async function resolveServices(env: NodeJS.ProcessEnv = process.env): Promise<CourseServices> {
  const probes = await Promise.allSettled([probeService(redisSearch(env), env.REDIS_URL, env), probeService(postgresSearch(env), env.DATABASE_URL, env)]);
  const failures = probes.flatMap((probe) => (probe.status === 'rejected' ? [probe.reason as unknown] : []));
  if (failures.length > 0) throw combined(failures);
  const [redisProbe, postgresProbe] = probes.map((probe) => (probe as PromiseFulfilledResult<Probe>).value) as [Probe, Probe];
  const redis = 'found' in redisProbe ? redisProbe.found : await redisProbe.start();
  let postgres: FoundService;
  try {
    postgres = withPoolLimit('found' in postgresProbe ? postgresProbe.found : await postgresProbe.start(), env);
  } catch (error) {
    await redis.stop();
    throw error;
  }
  const childEnv: Record<string, string> = {
    REDIS_URL: redis.url,
    DATABASE_URL: postgres.url,
  };
  if (postgres.poolMax) childEnv.COURSE_PG_POOL_MAX = String(postgres.poolMax);
  return {
    redis,
    postgres,
    env: childEnv,
    summary: `Using ${redis.source} and ${postgres.source}.`,
    stop: async () => {
      await Promise.all([redis.stop(), postgres.stop()]);
    },
  };
}
