/**
 * Mistake: every message on the channel is announced as an invalidation, even one naming no keys
 * Replaces: invalidation-bus.ts
 * Caught by: 07.11
 *
 * The decoder already turns garbage into an empty list, and deleting no keys from L1
 * deletes nothing, so checking for an empty list looks like a redundant branch. But the
 * handler does more than delete: it announces 'invalidated', which the app's listeners
 * take to mean that keys left L1 (a metric, a derived cache, a log of who changed what),
 * and it moves the counter that stops reads in flight from filling L1. Anyone who
 * publishes on the channel, another version of the app included, now triggers both. A
 * message that names no keys is ignored.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus as openRealBus } from '../src/invalidation-bus.js';
import { decodeInvalidation } from '../src/invalidation-message.js';

export const openInvalidationBus = (options: InvalidationBusOptions): Promise<InvalidationBus> =>
  openRealBus(options, (channel, onKeys) => (from, text) => {
    if (from === channel) onKeys(decodeInvalidation(text)); // garbage decodes to [], which drops nothing
  });
