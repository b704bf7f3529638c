// What goes into a cached string: plain JSON and what it loses, a JSON codec that keeps
// Date/BigInt/Map/Set, compression above a size threshold, and a versioned envelope.
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants as zlib } from 'node:zlib';

// #region json-loses
export function jsonRoundTrip<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}

export const lossyExample = {
  createdAt: new Date('2025-01-31T09:00:00Z'), // comes back as a string
  totalCents: 12n, // JSON.stringify throws: "Do not know how to serialize a BigInt"
  prices: new Map([['EUR', 1200]]), // comes back as {}
  tags: new Set(['sale']), // comes back as {}
  discount: undefined, // the property disappears
};
// #endregion json-loses

// #region tagged-json
// Types JSON cannot express are written as { $t: type, v: value } and rebuilt on read. A
// real object that has a `$t` field of its own is wrapped as { $t: 'object', v: it }, so
// no payload is ever mistaken for a tag. Date needs care: JSON.stringify calls toJSON
// before the replacer sees the value, so the replacer looks at the original through
// `this[key]`.
type Tagged = { $t: 'date' | 'bigint' | 'map' | 'set' | 'object'; v: unknown };

function replacerFor() {
  const wrapped = new WeakSet<object>(); // the objects this encode has wrapped
  return function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
    const original = this[key];
    if (original instanceof Date) return { $t: 'date', v: original.toISOString() } satisfies Tagged;
    if (typeof value === 'bigint') return { $t: 'bigint', v: value.toString() } satisfies Tagged;
    if (value instanceof Map) return { $t: 'map', v: [...value] } satisfies Tagged;
    if (value instanceof Set) return { $t: 'set', v: [...value] } satisfies Tagged;
    // JSON.stringify calls the replacer again on the wrapper's `v`: wrap each object once.
    if (typeof value === 'object' && value !== null && '$t' in value && !wrapped.has(value)) {
      wrapped.add(value);
      return { $t: 'object', v: value } satisfies Tagged;
    }
    return value;
  };
}

function reviver(this: unknown, key: string, value: unknown): unknown {
  // The reviver runs inside out: an escaped object is left as it is, whatever its `$t`.
  if (key === 'v' && (this as Partial<Tagged>).$t === 'object') return value;
  if (typeof value !== 'object' || value === null || !('$t' in value)) return value;
  const { $t, v } = value as Tagged;
  switch ($t) {
    case 'date': return new Date(v as string);
    case 'bigint': return BigInt(v as string);
    case 'map': return new Map(v as [unknown, unknown][]);
    case 'set': return new Set(v as unknown[]);
    case 'object': return v;
    default: return value;
  }
}

export const taggedJson = {
  encode: (value: unknown): string => JSON.stringify(value, replacerFor()),
  decode: <T>(text: string): T => JSON.parse(text, reviver) as T,
};
// #endregion tagged-json

// #region compress
const compress = promisify(brotliCompress);
const decompress = promisify(brotliDecompress);

// One leading byte says how the rest is stored, so old and new entries can coexist.
const RAW = 0x00;
const BROTLI = 0x01;

/** Compresses only payloads big enough to be worth the CPU; small ones stay raw. */
export async function pack(text: string, thresholdBytes = 1024): Promise<Buffer> {
  const body = Buffer.from(text, 'utf8');
  if (body.length < thresholdBytes) return Buffer.concat([Buffer.of(RAW), body]);
  const squeezed = await compress(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } });
  return Buffer.concat([Buffer.of(BROTLI), squeezed]);
}

export async function unpack(stored: Buffer): Promise<string> {
  const body = stored.subarray(1);
  if (stored[0] === RAW) return body.toString('utf8');
  if (stored[0] === BROTLI) return (await decompress(body)).toString('utf8');
  throw new Error(`unknown cache encoding byte ${stored[0]}`);
}
// #endregion compress

// #region versioned
// The shape of the cached object has a version. A reader that meets a version it does
// not know treats the entry as a miss and reloads, instead of crashing on a missing
// field.
export interface ProductV2 {
  id: number;
  name: string;
  price: { cents: number; currency: string };
}

const SHAPE_VERSION = 2;

export function encodeProduct(product: ProductV2): string {
  return taggedJson.encode({ v: SHAPE_VERSION, data: product });
}

export function decodeProduct(text: string): ProductV2 | null {
  const envelope = taggedJson.decode<{ v?: number; data?: unknown }>(text);
  if (envelope.v !== SHAPE_VERSION) return null; // old shape: a miss, not an exception
  return envelope.data as ProductV2;
}
// #endregion versioned
