/**
 * Mistake: close() unsubscribes the connection from everything and strips all its listeners
 * Replaces: invalidation-bus.ts
 * Caught by: 07.17
 *
 * UNSUBSCRIBE with no channel and removeAllListeners('message') look like the thorough
 * way to "stop listening": nothing can be forgotten, and the instance is indeed silent
 * afterwards. But the subscriber connection belongs to the caller, and the app may carry
 * its own channels on it. Those subscriptions and their listeners go too, and the app
 * stops hearing its own messages without any error. Undo exactly what open() set up: your
 * channel, your listener, your reconnect watch.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { decodeInvalidation, encodeInvalidation } from '../src/invalidation-message.js';
import { watchReconnects } from '../src/reconnect-watch.js';

export async function openInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  const { redis, subscriber, channel } = options;
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    const keys = decodeInvalidation(text);
    if (keys.length > 0) options.onKeys(keys);
  });
  await subscriber.subscribe(channel);
  const stopWatching = watchReconnects(subscriber, channel, options.onResubscribed);
  return {
    publish: async (keys) => {
      await redis.publish(channel, encodeInvalidation(keys));
    },
    close: async () => {
      stopWatching();
      subscriber.removeAllListeners('message');
      await subscriber.unsubscribe(); // every channel: nothing left behind
    },
  };
}
