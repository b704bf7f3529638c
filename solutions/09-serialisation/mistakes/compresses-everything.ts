/**
 * Mistake: every entry is compressed, whatever its size
 * Replaces: frame.ts
 * Caught by: 09.8, 09.9
 *
 * Smaller is better, and the code is simpler without a threshold. But a gzip header and
 * trailer alone are 18 bytes: a 200-byte profile barely shrinks or grows, and every hit
 * pays a decompression on the thread pool for nothing. Compression pays off for large
 * values only, which is why there is a threshold to respect.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

export { unframe } from '../src/frame.js';

const squeeze = promisify(gzip);

export async function frame(text: string, _compressAboveBytes: number): Promise<Buffer> {
  return Buffer.concat([Buffer.of(0x7a), await squeeze(Buffer.from(text, 'utf8'))]);
}
