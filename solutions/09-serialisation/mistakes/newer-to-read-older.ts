/**
 * Mistake: every other version, newer ones included, goes through readOlder
 * Replaces: versions.ts
 * Caught by: 09.13
 *
 * `entry.version !== version` reads as "not ours, convert it", and during the deploy
 * that introduces a version it works. During a rolling deploy, though, the instances
 * still on the old code meet entries the new code wrote, and readOlder gets a shape it
 * was never written for: it "upgrades" a newer value into garbage. Only older entries
 * can be upgraded; a newer one is a miss.
 */
import type { ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import type { Entry } from '../src/envelope.js';

export function usableValue(
  entry: Entry,
  { version, readOlder }: Pick<ValueCacheOptions, 'version' | 'readOlder'>,
): unknown {
  if (entry.version === version) return entry.value;
  return readOlder ? readOlder(entry.version, entry.value) : undefined;
}
