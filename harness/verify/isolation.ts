import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { runOfKey, runOfSchema } from '../services/live-run.js';
import type { CheckResult } from './check.js';

/**
 * Proves the run leaves other people's data alone: a key outside the course's prefixes,
 * planted before the run, must still be there after it; and the runs verify starts must
 * not leave their own keys (course:*) or schemas (course_*) behind. Every run notes its id
 * in `env.COURSE_RUN_IDS_DIR` (live-run.ts), so other people's runs on a shared server,
 * alive or not, are never mistaken for verify's.
 */
export async function plantSentinel(redisUrl: string, databaseUrl: string) {
  const runIds = mkdtempSync(join(tmpdir(), 'course-runs-'));
  const redis = new Redis(redisUrl);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const sentinel = `verify-sentinel:${randomBytes(4).toString('hex')}`;
  await redis.set(sentinel, 'not the course’s to delete', 'EX', 3600);
  const courseKeys = async () => scanAll(redis, 'course:*');
  const courseSchemas = async () =>
    (await db.query<{ n: string }>("SELECT nspname AS n FROM pg_namespace WHERE nspname LIKE 'course\\_%'")).rows.map((r) => r.n);

  const check = async function check(): Promise<CheckResult[]> {
    try {
      const survived = (await redis.get(sentinel)) !== null;
      const ours = new Set(readdirSync(runIds));
      const leftKeys = (await courseKeys()).filter((key) => ours.has(runOfKey(key) ?? ''));
      const leftSchemas = (await courseSchemas()).filter((schema) => ours.has(runOfSchema(schema) ?? ''));
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
      rmSync(runIds, { recursive: true, force: true });
    }
  };
  /** What verify's child processes need in their environment for their runs to be recognised. */
  return { check, env: { COURSE_RUN_IDS_DIR: runIds } };
}

async function scanAll(redis: Redis, match: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of redis.scanStream({ match, count: 1000 })) keys.push(...(batch as string[]));
  return keys;
}
