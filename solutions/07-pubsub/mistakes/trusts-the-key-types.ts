/**
 * Mistake: any array under `keys` is taken for a list of key names
 * Replaces: invalidation-message.ts
 * Caught by: 07.11
 *
 * The decoder checks the syntax and that `keys` is an array, which looks like the whole
 * shape. But what is in the array comes from whoever published: an older version of the
 * app that sent user ids (`{ keys: [2] }`), a hand-typed PUBLISH. Those entries are not
 * key names, yet they reach L1 and go out in 'invalidated' as if they were, to listeners
 * that will call string methods on them. Keep the strings, and a message left with none
 * is no invalidation.
 */
export const encodeInvalidation = (keys: readonly string[]): string => JSON.stringify({ keys });

export function decodeInvalidation(text: string): string[] {
  try {
    const parsed = JSON.parse(text) as { keys?: unknown };
    return Array.isArray(parsed.keys) ? (parsed.keys as string[]) : []; // an array of keys, as we publish it
  } catch {
    return [];
  }
}
