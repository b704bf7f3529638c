/**
 * Mistake: close() unsubscribes, but the reconnect watch keeps running
 * Replaces: invalidation-bus.ts
 * Caught by: 07.17
 *
 * UNSUBSCRIBE and removing the message listener look like all there is to undo, and
 * straight after close() the instance is indeed silent. The 'ready' listener is still on
 * the connection, though. The next network blip brings the subscriber back, the watch
 * subscribes again (it was written to restore the subscription, after all), flushes an L1
 * nobody uses and announces 'resubscribed': a closed instance has come back to life. Undo
 * everything open() set up.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { keysListener } from '../src/invalidation-bus.js';
import { encodeInvalidation } from '../src/invalidation-message.js';
import { watchReconnects } from '../src/reconnect-watch.js';

export async function openInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  const { redis, subscriber, channel } = options;
  const onMessage = keysListener(channel, options.onKeys);
  subscriber.on('message', onMessage);
  await subscriber.subscribe(channel);
  watchReconnects(subscriber, channel, options.onResubscribed); // runs for the life of the connection
  return {
    publish: (keys) => redis.publish(channel, encodeInvalidation(keys)).then(() => {}),
    close: async () => {
      subscriber.off('message', onMessage);
      await subscriber.unsubscribe(channel);
    },
  };
}
