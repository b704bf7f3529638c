/**
 * Mistake: the message handler never looks at which channel a message came from
 * Replaces: invalidation-bus.ts
 * Caught by: 07.11
 *
 * The bus subscribes to one channel, so every 'message' must be an invalidation: checking
 * the channel looks like dead code. But the 'message' event belongs to the connection,
 * not to the bus, and the subscriber connection is the app's: other code subscribes it to
 * other channels (feature flags, a chat feed, another cache with its own prefix). Each of
 * their messages is now read as an invalidation, and any that happens to name keys drops
 * entries from this L1. Handle only your own channel.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus as openRealBus } from '../src/invalidation-bus.js';
import { decodeInvalidation } from '../src/invalidation-message.js';

export const openInvalidationBus = (options: InvalidationBusOptions): Promise<InvalidationBus> =>
  openRealBus(options, (_channel, onKeys) => (_from, text) => {
    const keys = decodeInvalidation(text); // we only subscribed to one channel
    if (keys.length > 0) onKeys(keys);
  });
