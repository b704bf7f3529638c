/**
 * Mistake: any stream that reached its end is stored, however it ended
 * Replaces: stream-store.ts
 * Caught by: 11.23
 *
 * A stream that arrived in full, with no network error, feels like a success, and the
 * whole-answer path already checks isCacheable, so checking again seems redundant. But a
 * stream cut short by max tokens ("length"), stopped by the content filter or carrying a
 * refusal arrives in full too. Replayed, it becomes everyone's answer for the whole TTL.
 * The chunks must add up to a cacheable completion before they are kept.
 */
import type { Redis } from 'ioredis';
import type { ChatCompletionChunk } from '../../../labs/11-caching-llm-responses/src/contract.js';
import type { StoreSettings } from '../src/answer-store.js';
import { bounded } from '../src/bounded.js';
import type { StreamStore } from '../src/stream-store.js';

export function streamStore(redis: Redis, settings: StoreSettings): StreamStore {
  const inRedis = <T>(command: Promise<T>) => bounded(command, settings.redisTimeoutMs);
  return {
    async read(key) {
      const raw = await inRedis(redis.get(key)).catch(() => null);
      try {
        const chunks: unknown = JSON.parse(raw ?? 'null');
        return Array.isArray(chunks) ? (chunks as ChatCompletionChunk[]) : null;
      } catch {
        return null;
      }
    },
    async write(key, chunks) {
      await inRedis(redis.set(key, JSON.stringify(chunks), 'EX', settings.ttlSeconds)).catch(() => {});
    },
  };
}
