/**
 * Mistake: the SUBSCRIBE is sent but not awaited, so the instance starts before it listens
 * Replaces: invalidation-bus.ts
 * Caught by: 07.8
 *
 * ioredis queues commands until the connection is ready, so firing the SUBSCRIBE and
 * moving on looks harmless: it will be subscribed a moment later, and every test that
 * reads first and writes afterwards passes. In that moment the instance already serves
 * requests and fills L1, while any invalidation published before the server has run the
 * SUBSCRIBE is lost to it, and the stale entry stays until the L1 age bound. Await the
 * reply: only then is the subscription live.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { keysListener } from '../src/invalidation-bus.js';
import { encodeInvalidation } from '../src/invalidation-message.js';
import { watchReconnects } from '../src/reconnect-watch.js';

export async function openInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  const { redis, subscriber, channel } = options;
  const onMessage = keysListener(channel, options.onKeys);
  subscriber.on('message', onMessage);
  let stopWatching = () => {};
  // ioredis sends it as soon as the connection is up; the reconnect watch starts once it is answered
  subscriber.subscribe(channel).then(
    () => (stopWatching = watchReconnects(subscriber, channel, options.onResubscribed)),
    (error: unknown) => console.warn(`[l1] SUBSCRIBE ${channel} failed: ${String(error)}`),
  );
  return {
    publish: (keys) => redis.publish(channel, encodeInvalidation(keys)).then(() => {}),
    close: async () => {
      stopWatching();
      subscriber.off('message', onMessage);
      await subscriber.unsubscribe(channel);
    },
  };
}
