/**
 * Mistake: the reconnect is handled with once('ready'), so only the first one flushes L1
 * Replaces: reconnect-watch.ts
 * Caught by: 07.9, 07.10
 *
 * once() reads naturally ("when the subscriber is back, resubscribe and flush"), and a
 * test that kills the connection one time passes. Production connections drop again and
 * again: a failover, a deploy of the proxy, a flaky link. From the second reconnect on,
 * nothing flushes L1 and nobody announces 'resubscribed', so every message lost in that
 * gap leaves stale entries behind. Every 'ready' after the first subscribe is a reconnect.
 */
import type { Redis } from 'ioredis';

export function watchReconnects(subscriber: Redis, channel: string, onResubscribed: () => void): () => void {
  const onReady = () => {
    subscriber.subscribe(channel).then(onResubscribed, () => {});
  };
  subscriber.once('ready', onReady);
  return () => subscriber.off('ready', onReady);
}
