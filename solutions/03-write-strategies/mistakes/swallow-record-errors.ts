/**
 * Mistake: recordView logs a Redis error and resolves anyway
 * Replaces: record-view.ts
 * Caught by: 03.24
 *
 * A view counter is "just analytics", so a failed count should not break the page: catch,
 * log, move on. But recordView's promise is a promise that the view is safe: the caller
 * resolves it and forgets the view. When Redis refuses the HINCRBY, the view is nowhere,
 * and nothing upstream can retry it. Reject, and let the caller decide that a lost view
 * is acceptable (it may well be): that is the caller's decision, not the buffer's.
 */
import type { Redis } from 'ioredis';
import type { ViewKeys } from '../src/keys.js';

export async function recordView(redis: Redis, keys: ViewKeys, productId: number): Promise<void> {
  try {
    await redis.hincrby(keys.pending, String(productId), 1);
  } catch (error) {
    console.warn(`[views] could not count a view of product ${productId}: ${String(error)}`);
  }
}
