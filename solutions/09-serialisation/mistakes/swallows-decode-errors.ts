/**
 * Mistake: an entry that cannot be decoded is a silent miss
 * Replaces: read-entry.ts
 * Caught by: 09.15, 09.16
 *
 * A miss is the right answer, and readOlder's failures, which are the team's own code,
 * are still reported. But a decode failure says something is wrong too: a deploy writing
 * a format the others cannot read, another service writing into the key space, data
 * damaged on the way. Silent, it shows up only as a hit ratio falling for no visible
 * reason, and every request pays the database. Report it, then miss.
 */
import type { ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import { open } from '../src/envelope.js';
import { usableValue } from '../src/versions.js';

export async function readEntry(
  stored: Buffer,
  options: ValueCacheOptions,
  report: (error: unknown) => void,
): Promise<unknown> {
  const entry = await open(stored).catch(() => undefined);
  if (entry === undefined) return undefined;
  try {
    return usableValue(entry, options);
  } catch (error) {
    report(error);
    return undefined;
  }
}
