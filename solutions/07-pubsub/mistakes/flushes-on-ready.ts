/**
 * Mistake: L1 is flushed on 'ready', before the subscription is live again
 * Replaces: reconnect-watch.ts
 * Caught by: 07.9
 *
 * ioredis queues its own SUBSCRIBE before it emits 'ready', so flushing in the 'ready'
 * handler looks exactly late enough. Queued is not done: the SUBSCRIBE still has to reach
 * Redis and be answered, and meanwhile requests refill L1 from Redis while nothing is
 * listening. A write in that window publishes to nobody, and the refilled entry is served
 * until it ages out. Send SUBSCRIBE yourself and flush when its reply arrives.
 */
import type { Redis } from 'ioredis';

export function watchReconnects(subscriber: Redis, _channel: string, onResubscribed: () => void): () => void {
  const onReady = () => onResubscribed(); // autoResubscribe has already sent SUBSCRIBE
  subscriber.on('ready', onReady);
  return () => subscriber.off('ready', onReady);
}
