// From stored bytes to what get() returns. Everything between the two can fail on bytes
// this cache did not write, or on an old entry, so all of it sits in one try.
import type { ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import { open } from './envelope.js';
import { usableValue } from './versions.js';

// #region read-entry
/** What `stored` holds for this reader, or undefined; failures are reported, never thrown. */
export async function readEntry(
  stored: Buffer,
  options: ValueCacheOptions,
  report: (error: unknown) => void,
): Promise<unknown> {
  try {
    return usableValue(await open(stored), options);
  } catch (error) {
    report(error);
    return undefined;
  }
}
// #endregion read-entry
