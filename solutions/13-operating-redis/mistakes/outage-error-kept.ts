/**
 * Mistake: the reason for a lost connection is kept after the connection is back
 * Replaces: cache-stats.ts
 * Caught by: 13.4
 *
 * Keeping the connection's error is right while the client is disconnected: it says more
 * than "not connected". Kept after the reconnection, it hides every later error behind
 * an outage that is over, and the dashboard sends the on-call engineer to the network.
 */
import { CacheStats as Right } from '../src/cache-stats.js';

export class CacheStats extends Right {
  override connected(): void {}
}
