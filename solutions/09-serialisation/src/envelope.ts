// An entry as stored: the shape version next to the value, typed JSON inside a frame.
import { fromText, toText } from './codec.js';
import { frame, unframe } from './frame.js';

export interface Entry {
  version: number;
  value: unknown;
}

// #region envelope
export function seal(entry: Entry, compressAboveBytes: number): Promise<Buffer> {
  return frame(toText(entry), compressAboveBytes);
}

/** The entry in `stored`; throws for anything this cache did not write, or damaged. */
export async function open(stored: Buffer): Promise<Entry> {
  const entry = fromText(await unframe(stored)) as Entry;
  // Only bytes that start with our own marker get this far; still, trust no shape unseen.
  if (!Number.isInteger(entry?.version)) {
    throw new Error('no version: not an entry of ours');
  }
  return entry;
}
// #endregion envelope
