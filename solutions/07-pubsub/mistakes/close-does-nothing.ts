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
import { decodeInvalidation, encodeInvalidation } from '../src/invalidation-message.js';
import { watchReconnects } from '../src/reconnect-watch.js';

export async function openInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  const { redis, subscriber, channel, onKeys, onResubscribed } = options;
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    const keys = decodeInvalidation(text);
    if (keys.length > 0) onKeys(keys);
  });
  await subscriber.subscribe(channel);
  watchReconnects(subscriber, channel, onResubscribed);
  return {
    async publish(keys) {
      await redis.publish(channel, encodeInvalidation(keys));
    },
    async close() {
      // nothing to do: the caller closes the connections
    },
  };
}
