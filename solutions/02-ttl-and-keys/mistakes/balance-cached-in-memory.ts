/**
 * Mistake: balances are kept out of Redis but cached in process memory for a few seconds
 * Replaces: balance.ts
 * Caught by: 02.3
 *
 * "Balances are never cached in Redis" is satisfied to the letter: not one command goes
 * there, and a burst of checkout requests costs one query. But the staleness is the same
 * as a Redis copy's, only harder to see: for those seconds a second payment is approved
 * against money the first one already spent, and each instance of the app believes a
 * different balance. No staleness budget means no cache at all, in any tier.
 */
import { selectBalance, type Balance, type CacheDeps } from '../../../labs/02-ttl-and-keys/src/contract.js';

const RECENT_MS = 2_000;
const recent = new Map<number, { balance: Balance | null; at: number }>();

export async function readBalance({ db }: CacheDeps, userId: number): Promise<Balance | null> {
  const hit = recent.get(userId);
  if (hit && Date.now() - hit.at < RECENT_MS) return hit.balance;
  const balance = await selectBalance(db, userId);
  recent.set(userId, { balance, at: Date.now() });
  return balance;
}
