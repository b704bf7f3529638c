import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { isAlive } from './redis-process.js';

/**
 * Marks the Redis keys and Postgres schemas a run creates as belonging to a live run, so a
 * later run can tell a dead run's leftovers (Ctrl-C, a kill, a closed terminal) from a
 * live one's, and remove only those. Every name a run creates carries its id:
 *   keys     course:<area>:<run>.<file>:...     e.g. course:04:a1b2c3d4.e5f6a7b8:page:cups
 *   schemas  course_<area>_<run>_<file>         e.g. course_04_a1b2c3d4_e5f6a7b8
 * and while the run lives, `course:run:<run>` exists in Redis, refreshed every few seconds
 * and naming the run's host and process: a run that dies stops refreshing it, and it
 * expires. Its TTL is generous, since a run starved of CPU (a machine at a load of 40) can
 * miss heartbeats and must not lose its schema to another run's sweep; a dead run on this
 * machine is known sooner, by its process being gone.
 */
const HEARTBEAT_MS = 5_000;
const ALIVE_FOR_MS = 180_000;
const RUN_KEY = (id: string) => `course:run:${id}`;

export class LiveRun {
  private constructor(
    readonly id: string,
    private readonly redis: Redis,
    private readonly databaseUrl: string,
    private readonly timer: NodeJS.Timeout,
  ) {}

  /** Starts a run; when COURSE_RUN_IDS_DIR is set (by verify), its id is noted there too. */
  static async start(redisUrl: string, databaseUrl: string): Promise<LiveRun> {
    const id = randomBytes(4).toString('hex');
    if (process.env.COURSE_RUN_IDS_DIR) writeFileSync(join(process.env.COURSE_RUN_IDS_DIR, id), '');
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    redis.on('error', () => {}); // a heartbeat that fails is retried by the next one
    const beat = () => redis.set(RUN_KEY(id), `${hostname()}:${process.pid}`, 'PX', ALIVE_FOR_MS);
    await beat();
    const timer = setInterval(() => void beat().catch(() => {}), HEARTBEAT_MS);
    timer.unref();
    return new LiveRun(id, redis, databaseUrl, timer);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    // Every file removes its own keys when it ends, but work the code under test left running
    // (a waiter, a late release) can write after that. Names with this run's id are this
    // run's alone, so what is left of them goes now.
    await unlinkScanned(this.redis, runKeys(this.id)).catch(() => {});
    // And its schemas: the ones files left seeded for the next file (lab-database.ts).
    await dropSchemas(this.databaseUrl, (run) => run === this.id).catch(() => {});
    await this.redis.del(RUN_KEY(this.id)).catch(() => {});
    this.redis.disconnect();
  }
}

/** A SCAN pattern for every key of run `runId`'s files, in the format runScope() gives them. */
const runKeys = (runId: string) => `course:*:${runId}.*`;

/** SCANs for `match` and UNLINKs, batch by batch, the keys `remove` accepts; returns how many went. */
async function unlinkScanned(redis: Redis, match: string, remove: (key: string) => Promise<boolean> = async () => true): Promise<number> {
  let removed = 0;
  for await (const batch of redis.scanStream({ match, count: 1000 })) {
    const chosen: string[] = [];
    for (const key of batch as string[]) if (await remove(key)) chosen.push(key);
    if (chosen.length > 0) removed += await redis.unlink(...chosen);
  }
  return removed;
}

/** Names for one test file's (or tool's) keys and schema, tied to run `runId`. */
export function runScope(runId: string, area: string): { prefix: string; schema: string } {
  const file = randomBytes(4).toString('hex');
  return { prefix: `course:${area}:${runId}.${file}:`, schema: `course_${area.replace(/\W/g, '_')}_${runId}_${file}` };
}

const KEY_RUN = /^course:[^:]+:([0-9a-f]{8})\.[0-9a-f]{8}:|^course:run:([0-9a-f]{8})$/;
const SCHEMA_RUN = /^course_.+_([0-9a-f]{8})_[0-9a-f]{8}$/;

/** The run a course key or schema belongs to, if it is one of the course's names. */
export const runOfKey = (key: string): string | undefined => {
  const match = KEY_RUN.exec(key);
  return match?.[1] ?? match?.[2];
};
export const runOfSchema = (schema: string): string | undefined => SCHEMA_RUN.exec(schema)?.[1];

/**
 * Removes what dead runs left behind: keys and schemas named for a run whose liveness key
 * is gone. Only names in the course's own format are considered; anything else on the
 * server is never looked at twice. Returns how many keys and schemas it removed.
 */
export async function sweepDeadRuns(redisUrl: string, databaseUrl: string): Promise<{ keys: number; schemas: number }> {
  const redis = new Redis(redisUrl);
  const alive = new Map<string, boolean>();
  const isDead = async (run: string) => {
    if (!alive.has(run)) alive.set(run, isLive(await redis.get(RUN_KEY(run))));
    return !alive.get(run);
  };
  try {
    // A dead run's own liveness key goes too: its process is gone, so nothing beats it any more.
    const keys = await unlinkScanned(redis, 'course:*', async (key) => {
      const run = runOfKey(key);
      return run !== undefined && (await isDead(run));
    });
    return { keys, schemas: await dropSchemas(databaseUrl, isDead) };
  } finally {
    redis.disconnect();
  }
}

/** Whether a liveness key's value names a run that may still be running. */
function isLive(owner: string | null): boolean {
  if (owner === null) return false;
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return true; // another machine's: its TTL decides
  try {
    process.kill(Number(pid), 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, under another user
  }
  return isAlive(Number(pid)); // not a zombie: a process killed a moment ago may not be reaped yet
}

/** Drops the course's schemas of the runs `drop` names; returns how many went. */
async function dropSchemas(databaseUrl: string, drop: (run: string) => boolean | Promise<boolean>): Promise<number> {
  const db = new pg.Client({ connectionString: databaseUrl });
  try {
    await db.connect();
    const { rows } = await db.query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'course\\_%'");
    let dropped = 0;
    for (const { name } of rows) {
      const run = runOfSchema(name);
      if (!run || !(await drop(run))) continue;
      await db.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      dropped += 1;
    }
    return dropped;
  } finally {
    await db.end().catch(() => {});
  }
}
