/**
 * Mistake: the invalidation travels on an EventEmitter shared through module scope; Redis only sees it go by
 * Replaces: invalidation-bus.ts
 * Caught by: 07.6
 *
 * The starter's emitter lived inside one instance, so instance B never heard instance A.
 * Moving it to module scope makes every instance created in the process hear every other,
 * and in a test that builds A and B side by side in one Node process everything turns
 * green. Add a PUBLISH for other services and a SUBSCRIBE on the subscriber (so CLIENT
 * LIST looks right, and reconnects are watched) and the code even looks like pub/sub. But
 * nothing ever acts on a message from Redis: two real processes have two module scopes,
 * and a write on one never reaches the other.
 */
import { EventEmitter } from 'node:events';
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { encodeInvalidation } from '../src/invalidation-message.js';
import { watchReconnects } from '../src/reconnect-watch.js';

const everyInstance = new EventEmitter(); // one per process: every cache in it hears every write

export async function openInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  const { redis, subscriber, channel, onKeys, onResubscribed } = options;
  const deliver = (from: string, keys: string[]) => {
    if (from === channel) onKeys(keys);
  };
  everyInstance.on('keys', deliver);
  await subscriber.subscribe(channel); // so other services' changes could reach us one day
  const stopWatching = watchReconnects(subscriber, channel, onResubscribed);
  return {
    async publish(keys) {
      everyInstance.emit('keys', channel, [...keys]);
      await redis.publish(channel, encodeInvalidation(keys)); // for anyone else listening
    },
    async close() {
      stopWatching();
      everyInstance.off('keys', deliver);
      await subscriber.unsubscribe(channel);
    },
  };
}
