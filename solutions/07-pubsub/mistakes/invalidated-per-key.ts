/**
 * Mistake: 'invalidated' is emitted once per key instead of once per message
 * Replaces: invalidation-bus.ts
 * Caught by: 07.20
 *
 * Handing the keys on one at a time looks harmless, even tidier: every listener gets one
 * key to deal with, and with one key per message nothing changes. But the event stands for
 * a message that arrived, and a message naming three keys now looks like three
 * invalidations to a listener that counts them (a metric, a log line, a test). Drop the
 * keys, then announce them together, once per message.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { keysListener, openInvalidationBus as openBus } from '../src/invalidation-bus.js';

export { keysListener };

/** Like keysListener, with each key of a message handed on by itself. */
const keyByKey = (channel: string, onKeys: (keys: string[]) => void) =>
  keysListener(channel, (keys) => keys.forEach((key) => onKeys([key])));

export const openInvalidationBus = (options: InvalidationBusOptions): Promise<InvalidationBus> => openBus(options, keyByKey);
