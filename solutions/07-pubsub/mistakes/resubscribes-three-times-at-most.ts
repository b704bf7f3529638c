/**
 * Mistake: the reconnect watch gives up after three reconnects
 * Replaces: reconnect-watch.ts
 * Caught by: 07.10
 *
 * A retry budget looks prudent: a subscriber that keeps dropping should not flush L1
 * forever, and three reconnects cover a blip and its echoes. But each reconnect is a new
 * gap in which messages were lost, however many came before it: from the fourth one on,
 * the instance keeps whatever L1 held through the gap and never says it is back. Handle every
 * 'ready' after the first subscribe, for the life of the instance.
 */
import type { Redis } from 'ioredis';
import { watchReconnects as watchEvery } from '../src/reconnect-watch.js';

const BUDGET = 3;

export function watchReconnects(subscriber: Redis, channel: string, onResubscribed: () => void): () => void {
  let left = BUDGET;
  const stop = watchEvery(subscriber, channel, onResubscribed);
  const onReady = () => {
    if (--left === 0) stop(); // enough: this connection is not coming back for good
  };
  subscriber.on('ready', onReady);
  return () => {
    stop();
    subscriber.off('ready', onReady);
  };
}
