import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { CheckResult } from './check.js';

/**
 * Proves the run leaves other people's data alone: a key outside the course's prefixes,
 * planted before the run, must still be there after it; and the run must not leave its
 * own keys (course:*) or schemas (course_*) behind.
 */
export async function plantSentinel(redisUrl: string, databaseUrl: string) {
  const redis = new Redis(redisUrl);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const sentinel = `verify-sentinel:${randomBytes(4).toString('hex')}`;
  await redis.set(sentinel, 'not the course’s to delete', 'EX', 3600);
  const courseKeys = async () => new Set(await scanAll(redis, 'course:*'));
  const courseSchemas = async () =>
    new Set((await db.query<{ n: string }>("SELECT nspname AS n FROM pg_namespace WHERE nspname LIKE 'course\\_%'")).rows.map((r) => r.n));
  const keysBefore = await courseKeys();
  const schemasBefore = await courseSchemas();

  return async function check(): Promise<CheckResult[]> {
    try {
      const survived = (await redis.get(sentinel)) !== null;
      const leftKeys = [...(await courseKeys())].filter((k) => !keysBefore.has(k));
      const leftSchemas = [...(await courseSchemas())].filter((s) => !schemasBefore.has(s));
      return [
        {
          name: 'Isolation: a Redis key outside the course prefixes survives the run',
          ok: survived,
          detail: `${sentinel} was deleted during the run: something flushed or scanned too widely`,
        },
        {
          name: 'Isolation: the run leaves no course keys or schemas behind',
          ok: leftKeys.length === 0 && leftSchemas.length === 0,
          detail: `left behind: ${[...leftKeys.slice(0, 5), ...leftSchemas].join(', ')}`,
        },
      ];
    } finally {
      await redis.del(sentinel);
      redis.disconnect();
      await db.end();
    }
  };
}

async function scanAll(redis: Redis, match: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of redis.scanStream({ match, count: 1000 })) keys.push(...(batch as string[]));
  return keys;
}
