/**
 * Mistake: the threshold is compared with the text's length in characters
 * Replaces: frame.ts
 * Caught by: 09.8
 *
 * `text.length` is the size everyone reaches for, and for English text it equals the
 * byte count, so the tests one writes with 'x'.repeat(n) pass. But the threshold is in
 * bytes, what Redis stores and the network carries: 600 characters of German or Greek
 * are 1200 bytes of UTF-8, and an emoji is four. Measure Buffer.byteLength.
 */
import { frame as byBytes } from '../src/frame.js';

export { unframe } from '../src/frame.js';

export async function frame(text: string, compressAboveBytes: number): Promise<Buffer> {
  // Characters above the threshold in bytes: compress as the real frame would.
  if (text.length > compressAboveBytes) return byBytes(text, compressAboveBytes);
  return byBytes(text, Number.POSITIVE_INFINITY);
}
