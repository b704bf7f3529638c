import {
  selectBalance,
  type Balance,
  type CacheDeps,
} from '../../../labs/02-ttl-and-keys/src/contract.js';

// #region balance
/**
 * Balances are never cached. Checkout reads the balance to decide whether to take a
 * payment; a copy that is even a second old can approve money that is already spent.
 * The data class has no staleness budget, so no TTL is short enough. If these reads ever
 * hurt Postgres, the answer is a read replica or a faster query, not Redis.
 */
export function readBalance({ db }: CacheDeps, userId: number): Promise<Balance | null> {
  return selectBalance(db, userId);
}
// #endregion balance
