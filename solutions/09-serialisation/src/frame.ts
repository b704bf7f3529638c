// The bytes stored in Redis: one marker byte, then the JSON text, as it is or gzipped.
// The marker says which, and it is how a reader tells our entries from anything else a
// key may hold (another program's JSON starts with `{`, `[`, `"` or a digit).
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';

// Async zlib runs on the libuv thread pool, not on the event loop.
const squeeze = promisify(gzip);
const unsqueeze = promisify(gunzip);

const RAW = 0x6a; // 'j': readable in redis-cli
const GZIP = 0x7a; // 'z'

// #region frame
/**
 * Compresses only entries that would take more than `compressAboveBytes` as they are:
 * on small ones, compression costs more CPU and header than it saves.
 */
export async function frame(text: string, compressAboveBytes: number): Promise<Buffer> {
  const body = Buffer.from(text);
  const raw = Buffer.concat([Buffer.of(RAW), body]);
  if (raw.length <= compressAboveBytes) return raw;
  return Buffer.concat([Buffer.of(GZIP), await squeeze(body)]);
}

/** The JSON text of a stored entry; throws for bytes this codec did not write. */
export async function unframe(stored: Buffer): Promise<string> {
  const body = stored.subarray(1);
  if (stored[0] === RAW) return body.toString('utf8');
  if (stored[0] === GZIP) return (await unsqueeze(body)).toString('utf8');
  throw new Error(`not a cache entry of this codec (first byte ${stored[0]})`);
}
// #endregion frame
