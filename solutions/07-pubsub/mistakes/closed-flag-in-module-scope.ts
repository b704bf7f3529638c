/**
 * Mistake: close() sets a `closed` flag in module scope, which every cache of the process reads
 * Replaces: invalidation-bus.ts
 * Caught by: 07.21
 *
 * A flag that makes the handlers ignore whatever still arrives after close() looks like
 * belt and braces on top of UNSUBSCRIBE and off(). With one cache per process it is. But a
 * module is loaded once per process, so the flag is one for every cache the process opens:
 * once any of them closes (a tenant unloaded, a cache rebuilt with new options), every
 * other cache, and every cache opened afterwards, ignores every invalidation and serves
 * old profiles until the age bound. State that close() changes belongs to the cache.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { keysListener, openInvalidationBus as openBus } from '../src/invalidation-bus.js';

export { keysListener };

/** Set by close(): a message or reconnect that slips in afterwards is ignored. */
let closed = false;

export async function openInvalidationBus(options: InvalidationBusOptions, listen = keysListener): Promise<InvalidationBus> {
  const bus = await openBus(
    {
      ...options,
      onKeys: (keys) => void (closed || options.onKeys(keys)),
      onResubscribed: () => void (closed || options.onResubscribed()),
    },
    listen,
  );
  return {
    publish: (keys) => bus.publish(keys),
    async close() {
      closed = true;
      await bus.close();
    },
  };
}
