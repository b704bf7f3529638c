/**
 * Mistake: a message counts as an invalidation when its channel's name ends like one
 * Replaces: invalidation-bus.ts
 * Caught by: 07.11
 *
 * Comparing the channel to the full name looks too strict when every invalidation channel
 * ends in "invalidations": a suffix test reads like the same check, minus the prefix. But
 * the subscriber connection is the app's, and another cache of the app (another tenant,
 * another prefix) may subscribe it to its own channel, whose name ends the same way. Its
 * messages now drop entries from this L1 and announce 'invalidated' here. Only
 * invalidationChannel(keyPrefix) itself carries this cache's invalidations.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus as openRealBus } from '../src/invalidation-bus.js';
import { decodeInvalidation } from '../src/invalidation-message.js';

export const openInvalidationBus = (options: InvalidationBusOptions): Promise<InvalidationBus> =>
  openRealBus(options, (_channel, onKeys) => (from, text) => {
    if (!from.endsWith('invalidations')) return; // ours, whatever the prefix
    const keys = decodeInvalidation(text);
    if (keys.length > 0) onKeys(keys);
  });
