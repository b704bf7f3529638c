/**
 * Mistake: L1 is flushed when the subscriber disconnects, instead of once it is back
 * Replaces: reconnect-watch.ts
 * Caught by: 07.9
 *
 * Flushing at the moment trouble starts feels prompt and safe. But the instance keeps
 * serving requests while the subscriber is away, and each miss puts a value back into L1
 * during exactly the window in which invalidations are being lost. When the connection
 * returns, those entries are served as if they had been watched all along. The flush has
 * to come after the subscription is live again, when nothing more can slip past.
 */
import type { Redis } from 'ioredis';

export function watchReconnects(subscriber: Redis, _channel: string, onResubscribed: () => void): () => void {
  const onDisconnect = () => onResubscribed(); // we may miss messages from now on: forget everything
  subscriber.on('close', onDisconnect);
  return () => subscriber.off('close', onDisconnect);
}
