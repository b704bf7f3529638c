/**
 * Mistake: L1 hands every caller the very object it keeps, unfrozen
 * Replaces: two-tier-cache.ts
 * Caught by: 07.2
 *
 * A Map returns references, which is what makes an L1 hit cost nanoseconds, and nobody
 * means to edit a cached profile. But request code does: it sets a display field, trims
 * the bio for a preview, deletes a property before sending JSON. Each such edit now
 * changes the profile for every later request on that instance, until the entry ages
 * out, and no other instance agrees. Freeze what L1 keeps (or hand out copies).
 */
import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { InvalidationBus, ProfileCacheEvents } from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus } from '../src/invalidation-bus.js';
import type { L1Cache } from '../src/l1-cache.js';

export interface TwoTierOptions<V> {
  redis: Redis;
  subscriber: Redis;
  channel: string;
  l1: L1Cache<V>;
  ttlSeconds: number;
}

export class TwoTierCache<V> extends EventEmitter<ProfileCacheEvents> {
  private epoch = 0;
  private bus: InvalidationBus | undefined;

  private constructor(private readonly options: TwoTierOptions<V>) {
    super();
  }

  static async open<V>(options: TwoTierOptions<V>): Promise<TwoTierCache<V>> {
    const cache = new TwoTierCache(options);
    cache.bus = await openInvalidationBus({
      redis: options.redis,
      subscriber: options.subscriber,
      channel: options.channel,
      onKeys: (keys) => {
        cache.epoch += 1;
        for (const key of keys) options.l1.delete(key);
        cache.emit('invalidated', keys);
      },
      onResubscribed: () => {
        cache.epoch += 1;
        options.l1.clear();
        cache.emit('resubscribed');
      },
    });
    return cache;
  }

  async get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const { l1, redis, ttlSeconds } = this.options;
    const local = l1.get(key);
    if (local !== undefined) return local;
    const epoch = this.epoch;
    const text = await redis.get(key).catch(() => null);
    const value = typeof text === 'string' ? (JSON.parse(text) as V) : await load();
    if (value === null) return null;
    if (typeof text !== 'string') await redis.set(key, JSON.stringify(value), 'EX', ttlSeconds).catch(() => {});
    if (epoch === this.epoch) l1.set(key, value); // the caller gets the same object L1 keeps
    return value;
  }

  async invalidate(keys: string[]): Promise<void> {
    await this.options.redis.del(...keys).catch(() => {});
    this.epoch += 1;
    for (const key of keys) this.options.l1.delete(key);
    this.emit('invalidated', keys);
    await this.bus?.publish(keys).catch(() => {});
  }

  async close(): Promise<void> {
    await this.bus?.close();
  }
}
