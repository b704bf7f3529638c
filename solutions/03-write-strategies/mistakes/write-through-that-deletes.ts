/**
 * Mistake: "write-through" that only deletes the entry after the commit
 * Replaces: write-through.ts
 * Caught by: 03.6
 *
 * Deleting is the safe default, and here it is even done right (after the commit, fence
 * moved). But it is invalidate-on-write under another name: the next read misses and
 * pays a SELECT, which is exactly what write-through exists to avoid for data that is
 * read right after it is written. Write-through puts the committed row into Redis.
 */
import type { Catalog, CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { createInvalidatingCatalog } from '../src/invalidate-on-write.js';

export const createWriteThroughCatalog = (options: CatalogOptions): Catalog => createInvalidatingCatalog(options);
