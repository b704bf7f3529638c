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
import { keysListener } from '../src/invalidation-bus.js';
import { encodeInvalidation } from '../src/invalidation-message.js';
import { watchReconnects } from '../src/reconnect-watch.js';

export async function openInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  const { redis, subscriber, channel } = options;
  subscriber.on('message', keysListener(channel, options.onKeys));
  await subscriber.subscribe(channel);
  const unwatch = watchReconnects(subscriber, channel, options.onResubscribed);
  return {
    publish: (keys) => redis.publish(channel, encodeInvalidation(keys)).then(() => {}),
    async close() {
      unwatch();
      // The listener stays: with the channel unsubscribed, nothing arrives for it any more.
      await subscriber.unsubscribe(channel);
    },
  };
}
