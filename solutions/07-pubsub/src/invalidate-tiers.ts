import type { Redis } from 'ioredis';

/** What a write touches besides the database: the shared copy, this process's copy, the others. */
export interface Tiers {
  redis: Redis;
  dropLocal(keys: string[]): void;
  publish(keys: string[]): Promise<unknown>;
}

export const warn = (what: string) => (error: unknown) =>
  console.warn(`[l2] ${what}: ${String(error)}`);

// #region invalidate
/** A write's part in the cache. Call after the database commit. */
export async function invalidateTiers(
  { redis, dropLocal, publish }: Tiers,
  keys: string[],
): Promise<void> {
  // L2 first: an instance that hears the message and re-reads must not find the old value.
  // If Redis is unreachable the write still stands: the L2 TTL and the L1 age bound how
  // long anyone can see the old value.
  await redis.del(...keys).catch(warn(`DEL ${keys.join(' ')} failed`));
  dropLocal(keys);
  await publish(keys).catch(warn('PUBLISH failed'));
}
// #endregion invalidate
