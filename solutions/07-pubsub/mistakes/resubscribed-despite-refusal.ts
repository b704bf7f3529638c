/**
 * Mistake: 'resubscribed' is emitted once the SUBSCRIBE settles, answered or refused
 * Replaces: reconnect-watch.ts
 * Caught by: 07.9
 *
 * A failed SUBSCRIBE is logged and swallowed so it cannot crash the process, and flushing
 * L1 is the safe move either way, so announcing the reconnect whatever the outcome looks
 * harmless. But 'resubscribed' tells listeners the instance is subscribed again: after a
 * refused SUBSCRIBE it hears no invalidation at all, and the warm-up a listener runs on
 * the event refills L1 with profiles that nothing will ever invalidate. Only an answered
 * SUBSCRIBE is a resubscribe; a failed one waits for the next 'ready'.
 */
import type { Redis } from 'ioredis';

export function watchReconnects(subscriber: Redis, channel: string, onResubscribed: () => void): () => void {
  const onReady = () => {
    subscriber
      .subscribe(channel)
      .catch((error: unknown) => console.warn(`[l1] could not resubscribe to ${channel}: ${String(error)}`))
      .then(onResubscribed); // flushed either way, so we are safe
  };
  subscriber.on('ready', onReady);
  return () => subscriber.off('ready', onReady);
}
