/**
 * Mistake: a script's source is sent once, and only its digest after that
 * Replaces: run-script.ts
 * Caught by: 12.12
 *
 * "Redis caches the script, so the SHA is enough from then on." It is, on that node. A
 * replica promoted by a failover has an empty script cache (a script reaches a replica as
 * the writes it made), so every EVALSHA there answers NOSCRIPT: price changes fail, and
 * locks are never released, until the process restarts.
 */
import { createHash } from 'node:crypto';
import type { Cluster } from 'ioredis';

const sent = new Set<string>();

export async function runScript(redis: Cluster, source: string, keys: string[], args: Array<string | number> = []): Promise<unknown> {
  if (sent.has(source)) return redis.evalsha(createHash('sha1').update(source).digest('hex'), keys.length, ...keys, ...args);
  const reply = await redis.eval(source, keys.length, ...keys, ...args);
  sent.add(source);
  return reply;
}
