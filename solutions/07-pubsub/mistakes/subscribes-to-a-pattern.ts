/**
 * Mistake: the bus subscribes to a pattern, the channel's name followed by `*`
 * Replaces: invalidation-bus.ts
 * Caught by: 07.11
 *
 * PSUBSCRIBE `<channel>*` hears the channel itself, and would hear the shards of it a
 * later version may add (`<channel>:eu`, `<channel>:2`) without a deploy of every reader,
 * so it looks like the forward-looking choice. But a pattern takes whatever matches it,
 * and names that start with yours are the app's to give: `<channel>:audit`, a feed of who
 * changed what, carries messages that name the same keys. Every one of them now drops
 * entries from every L1 and fires 'invalidated'. Subscribe to the exact channel; a new
 * channel is something the readers should be changed to hear.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { decodeInvalidation, encodeInvalidation } from '../src/invalidation-message.js';

export async function openInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  const { redis, subscriber, channel, onKeys, onResubscribed } = options;
  const family = `${channel}*`; // the channel and any split of it added later
  const onMessage = (pattern: string, _from: string, text: string) => {
    if (pattern !== family) return; // the app's own patterns on this connection
    const keys = decodeInvalidation(text);
    if (keys.length > 0) onKeys(keys);
  };
  subscriber.on('pmessage', onMessage);
  await subscriber.psubscribe(family);
  const onReady = () => void subscriber.psubscribe(family).then(onResubscribed, () => {}); // the next 'ready' retries
  subscriber.on('ready', onReady);
  return {
    async publish(keys) {
      await redis.publish(channel, encodeInvalidation(keys));
    },
    async close() {
      subscriber.off('ready', onReady);
      subscriber.off('pmessage', onMessage);
      await subscriber.punsubscribe(family);
    },
  };
}
