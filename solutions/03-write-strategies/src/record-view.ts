import type { Redis } from 'ioredis';
import type { ViewKeys } from './keys.js';

// #region record-view
/**
 * One HINCRBY. Redis applies it atomically, so concurrent writers on any number of
 * processes never lose a count, and the view is out of this process's memory as soon
 * as the call returns: a crash now loses nothing.
 */
export async function recordView(
  redis: Redis,
  keys: ViewKeys,
  productId: number,
): Promise<void> {
  await redis.hincrby(keys.pending, String(productId), 1);
}
// #endregion record-view
