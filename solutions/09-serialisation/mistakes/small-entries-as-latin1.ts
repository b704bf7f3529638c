/**
 * Mistake: entries stored as they are are decoded as latin1
 * Replaces: frame.ts
 * Caught by: 09.1
 *
 * Redis strings are bytes, and 'latin1' (or 'binary') maps every byte to a character,
 * so it never throws on what is stored, and ASCII text reads back the same. But the text
 * was written as UTF-8: 'Ä' is two bytes and comes back as two characters, '✓' as three.
 * Only small entries are hit, since compressed ones go through gunzip and utf8.
 */
import { unframe as utf8 } from '../src/frame.js';

export { frame } from '../src/frame.js';

export async function unframe(stored: Buffer): Promise<string> {
  // 'j', the raw marker: the text is right there, one byte per character.
  if (stored[0] === 0x6a) return stored.subarray(1).toString('latin1');
  return utf8(stored);
}
