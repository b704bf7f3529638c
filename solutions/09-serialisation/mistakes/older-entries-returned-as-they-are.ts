/**
 * Mistake: without readOlder, an older entry is returned as it is
 * Replaces: versions.ts
 * Caught by: 09.12
 *
 * "No upgrade function means nothing changed" sounds reasonable, and most deploys do
 * not change the cached shape. But the version was bumped because the shape did change:
 * the new code gets `price: 1999` where it expects `{ cents, currency }` and fails three
 * calls later, on cache hits only, for one TTL after the deploy. An entry the reader
 * cannot upgrade is a miss; the database has the current shape.
 */
import type { ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import type { Entry } from '../src/envelope.js';

export function usableValue(
  entry: Entry,
  { version, readOlder }: Pick<ValueCacheOptions, 'version' | 'readOlder'>,
): unknown {
  if (entry.version > version) return undefined;
  if (entry.version === version || !readOlder) return entry.value;
  return readOlder(entry.version, entry.value);
}
