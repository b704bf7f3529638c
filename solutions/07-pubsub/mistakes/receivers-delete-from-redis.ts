/**
 * Mistake: every instance that hears a message deletes the keys from Redis too
 * Replaces: invalidation-bus.ts
 * Caught by: 07.11
 *
 * The writer's DEL can fail while its PUBLISH goes through (a Redis error never fails the
 * write), and DEL is idempotent, so having every receiver delete the named keys again
 * looks like cheap insurance. It is neither cheap nor safe. A write now costs one DEL per
 * instance, so Redis takes N writes for every profile change; and a receiver's DEL is
 * late by construction: by the time it lands, another instance may already have read the
 * new profile from Postgres and stored it in Redis, and the DEL throws that fresh copy
 * away, sending every instance back to Postgres. The writer cleans Redis; a receiver
 * drops the named keys from its own L1 only.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus as openRealBus } from '../src/invalidation-bus.js';

export const openInvalidationBus = (options: InvalidationBusOptions): Promise<InvalidationBus> =>
  openRealBus({
    ...options,
    onKeys(keys) {
      options.onKeys(keys);
      // In case the writer's DEL failed: whoever hears of a change makes sure Redis forgets it.
      options.redis.del(...keys).catch(() => {});
    },
  });
