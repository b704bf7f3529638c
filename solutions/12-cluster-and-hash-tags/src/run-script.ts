import { createHash } from 'node:crypto';
import type { Cluster } from 'ioredis';

const digests = new Map<string, string>();

/**
 * Runs a Lua script by its SHA1, and sends its source only when the node asked answers
 * NOSCRIPT: every primary has a script cache of its own, and a replica just promoted, or a
 * node that just received a slot, may never have seen it. Every key the script touches is
 * in `keys`: the cluster client routes a script by them, and Redis refuses a script whose
 * declared keys lie in different slots.
 */
export async function runScript(redis: Cluster, source: string, keys: string[], args: Array<string | number> = []): Promise<unknown> {
  let sha = digests.get(source);
  if (sha === undefined) digests.set(source, (sha = createHash('sha1').update(source).digest('hex')));
  return redis.evalsha(sha, keys.length, ...keys, ...args).catch((error: unknown) => {
    if (!String(error).includes('NOSCRIPT')) throw error;
    return redis.eval(source, keys.length, ...keys, ...args);
  });
}
