/**
 * Mistake: close() mutes its listeners with a flag instead of removing them
 * Replaces: invalidation-bus.ts
 * Caught by: 07.17
 *
 * A `closed` flag checked first thing in each listener makes a closed instance ignore
 * every message and every reconnect, even when a new cache subscribes the connection to
 * the channel again, so removing the listeners looks like a formality. But the connection
 * is the app's and outlives the cache: each cache opened and closed on it leaves two more
 * functions on it for good, each holding its whole L1 in memory, run on every message and
 * every reconnect, until Node warns of a leak. Remove what you added.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { keysListener } from '../src/invalidation-bus.js';
import { encodeInvalidation } from '../src/invalidation-message.js';

export async function openInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  const { redis, subscriber, channel, onKeys, onResubscribed } = options;
  let closed = false;
  const onMessage = keysListener(channel, (keys) => closed || onKeys(keys));
  subscriber.on('message', onMessage);
  await subscriber.subscribe(channel);
  subscriber.on('ready', () => {
    if (closed) return;
    subscriber.subscribe(channel).then(
      () => closed || onResubscribed(),
      (error: unknown) => console.warn(`[l1] could not resubscribe to ${channel}: ${String(error)}`),
    );
  });
  return {
    async publish(keys) {
      await redis.publish(channel, encodeInvalidation(keys));
    },
    async close() {
      closed = true; // both listeners now ignore everything
      await subscriber.unsubscribe(channel);
    },
  };
}
