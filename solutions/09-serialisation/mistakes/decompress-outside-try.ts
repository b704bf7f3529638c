/**
 * Mistake: the bytes are unpacked before the try, only the version check is guarded
 * Replaces: read-entry.ts
 * Caught by: 09.15, 09.16
 *
 * The try/catch is there, around the part that looks risky: turning an entry into the
 * value the caller wants. But open() is what meets foreign and damaged bytes: gunzip on a
 * cut entry, a parse of half a JSON text, a marker it does not know. Its rejection
 * escapes get(), and a bad key fails every request that reads it until its TTL ends.
 * Guard everything between the bytes and the value.
 */
import type { ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import { open } from '../src/envelope.js';
import { usableValue } from '../src/versions.js';

export async function readEntry(
  stored: Buffer,
  options: ValueCacheOptions,
  report: (error: unknown) => void,
): Promise<unknown> {
  const entry = await open(stored);
  try {
    return usableValue(entry, options);
  } catch (error) {
    report(error);
    return undefined;
  }
}
