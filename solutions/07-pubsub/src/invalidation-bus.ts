import type {
  InvalidationBus,
  InvalidationBusOptions,
} from '../../../labs/07-pubsub/src/contract.js';
import { decodeInvalidation, encodeInvalidation } from './invalidation-message.js';
import { watchReconnects } from './reconnect-watch.js';

// #region open-bus
/**
 * Listens on the dedicated subscriber connection and publishes on the command one.
 * Resolves once the subscription is live, so a write made after that is heard.
 * `listen` turns the subscriber's messages into keys for `onKeys`.
 */
export async function openInvalidationBus(
  options: InvalidationBusOptions,
  listen: typeof keysListener = keysListener,
): Promise<InvalidationBus> {
  const { redis, subscriber, channel, onKeys, onResubscribed } = options;
  const onMessage = listen(channel, onKeys);
  subscriber.on('message', onMessage);
  try {
    await subscriber.subscribe(channel);
  } catch (error) {
    subscriber.off('message', onMessage); // the connection is the caller's: leave nothing on it
    throw error;
  }
  const stopWatching = watchReconnects(subscriber, channel, onResubscribed);

  return {
    async publish(keys) {
      // PUBLISH replies with how many subscribers received it. Zero is not an error: a
      // lone instance has only itself, and an instance that is down will flush its L1
      // when it comes back.
      await redis.publish(channel, encodeInvalidation(keys));
    },
    async close() {
      stopWatching();
      subscriber.off('message', onMessage);
      await subscriber.unsubscribe(channel);
    },
  };
}

/**
 * The subscriber's 'message' listener: hands on the keys a message on `channel` names,
 * and ignores a message that names none.
 */
export function keysListener(channel: string, onKeys: (keys: string[]) => void) {
  return (from: string, text: string): void => {
    if (from !== channel) return; // the connection may carry other subscriptions
    const keys = decodeInvalidation(text);
    if (keys.length > 0) onKeys(keys);
  };
}
// #endregion open-bus
