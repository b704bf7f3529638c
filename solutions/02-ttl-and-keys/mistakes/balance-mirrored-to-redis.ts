/**
 * Mistake: every balance read goes to Postgres, and also leaves a copy in Redis "for the dashboards"
 * Replaces: balance.ts
 * Caught by: 02.3
 *
 * The read itself is right: always the committed value. The copy looks like a harmless
 * favour to the team that shows balances in the account header. But it is a cache of
 * the balance with a TTL, one that other code will read and trust; the first time
 * checkout reads it "because it is already there", a stale balance approves a payment.
 * A class with no staleness budget gets no copy in Redis, not even a write-only one.
 */
import { selectBalance, type Balance, type CacheDeps } from '../../../labs/02-ttl-and-keys/src/contract.js';

export async function readBalance({ db, redis, keyPrefix }: CacheDeps, userId: number): Promise<Balance | null> {
  const balance = await selectBalance(db, userId);
  if (balance) {
    await redis.set(`${keyPrefix}balance:${userId}:v1`, JSON.stringify(balance), 'PX', 60_000).catch(() => {});
  }
  return balance;
}
