import { SHAPE_VERSION, type Entity } from '../../../labs/02-ttl-and-keys/src/contract.js';

// #region key-builder
/**
 * Every key this cache writes, built here and nowhere else:
 *
 *   <keyPrefix><entity>:<id>:v<version>
 *
 *   key                            type    holds                       TTL
 *   <p>product:<id>:v1             string  Product as JSON             3600 s ± 10 %
 *   <p>inventory:<productId>:v1    string  Inventory as JSON           30 s ± 10 %
 *   <p>profile:<userId>:v2         string  Profile (v2 shape) as JSON  300 s ± 10 %
 *   <p>leaderboard:most-viewed:v1  string  LeaderboardEntry[] as JSON  600 s ± 10 %
 *   <p>session:<sessionId>:v1      string  SessionData as JSON         900 s, renewed on read
 *
 * `keyPrefix` is the environment and, for a shared server, the tenant: `prod:`,
 * `staging:acme:`. It ends in ':' so that `prod:` can never match `prod2:` in a SCAN.
 * The version is the shape of the value (SHAPE_VERSION): changing a field bumps it, and
 * new code then reads only keys that new code wrote.
 */
export function cacheKey(keyPrefix: string, entity: Entity, id: string | number): string {
  const idPart = String(id);
  // A colon inside the id would make `session:a:b:v1` ambiguous to anyone parsing keys.
  if (idPart === '' || idPart.includes(':'))
    throw new RangeError(`a key id must be non-empty and colon-free: "${idPart}"`);
  return `${keyPrefix}${entity}:${idPart}:v${SHAPE_VERSION[entity]}`;
}
// #endregion key-builder
