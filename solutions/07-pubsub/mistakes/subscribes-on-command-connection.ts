/**
 * Mistake: the instance subscribes on its command connection and ignores the subscriber
 * Replaces: invalidation-bus.ts
 * Caught by: 07.8
 *
 * Older guides say a subscribed connection rejects GET and SET, which was true under
 * RESP2. ioredis 6 speaks RESP3, where it is not, so one connection seems to do both and
 * saves a socket per process. What it costs: every broadcast now arrives between the
 * replies your requests wait for; Redis classes the connection as a pub/sub client, so
 * the pub/sub output-buffer limit can disconnect it, and with it every request in flight;
 * and each reconnect of the one connection that serves all traffic replays SUBSCRIBE
 * before anything else. The subscriber the caller handed in sits unused.
 */
import type { InvalidationBus, InvalidationBusOptions } from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus as openRealBus } from '../src/invalidation-bus.js';

export const openInvalidationBus = (options: InvalidationBusOptions): Promise<InvalidationBus> =>
  openRealBus({ ...options, subscriber: options.redis }); // one connection for everything: RESP3 allows it
