// Lab 02: account balances, which checkout reads before it takes a payment.
import { selectBalance, type Balance, type CacheDeps } from './contract.js';
import { readThrough } from './read-through.js';

export function readBalance({ redis, db, keyPrefix, redisTimeoutMs }: CacheDeps, userId: number): Promise<Balance | null> {
  // TODO(02): cached like everything else, for an hour. A balance is money: after a
  // payment, how stale may the number be that the next checkout trusts?
  return readThrough(redis, {
    key: `${keyPrefix}balance:${userId}`,
    ttlMs: 60 * 60 * 1000,
    timeoutMs: redisTimeoutMs,
    load: () => selectBalance(db, userId),
  });
}
