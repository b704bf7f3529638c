/**
 * Mistake: close() stops the reconnect watch with removeAllListeners('ready')
 * Replaces: reconnect-watch.ts
 * Caught by: 07.17
 *
 * The watch is the only 'ready' listener this code adds, so removing every 'ready'
 * listener looks like removing it, without keeping a reference around. But the connection
 * is the caller's, and the app listens for 'ready' too (a metric of reconnects, a warm-up,
 * a log line): after close() those stop running, and nothing says why. Take off the
 * listener you added, by reference.
 */
import type { Redis } from 'ioredis';
import { watchReconnects as watchOwn } from '../src/reconnect-watch.js';

export function watchReconnects(subscriber: Redis, channel: string, onResubscribed: () => void): () => void {
  watchOwn(subscriber, channel, onResubscribed);
  return () => void subscriber.removeAllListeners('ready'); // ours is the one that matters
}
