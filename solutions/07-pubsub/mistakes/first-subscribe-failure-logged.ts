/**
 * Mistake: a refused first SUBSCRIBE is logged, and the cache opens all the same
 * Replaces: invalidation-bus.ts
 * Caught by: 07.8
 *
 * A refused SUBSCRIBE after a reconnect is logged and left to the next 'ready', so the
 * first one is handled the same way. But a reconnect comes again; a first SUBSCRIBE that
 * an ACL refuses never will. The instance starts, fills L1, hears no write, and serves
 * every change stale until its age bound, on every request, with one line in a log to
 * show for it. Failing to start is the answer someone will notice.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { encodeInvalidation } from '../src/invalidation-message.js';
import { keysListener } from '../src/invalidation-bus.js';
import { watchReconnects } from '../src/reconnect-watch.js';

export { keysListener } from '../src/invalidation-bus.js';

export async function openInvalidationBus(options: InvalidationBusOptions, listen: typeof keysListener = keysListener): Promise<InvalidationBus> {
  const { redis, subscriber, channel, onKeys, onResubscribed } = options;
  const onMessage = listen(channel, onKeys);
  subscriber.on('message', onMessage);
  await subscriber.subscribe(channel).catch((error: unknown) => console.warn(`[l1] could not subscribe to ${channel}, will try again on reconnect: ${String(error)}`));
  const stopWatching = watchReconnects(subscriber, channel, onResubscribed);
  return {
    async publish(keys) {
      await redis.publish(channel, encodeInvalidation(keys));
    },
    async close() {
      stopWatching();
      subscriber.off('message', onMessage);
      await subscriber.unsubscribe(channel);
    },
  };
}
