// Lab 09 checks, part 2: compression above a threshold, judged by the bytes Redis holds.
// Run: npm test labs/09-serialisation
// The payloads repeat one character, so gzip, deflate or Brotli all shrink them to a few
// dozen bytes: STRLEN tells a compressed entry from a raw one whatever the format.
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectSameValue, LESSON, processes } from './caches.support.js';
import { valueKey } from './src/contract.js';

const lab = useLab('09');
const COMPRESS =
  `${LESSON}, "Compression": compress only entries above the threshold (in bytes, as ` +
  `they would be stored uncompressed); on small values compression costs more CPU and ` +
  `header than it saves.`;

/** Stores `{ text }` and returns STRLEN of the key, the bytes Redis holds for it. */
async function storedBytes(text: string, compressAboveBytes?: number): Promise<number> {
  const [writer] = await processes(lab, compressAboveBytes === undefined ? {} : { compressAboveBytes });
  await writer!.cache.set('page', { text }, 60);
  return lab.redis.admin.strlen(valueKey(lab.redis.prefix, 'page'));
}

async function expectRaw(text: string, threshold: string, compressAboveBytes?: number) {
  const bytes = Buffer.byteLength(text);
  const stored = await storedBytes(text, compressAboveBytes);
  expect(
    stored,
    `A value of ${bytes} bytes of text was stored in ${stored} bytes (STRLEN): ` +
      `compressed, ` +
      `although its encoding is under the ${threshold} threshold.\n${COMPRESS}`,
  ).toBeGreaterThanOrEqual(bytes);
  return stored;
}

async function expectCompressed(text: string, threshold: string, limit?: number) {
  const bytes = Buffer.byteLength(text);
  const stored = await storedBytes(text, limit);
  expect(
    stored,
    `A value of ${bytes} bytes of repeated text (${text.length} characters) was stored ` +
      `in ${stored} bytes (STRLEN): not compressed, although it is above the ` +
      `${threshold} threshold.\n${COMPRESS}`,
  ).toBeLessThan(bytes / 2);
}

/**
 * Stored as it is, an entry is its own size: STRLEN of a small one gives the bytes your
 * format adds around the text, and so the text that makes it exactly `limit` bytes. That
 * entry stays as it is; one byte more is compressed.
 */
async function expectBoundary(limit: number, threshold: string, compressAboveBytes?: number) {
  const small = await expectRaw('a'.repeat(120), threshold, compressAboveBytes);
  const overhead = small - 120;
  const fits = 'a'.repeat(limit - overhead);
  const stored = await storedBytes(fits, compressAboveBytes);
  expect(
    stored,
    `Your format adds ${overhead} bytes to 120 bytes of text, so ${fits.length} ` +
      `bytes of text make an entry of exactly ${limit} bytes; with the ${threshold} ` +
      `threshold it was stored in ${stored} bytes. Up to and including the threshold, ` +
      `store the entry as it is.\n${COMPRESS}`,
  ).toBe(limit);
  await expectCompressed(`${fits}a`, `${threshold} (one byte over)`, compressAboveBytes);
}

describe('lab 09: compression above a threshold', () => {
  it('09.8 by default, entries up to 1024 bytes are stored as they are, longer ones compressed', async () => {
    await expectRaw('a'.repeat(900), 'default 1024-byte');
    await expectCompressed('a'.repeat(1100), 'default 1024-byte');
    // 600 characters, 1200 bytes in UTF-8: the threshold counts bytes.
    await expectCompressed('ä'.repeat(600), 'default 1024-byte');
    await expectBoundary(1024, 'default 1024-byte');
  });

  it('09.9 compressAboveBytes moves the threshold, to the byte: an entry of exactly that size stays raw', async () => {
    await expectRaw('a'.repeat(200), 'compressAboveBytes: 300', 300);
    await expectCompressed('a'.repeat(400), 'compressAboveBytes: 300', 300);
    await expectRaw('a'.repeat(3000), 'compressAboveBytes: 5000', 5000);
    await expectCompressed('a'.repeat(6000), 'compressAboveBytes: 5000', 5000);
    await expectBoundary(200, 'compressAboveBytes: 200', 200);
    // 0 is a threshold like any other, not a missing option: every entry is compressed.
    await expectCompressed('a'.repeat(600), 'compressAboveBytes: 0', 0);
  });

  it('09.10 compressed entries read back exactly in another process, binary data included', async () => {
    const [writer, reader] = await processes(lab, {}, {});
    const page = {
      items: Array.from({ length: 40 }, (_, i) => ({
        id: BigInt(i) * 10n ** 18n,
        at: new Date(1_700_000_000_000 + i),
        thumb: Buffer.from(Array.from({ length: 64 }, (_, b) => (b * 37 + i) % 256)),
        label: `Ärger ${i} ✓`,
      })),
    };
    await writer!.cache.set('page', page, 60);
    const stored = await lab.redis.admin.strlen(valueKey(lab.redis.prefix, 'page'));
    const back = await reader!.cache.get('page');
    const idea =
      `${COMPRESS} Compressed bytes are not UTF-8 text: read them with getBuffer, not ` +
      `get, which decodes them as text and breaks them.`;
    expect(
      reader!.errors.map((e) => String(e.error)),
      `Reading back a compressed page (${stored} bytes stored) reported a decode ` +
        `error.\n${idea}`,
    ).toEqual([]);
    expectSameValue(back, page, 'page', idea);
  });
});
