/**
 * Mistake: L1 expires entries by age but never limits how many it holds
 * Replaces: l1-cache.ts
 * Caught by: 07.4
 *
 * Every entry is stamped and refused once too old, so nothing stale is served, and
 * that feels like the whole job. But an old entry is only dropped when someone asks for
 * it again: a key read once stays in memory forever. With a million users the Map ends up
 * holding a million profiles per process, and the heap grows until the process is killed.
 */
import type { L1Options } from '../../../labs/07-pubsub/src/contract.js';

export class L1Cache<V> {
  private readonly stamped = new Map<string, { value: V; at: number }>();

  constructor(private readonly options: L1Options) {}

  get(key: string): V | undefined {
    const hit = this.stamped.get(key);
    if (hit === undefined) return undefined;
    const ageMs = this.options.now() - hit.at;
    if (ageMs <= this.options.maxAgeMs) return hit.value;
    this.stamped.delete(key);
    return undefined;
  }

  set(key: string, value: V): void {
    this.stamped.set(key, { value, at: this.options.now() });
  }

  delete(key: string): void {
    this.stamped.delete(key);
  }

  clear(): void {
    this.stamped.clear();
  }
}
