// Section 4: what a cached value costs in bytes and in time to encode and decode (lab 09).
// The course's two values, a product (lab 01, with a Date) and a category page (lab 04, a
// few hundred products), through plain JSON, the lab's reference codec (typed JSON in a
// versioned, framed entry, gzipped above 1 KB) and msgpackr, the binary format a team
// would likely pick instead. Each encoded value is stored in Redis and measured with STRLEN.
import { isDeepStrictEqual } from 'node:util';
import { pack, unpack } from 'msgpackr';
import { selectProduct } from '../../labs/01-cache-aside/src/contract.js';
import { selectCategoryPage } from '../../labs/04-stampede/src/contract.js';
import { DEFAULT_COMPRESS_ABOVE_BYTES } from '../../labs/09-serialisation/src/contract.js';
import { open, seal } from '../../solutions/09-serialisation/src/envelope.js';
import type { BenchContext } from '../context.js';
import type { Progress } from '../progress.js';
import type { CodecRow, CodecSection } from '../results.js';
import type { CodecSettings } from '../settings.js';
import { repeated } from '../stats.js';

interface Codec {
  name: string;
  encode(value: unknown): Promise<Buffer | string> | Buffer | string;
  decode(stored: Buffer): Promise<unknown> | unknown;
}

const CODECS: Codec[] = [
  { name: 'JSON.stringify / parse', encode: (value) => JSON.stringify(value), decode: (stored) => JSON.parse(stored.toString('utf8')) },
  {
    name: 'lab 09 solution codec',
    encode: (value) => seal({ version: 1, value }, DEFAULT_COMPRESS_ABOVE_BYTES),
    decode: async (stored) => (await open(stored)).value,
  },
  { name: 'msgpackr pack / unpack', encode: (value) => pack(value), decode: (stored) => unpack(stored) },
];

interface Sample {
  name: 'product' | 'page';
  value: unknown;
  operations: number;
}

export async function runCodecs(context: BenchContext, settings: CodecSettings, progress: Progress): Promise<CodecSection> {
  progress.step('codecs: reading the product and the page from Postgres');
  const product = await selectProduct(context.db.pool, settings.productId);
  if (!product) throw new Error(`no product ${settings.productId} in the bench's catalogue`);
  const page = await selectCategoryPage(context.db.pool, settings.category);
  const samples: Sample[] = [
    { name: 'product', value: product, operations: settings.productOperations },
    { name: 'page', value: page, operations: settings.pageOperations },
  ];
  const redis = context.client();

  const rows: CodecRow[] = [];
  for (const sample of samples) {
    const encodeUs = new Map<Codec, number[]>(CODECS.map((codec) => [codec, []]));
    const decodeUs = new Map<Codec, number[]>(CODECS.map((codec) => [codec, []]));
    const stored = new Map<Codec, Buffer>();
    for (const codec of CODECS) stored.set(codec, Buffer.from(await codec.encode(sample.value)));
    // An untimed round first: the JIT and zlib's pool warm up before any figure is taken.
    for (const codec of CODECS) await timeOne(codec, sample, stored.get(codec)!, sample.operations);
    for (let round = 0; round < settings.rounds; round++) {
      progress.step(`codecs: the ${sample.name}, round ${round + 1}/${settings.rounds}`);
      // A different codec goes first each round, so none always runs on a fresher machine.
      for (let k = 0; k < CODECS.length; k++) {
        const codec = CODECS[(k + round) % CODECS.length]!;
        const timed = await timeOne(codec, sample, stored.get(codec)!, sample.operations);
        encodeUs.get(codec)!.push(timed.encodeUs);
        decodeUs.get(codec)!.push(timed.decodeUs);
      }
    }
    for (const codec of CODECS) {
      const bytes = stored.get(codec)!;
      const key = `${context.redis.prefix}codec:${sample.name}:${rows.length}`;
      await redis.set(key, bytes, 'EX', 60);
      rows.push({
        value: sample.name,
        codec: codec.name,
        bytesStored: await redis.strlen(key),
        encodeUs: repeated(encodeUs.get(codec)!),
        decodeUs: repeated(decodeUs.get(codec)!),
        typesKept: isDeepStrictEqual(await codec.decode(bytes), sample.value),
      });
    }
  }
  await context.emptyCache();
  return {
    productBytesAsJson: Buffer.byteLength(JSON.stringify(product)),
    pageProducts: page.products.length,
    compressAboveBytes: DEFAULT_COMPRESS_ABOVE_BYTES,
    rounds: settings.rounds,
    rows,
  };
}

/** Mean time per call, in microseconds, of `operations` encodes and then as many decodes, one at a time. */
async function timeOne(codec: Codec, sample: Sample, stored: Buffer, operations: number) {
  let started = performance.now();
  for (let i = 0; i < operations; i++) await codec.encode(sample.value);
  const encodeUs = ((performance.now() - started) * 1000) / operations;
  started = performance.now();
  for (let i = 0; i < operations; i++) await codec.decode(stored);
  const decodeUs = ((performance.now() - started) * 1000) / operations;
  return { encodeUs, decodeUs };
}
