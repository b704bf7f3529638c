/**
 * Mistake: nothing happens on reconnect, because ioredis resubscribes by itself
 * Replaces: reconnect-watch.ts
 * Caught by: 07.9
 *
 * It is true that ioredis re-sends SUBSCRIBE after a reconnect (autoResubscribe is on by
 * default), and the instance does hear the next message. So the reconnect looks handled.
 * But Redis keeps no history for a channel: what was published while the socket was down
 * went to nobody. Every L1 entry whose invalidation fell into that gap is now served
 * stale until it ages out, and no one ever learns that the instance was deaf for a while.
 */
import type { Redis } from 'ioredis';

export function watchReconnects(subscriber: Redis, channel: string, _onResubscribed: () => void): () => void {
  const log = () => console.info(`[l1] subscriber reconnected; ioredis resubscribes to ${channel} by itself`);
  subscriber.on('ready', log);
  return () => subscriber.off('ready', log);
}
