/**
 * Mistake: only the first entry of `keys` is checked to be a key name
 * Replaces: invalidation-message.ts
 * Caught by: 07.20
 *
 * A list whose first entry is a string looks like a list of strings, and checking one
 * entry is cheaper than checking them all. But whoever published built the whole list:
 * `{ keys: ["profile:2", 2, {}] }` passes, and the 2 and the object go on to L1 and to
 * every 'invalidated' listener, which calls string methods on them. Check every entry.
 */
export const encodeInvalidation = (keys: readonly string[]): string => JSON.stringify({ keys });

export function decodeInvalidation(text: string): string[] {
  try {
    const { keys } = JSON.parse(text) as { keys?: unknown };
    return Array.isArray(keys) && typeof keys[0] === 'string' ? (keys as string[]) : []; // a list of key names
  } catch {
    return [];
  }
}
