import type { Redis } from 'ioredis';

// #region watch-reconnects
/**
 * Calls `onResubscribed` each time the subscriber is back after a lost connection, once
 * its subscription is live again. Start it after the first SUBSCRIBE has resolved, so
 * every `ready` it sees is a reconnect.
 *
 * ioredis re-sends SUBSCRIBE by itself (autoResubscribe), so the instance keeps hearing
 * new messages. What it cannot do is replay the ones published while the socket was
 * down: pub/sub keeps no history. The caller must assume it missed some and act on it.
 */
export function watchReconnects(
  subscriber: Redis,
  channel: string,
  onResubscribed: () => void,
): () => void {
  const onReady = () => {
    // Our own SUBSCRIBE is a no-op when autoResubscribe already ran and the fix when it
    // is off. Replies come back in order, so once this one arrives the subscription is
    // live: anything published from now on will be heard.
    subscriber.subscribe(channel).then(onResubscribed, (error: unknown) => {
      // The connection dropped again; the next `ready` tries again.
      console.warn(`[l1] could not resubscribe to ${channel}: ${String(error)}`);
    });
  };
  subscriber.on('ready', onReady);
  return () => subscriber.off('ready', onReady);
}
// #endregion watch-reconnects
