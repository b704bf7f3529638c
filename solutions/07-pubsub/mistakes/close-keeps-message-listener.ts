/**
 * Mistake: close() unsubscribes but leaves its message listener on the connection
 * Replaces: invalidation-bus.ts
 * Caught by: 07.17
 *
 * Once the channel is unsubscribed no message for it arrives, so the listener looks like
 * dead weight that will never run again, and CLIENT LIST shows the subscription gone. But
 * the subscriber connection is the app's, and the app may subscribe it to that very
 * channel again: a cache rebuilt with new options, a tenant reloaded. From then on the
 * old listener runs beside the new one, and the closed instance drops keys from an L1
 * nobody reads and announces 'invalidated' to whoever still listens to it. Every rebuild
 * adds one more. Remove the listener you added.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { decodeInvalidation, encodeInvalidation } from '../src/invalidation-message.js';
import { watchReconnects } from '../src/reconnect-watch.js';

export async function openInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  const { redis, subscriber, channel, onKeys, onResubscribed } = options;
  function handle(from: string, text: string): void {
    const keys = from === channel ? decodeInvalidation(text) : [];
    if (keys.length) onKeys(keys);
  }
  subscriber.on('message', handle);
  await subscriber.subscribe(channel);
  const unwatch = watchReconnects(subscriber, channel, onResubscribed);
  return {
    async publish(keys) {
      await redis.publish(channel, encodeInvalidation(keys));
    },
    async close() {
      unwatch();
      // `handle` stays: with the channel unsubscribed, nothing arrives for it any more.
      await subscriber.unsubscribe(channel);
    },
  };
}
