/**
 * Mistake: every message on the channel is announced as an invalidation, even one naming no keys
 * Replaces: invalidation-bus.ts
 * Caught by: 07.11
 *
 * The decoder already turns garbage into an empty list, and deleting no keys from L1
 * deletes nothing, so checking for an empty list looks like a redundant branch. But the
 * handler does more than delete: it announces 'invalidated', which the app's listeners
 * take to mean that keys left L1 (a metric, a derived cache, a log of who changed what),
 * and it moves the counter that stops reads in flight from filling L1. Anyone who
 * publishes on the channel, another version of the app included, now triggers both. A
 * message that names no keys is ignored.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { decodeInvalidation, encodeInvalidation } from '../src/invalidation-message.js';
import { watchReconnects } from '../src/reconnect-watch.js';

export async function openInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  const { redis, subscriber, channel } = options;
  const onMessage = (from: string, text: string) => {
    if (from === channel) options.onKeys(decodeInvalidation(text)); // garbage decodes to [], which drops nothing
  };
  subscriber.on('message', onMessage);
  await subscriber.subscribe(channel);
  const stop = watchReconnects(subscriber, channel, options.onResubscribed);
  return {
    publish: async (keys) => {
      await redis.publish(channel, encodeInvalidation(keys));
    },
    close: async () => {
      stop();
      subscriber.off('message', onMessage);
      await subscriber.unsubscribe(channel);
    },
  };
}
