import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type {
  InvalidationBus,
  ProfileCacheEvents,
} from '../../../labs/07-pubsub/src/contract.js';
import { invalidateTiers, warn, type Tiers } from './invalidate-tiers.js';
import { openInvalidationBus } from './invalidation-bus.js';
import type { L1Cache } from './l1-cache.js';

export interface TwoTierOptions<V> {
  redis: Redis;
  subscriber: Redis;
  channel: string;
  l1: L1Cache<V>;
  /** TTL of the shared copy in Redis (L2). */
  ttlSeconds: number;
}

/**
 * L1 (this process's memory) over L2 (Redis, shared by every instance) over the
 * database. Values must survive JSON. A write deletes L2, drops the local copy and
 * announces the key; every instance that hears it drops its own copy.
 *
 * The steps a variant may change (where a read's value goes, what a write touches, how
 * a message or a reconnect empties L1) are protected methods, and open() builds a
 * subclass as itself.
 */
export class TwoTierCache<V> extends EventEmitter<ProfileCacheEvents> {
  /**
   * Bumped whenever L1 loses entries to an invalidation or a flush. A read remembers it
   * before going to Redis and fills L1 only if it is unchanged: otherwise the value it
   * fetched may be the very one the message just invalidated.
   */
  protected epoch = 0;
  /** Set by open() before it hands out the instance, so every method can rely on it. */
  private bus!: InvalidationBus;

  protected constructor(protected readonly options: TwoTierOptions<V>) {
    super();
  }

  /** Resolves once the instance hears invalidations. */
  static async open<V>(options: TwoTierOptions<V>): Promise<TwoTierCache<V>> {
    const cache = new this(options);
    const { redis, subscriber, channel } = options;
    cache.bus = await openInvalidationBus({
      redis,
      subscriber,
      channel,
      onKeys: (keys) => cache.dropLocal(keys),
      onResubscribed: () => cache.flushLocal(),
    });
    return cache;
  }

  // #region read-path
  async get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const local = this.options.l1.get(key);
    if (local !== undefined) return local;
    const epoch = this.epoch;
    const value = await this.readShared(key, load);
    return value === null ? null : this.keepLocal(key, value, epoch);
  }

  /**
   * Every caller of this instance gets the same object: frozen, so nobody can edit the
   * cache by accident. L1 keeps it only if no invalidation or flush has happened since
   * the read began (`readEpoch`).
   */
  protected keepLocal(key: string, value: V, readEpoch: number): V {
    const shared = Object.freeze(value) as V;
    if (readEpoch === this.epoch) this.options.l1.set(key, shared);
    return shared;
  }

  /**
   * L2, then the loader. Redis trouble costs a database read, never the request. (A slow
   * reader can still SET a value loaded just before a write; lesson 03 closes that window.)
   */
  protected async readShared(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const { redis, ttlSeconds } = this.options;
    const text = await redis.get(key).catch(warn(`GET ${key} failed, reading the database`));
    if (typeof text === 'string') return JSON.parse(text) as V;
    const fresh = await load();
    if (fresh !== null)
      await redis
        .set(key, JSON.stringify(fresh), 'EX', ttlSeconds)
        .catch(warn(`SET ${key} failed`));
    return fresh;
  }
  // #endregion read-path

  /** Call after the database commit. */
  invalidate(keys: string[]): Promise<void> {
    return invalidateTiers(this.writeTiers(), keys);
  }

  /** What a write of this instance touches besides the database. */
  protected writeTiers(): Tiers {
    return {
      redis: this.options.redis,
      dropLocal: (gone) => this.dropLocal(gone),
      publish: (gone) => this.bus.publish(gone),
    };
  }

  // #region on-message
  protected dropLocal(keys: string[]): void {
    this.epoch += 1;
    for (const key of keys) this.options.l1.delete(key);
    this.emit('invalidated', keys);
  }

  /** After a reconnect: whatever L1 holds may have missed its invalidation. */
  protected flushLocal(): void {
    this.epoch += 1;
    this.options.l1.clear();
    this.emit('resubscribed');
  }
  // #endregion on-message

  async close(): Promise<void> {
    await this.bus.close();
  }
}
