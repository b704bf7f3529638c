// Key design for Redis Cluster: hash tags where keys must be used together, and
// per-slot batching where they need not be.
import type { Cluster, Redis } from 'ioredis';
import { keySlot } from './key-slot.js';

// #region tagged-keys
// Everything one script or transaction touches shares the tag, so it shares a slot.
export const cartKeys = (userId: string) => ({
  items: `cart:{user:${userId}}:items`, // hash: sku -> quantity
  meta: `cart:{user:${userId}}:meta`, // hash: currency, updatedAt
});

// A cached value and the lock that guards its rebuild: a script that writes the value
// and releases the lock in one step needs both in one slot.
export const productKeys = (id: number) => ({
  value: `cache:{product:${id}}:v2`,
  lock: `cache:{product:${id}}:lock`,
});
// #endregion tagged-keys

// #region mget-by-slot
/**
 * MGET for keys that may live in different slots: one MGET per slot, sent in parallel,
 * results put back in the caller's order. A plain MGET across slots fails with CROSSSLOT.
 */
export async function mgetAcrossSlots(
  client: Redis | Cluster,
  keys: string[],
): Promise<(string | null)[]> {
  const bySlot = new Map<number, number[]>();
  keys.forEach((key, index) => {
    const slot = keySlot(key);
    bySlot.set(slot, [...(bySlot.get(slot) ?? []), index]);
  });
  const result = new Array<string | null>(keys.length).fill(null);
  await Promise.all(
    [...bySlot.values()].map(async (indexes) => {
      const values = await client.mget(...indexes.map((i) => keys[i]!));
      indexes.forEach((keyIndex, j) => (result[keyIndex] = values[j] ?? null));
    }),
  );
  return result;
}
// #endregion mget-by-slot
