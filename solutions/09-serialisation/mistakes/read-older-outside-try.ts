/**
 * Mistake: readOlder is called outside the try
 * Replaces: read-entry.ts
 * Caught by: 09.14
 *
 * Decoding is guarded, so foreign and damaged bytes are misses. readOlder looks like
 * plain application code that cannot fail, but it meets old data: a field missing from
 * some entries, a null where the new shape needs a number. When it throws, get() rejects
 * and the request fails, for every old entry, until the TTLs run out. An upgrade that
 * fails is a miss, reported like any other unreadable entry.
 */
import type { ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import { open } from '../src/envelope.js';
import { usableValue } from '../src/versions.js';

export async function readEntry(
  stored: Buffer,
  options: ValueCacheOptions,
  report: (error: unknown) => void,
): Promise<unknown> {
  let entry;
  try {
    entry = await open(stored);
  } catch (error) {
    report(error);
    return undefined;
  }
  return usableValue(entry, options);
}
