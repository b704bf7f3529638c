/**
 * Mistake: a well-formed message that names no keys is still handled as an invalidation
 * Replaces: invalidation-bus.ts
 * Caught by: 07.11
 *
 * `{ "keys": [] }` has exactly the shape of an invalidation, a list whose every item is a
 * key name, so accepting it looks like the strict reading. But it names nothing: the
 * receiver drops nothing, yet announces 'invalidated' with an empty list to listeners
 * that take the event to mean keys left L1 (a metric, a derived cache), and moves the
 * counter that stops reads in flight from filling L1. A message that names no key is
 * ignored, like any other that is not an invalidation.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus as openRealBus } from '../src/invalidation-bus.js';

/** The key list of a well-formed message, or undefined for anything else. */
function namedKeys(text: string): string[] | undefined {
  try {
    const { keys } = JSON.parse(text) as { keys?: unknown };
    return Array.isArray(keys) && keys.every((key) => typeof key === 'string') ? keys : undefined;
  } catch {
    return undefined;
  }
}

export const openInvalidationBus = (options: InvalidationBusOptions): Promise<InvalidationBus> =>
  openRealBus(options, (channel, onKeys) => (from, text) => {
    const keys = from === channel ? namedKeys(text) : undefined;
    if (keys) onKeys(keys); // well formed, so an invalidation, however short
  });
