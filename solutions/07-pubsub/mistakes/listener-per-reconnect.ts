/**
 * Mistake: every reconnect adds another message listener
 * Replaces: invalidation-bus.ts
 * Caught by: 07.10
 *
 * One function that attaches the listener and subscribes, called at start and again on
 * every 'ready', reads as the tidy way to "set it all up again" after a reconnect, and
 * the instance does hear invalidations afterwards. But the listener belongs to the client
 * object, which survives the reconnect: after n reconnects each message is handled n + 1
 * times, every 'invalidated' event fires n + 1 times, and the listeners pile up for the
 * life of the process. Attach the listener once; after a reconnect only SUBSCRIBE again.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { keysListener } from '../src/invalidation-bus.js';
import { encodeInvalidation } from '../src/invalidation-message.js';

export async function openInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  const { redis, subscriber, channel } = options;
  const onMessage = keysListener(channel, options.onKeys);
  const listen = async () => {
    subscriber.on('message', onMessage);
    await subscriber.subscribe(channel);
  };
  const onReady = () => {
    listen().then(options.onResubscribed, () => {});
  };
  await listen();
  subscriber.on('ready', onReady);
  return {
    publish: (keys) => redis.publish(channel, encodeInvalidation(keys)).then(() => {}),
    close: async () => {
      subscriber.off('ready', onReady);
      subscriber.removeListener('message', onMessage);
      await subscriber.unsubscribe(channel);
    },
  };
}
