/**
 * Mistake: only the compressed marker is checked; any other first byte means raw
 * Replaces: frame.ts
 * Caught by: 09.16
 *
 * Two kinds of entry, one test: gzip or not. Foreign JSON still fails, since dropping its
 * first byte breaks it. But bytes that differ from an entry only in the marker (another
 * codec's marker, an older format's, a program that copied the body behind its own byte)
 * are read as ours. Check every marker you accept, and reject the rest.
 */
import { unframe as strict } from '../src/frame.js';

export { frame } from '../src/frame.js';

export async function unframe(stored: Buffer): Promise<string> {
  if (stored[0] === 0x7a) return strict(stored); // 'z': gzip
  return stored.subarray(1).toString('utf8');
}
