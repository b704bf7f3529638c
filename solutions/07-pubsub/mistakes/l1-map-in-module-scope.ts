/**
 * Mistake: every cache of the process keeps its L1 entries in one Map made in module scope
 * Replaces: l1-cache.ts
 * Caught by: 07.21
 *
 * The keys carry their prefix, so caches of different prefixes never read each other's
 * entries, and one Map for the process looks like one memory budget. But each cache
 * enforces its own bound on the whole Map: a cache opened with maxL1Entries 1 (another
 * tenant's, a tool's) evicts every other cache's entries each time it stores one, and a
 * cache's bound no longer says what it keeps. An L1 belongs to the cache that made it.
 */
import { L1Cache as OwnL1Cache } from '../src/l1-cache.js';

/** One Map for the process, shared by every L1 made in it. */
const everyEntry = new Map();

export class L1Cache<V> extends OwnL1Cache<V> {
  protected override readonly slots = everyEntry as never;
}
