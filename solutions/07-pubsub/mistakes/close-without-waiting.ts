/**
 * Mistake: close() sends its UNSUBSCRIBE and resolves without waiting for the answer
 * Replaces: invalidation-bus.ts
 * Caught by: 07.17
 *
 * Once the message listener and the reconnect watch are off, nothing this instance does
 * depends on the UNSUBSCRIBE's reply, so waiting for it looks like shutdown latency for
 * nothing. But close() is a promise to the caller: when it resolves the subscription is
 * gone. A caller that goes on from there (checks CLIENT LIST, hands the connection to
 * other code, counts its subscriptions) finds the channel still subscribed, and an
 * UNSUBSCRIBE that fails is caught and forgotten where nobody can act on it. Await it.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus as openRealBus } from '../src/invalidation-bus.js';

export async function openInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  const { publish, close } = await openRealBus(options);
  return {
    publish,
    // The listener and the watch go at once; the UNSUBSCRIBE's answer changes nothing here.
    close: async () => void close().catch(() => {}),
  };
}
