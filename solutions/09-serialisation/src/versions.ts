// Which entries a reader may use: its own version as it is, an older one through
// readOlder, nothing else. Undefined is a miss.
import type { ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import type { Entry } from './envelope.js';

// #region versions
export function usableValue(
  entry: Entry,
  { version, readOlder }: Pick<ValueCacheOptions, 'version' | 'readOlder'>,
): unknown {
  if (entry.version === version) return entry.value;
  // A newer version's entry (a rolling deploy) is not ours to interpret.
  if (entry.version > version || !readOlder) return undefined;
  return readOlder(entry.version, entry.value);
}
// #endregion versions
