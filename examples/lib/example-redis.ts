// Shared by the runnable examples: where Redis is, a key prefix of their own, and a
// cleanup that removes only that prefix. The Redis on 127.0.0.1:6379 may hold other
// people's data, so nothing here ever flushes a database.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';

export const redisUrl = (): string => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * `examples:<name>:<random>:`, unique per run, so two runs never see each other's keys.
 */
export function examplePrefix(name: string): string {
  return `examples:${name}:${randomBytes(4).toString('hex')}:`;
}

/** Glob characters in a prefix must not act as wildcards in SCAN MATCH. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

// #region delete-by-prefix
/** Deletes every key under `prefix` with SCAN + UNLINK; returns how many went. */
export async function deleteByPrefix(redis: Redis, prefix: string): Promise<number> {
  let removed = 0;
  const stream = redis.scanStream({ match: `${escapeGlob(prefix)}*`, count: 500 });
  for await (const batch of stream) {
    const keys = batch as string[];
    if (keys.length > 0) removed += await redis.unlink(...keys);
  }
  return removed;
}
// #endregion delete-by-prefix

/** Runs one example with its own client and prefix, and always cleans up after it. */
export async function runExample(
  name: string,
  body: (redis: Redis, prefix: string) => Promise<void>,
): Promise<void> {
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 2 });
  const prefix = examplePrefix(name);
  try {
    await body(redis, prefix);
  } finally {
    await deleteByPrefix(redis, prefix);
    await redis.quit();
  }
}

/** True when the module was started directly (`npx tsx examples/...`), not imported. */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(entry).href === moduleUrl;
}
