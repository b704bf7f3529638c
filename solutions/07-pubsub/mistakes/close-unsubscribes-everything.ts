/**
 * Mistake: close() unsubscribes the connection from everything and strips all its listeners
 * Replaces: invalidation-bus.ts
 * Caught by: 07.17
 *
 * UNSUBSCRIBE with no channel and removeAllListeners('message') look like the thorough
 * way to "stop listening": nothing can be forgotten, and the instance is indeed silent
 * afterwards. But the subscriber connection belongs to the caller, and the app may carry
 * its own channels on it. Those subscriptions and their listeners go too, and the app
 * stops hearing its own messages without any error. Undo exactly what open() set up: your
 * channel, your listener, your reconnect watch.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus as openRealBus } from '../src/invalidation-bus.js';

export async function openInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  const { subscriber } = options;
  const bus = await openRealBus(options);
  return {
    publish: bus.publish,
    close: async () => {
      await bus.close();
      subscriber.removeAllListeners('message');
      await subscriber.unsubscribe(); // every channel: nothing left behind
    },
  };
}
