/**
 * Mistake: 'invalidated' is emitted before the keys are dropped from L1
 * Replaces: two-tier-cache.ts
 * Caught by: 07.12
 *
 * The order inside one synchronous function looks irrelevant: the drop follows on the
 * next line. But listeners run inside emit(), before that line: one that re-reads the
 * profile (a request arriving right after the message, a warm-up hook) gets the old copy
 * from L1, and under the new epoch it is even allowed to stay there.
 */
import { TwoTierCache as Base } from '../src/two-tier-cache.js';
export type { TwoTierOptions } from '../src/two-tier-cache.js';

export class TwoTierCache<V> extends Base<V> {
  protected override dropLocal(keys: string[]): void {
    this.epoch += 1;
    this.emit('invalidated', keys); // tell the listeners first...
    for (const key of keys) this.options.l1.delete(key); // ...then drop
  }
}
