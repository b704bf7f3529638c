/**
 * Mistake: close() resolves without doing anything, "the connections are the caller's anyway"
 * Replaces: invalidation-bus.ts
 * Caught by: 07.17
 *
 * The caller owns the connections and will disconnect them at shutdown, so an empty
 * close() looks harmless. But close() is also what a caller uses to retire one cache and
 * keep the process running: a tenant unloaded, a test torn down, a cache rebuilt with new
 * options. The old instance stays subscribed, keeps its listener on the shared connection,
 * reacts to every message and every reconnect, and holds its L1 in memory for ever. When
 * close() resolves, the subscription must be gone and nothing may react any more.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus as openRealBus } from '../src/invalidation-bus.js';

export async function openInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  const { publish } = await openRealBus(options);
  return {
    publish,
    async close() {
      // nothing to do: the caller closes the connections
    },
  };
}
