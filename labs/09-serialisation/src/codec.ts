// Turns a cached value into text and back.
//
// TODO(09): JSON keeps strings, finite numbers, booleans, null, arrays and plain objects.
// Everything else the README lists (Date, bigint, Map, Set, Buffer, undefined) is changed
// or lost on the way, and nothing fails until a cache hit is used.
export function toText(value: unknown): string {
  return JSON.stringify(value);
}

export function fromText(text: string): unknown {
  return JSON.parse(text);
}
