import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { LabDatabase } from './lab-database.js';
import { LabRedis } from './lab-redis.js';

export interface Lab {
  /** Redis under this file's own key prefix. */
  redis: LabRedis;
  /** Postgres in this file's own schema. */
  db: LabDatabase;
}

/**
 * Gives one test file its own Redis prefix and Postgres schema, created before the
 * first test and removed after the last. Between tests, keys are removed and the query
 * log, latency and faults are reset, so every test starts from a cold cache.
 *
 *   const lab = useLab('01');
 *   it('...', async () => { const cache = createProductCache({ redis: lab.redis.client(), ... }) })
 */
export function useLab(labNumber: string): Lab {
  const { redisUrl, databaseUrl, pgPoolMax } = inject('services');
  const id = randomBytes(4).toString('hex');
  const lab = {} as Lab;

  beforeAll(async () => {
    lab.redis = new LabRedis(redisUrl, `course:${labNumber}:${id}:`);
    lab.db = await LabDatabase.create(databaseUrl, `course_${labNumber}_${id}`, pgPoolMax);
  });
  afterEach(async () => {
    await lab.redis.deleteAll();
    lab.db.queries.reset();
    lab.db.latencyMs = 0;
    lab.db.clearFaults();
  });
  afterAll(async () => {
    await Promise.all([lab.redis?.close(), lab.db?.close()]);
  });
  return lab;
}
