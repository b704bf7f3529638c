/**
 * Mistake: balances are cached "only for five seconds"
 * Replaces: balance.ts
 * Caught by: 02.3
 *
 * Five seconds sounds harmless, and a burst of checkout requests then costs one query.
 * But a balance has no staleness budget at all: within those five seconds a second
 * payment is approved against money the first one already spent. No TTL is short
 * enough; the read must reach Postgres.
 */
import type { Balance, CacheDeps } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { selectBalance } from '../../../labs/02-ttl-and-keys/src/contract.js';

export async function readBalance(deps: CacheDeps, userId: number): Promise<Balance | null> {
  const key = `${deps.keyPrefix}balance:${userId}:v1`;
  const hit = await deps.redis.get(key);
  if (hit) return JSON.parse(hit) as Balance;
  const balance = await selectBalance(deps.db, userId);
  if (balance) await deps.redis.set(key, JSON.stringify(balance), 'EX', 5);
  return balance;
}
