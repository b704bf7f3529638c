/**
 * Mistake: versions are compared as text
 * Replaces: versions.ts
 * Caught by: 09.18
 *
 * A version read from a text header is a string, and '1' < '2' < '3' compare the way
 * numbers do, so every deploy up to 9 works. Then version 10 ships: '10' < '9' as text,
 * so version 10 takes version 9's entries for newer ones (misses, the whole cache cold
 * after the deploy) and version 9 hands version 10's entries to readOlder. Compare
 * numbers.
 */
import type { ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import type { Entry } from '../src/envelope.js';

export function usableValue(
  entry: Entry,
  { version, readOlder }: Pick<ValueCacheOptions, 'version' | 'readOlder'>,
): unknown {
  const [stored, mine] = [String(entry.version), String(version)];
  if (stored === mine) return entry.value;
  if (stored > mine || !readOlder) return undefined;
  return readOlder(entry.version, entry.value);
}
