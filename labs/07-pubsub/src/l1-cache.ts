// Lab 07: the in-process tier (L1). Fix the TODOs; `npm test labs/07-pubsub` says which checks still fail.
import type { L1Options } from './contract.js';

export class L1Cache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly options: L1Options) {}

  get(key: string): V | undefined {
    // TODO(07): an entry read an hour ago is served as if it were fresh; options.maxAgeMs is ignored.
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    // TODO(07): the Map grows with every key ever read; options.maxEntries is ignored.
    // When it is full, which entry should make room?
    this.entries.set(key, value);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
