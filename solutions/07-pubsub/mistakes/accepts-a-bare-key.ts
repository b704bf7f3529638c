/**
 * Mistake: a message whose `keys` is a single key name, not a list, is taken as an invalidation
 * Replaces: invalidation-message.ts
 * Caught by: 07.11
 *
 * "Be liberal in what you accept": a producer that sends one key without wrapping it in a
 * list plainly means that key, so honouring it looks friendlier than dropping it. But the
 * channel's format is a contract between every version of every app that publishes there,
 * and a lenient reader turns whatever happens to carry a `keys` string into an
 * invalidation: another tool's `{ "keys": "profile:*" }` (a pattern), a script's
 * comma-joined list. Each one drops entries and fires 'invalidated' for keys that do not
 * exist, and the producer that got the format wrong never finds out, because it seems to
 * work. Accept exactly what you publish, a list of key names, and ignore anything else.
 */
export const encodeInvalidation = (keys: readonly string[]): string => JSON.stringify({ keys });

/** A list stays a list; a single value becomes a list of one. */
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

export function decodeInvalidation(text: string): string[] {
  try {
    return listOf((JSON.parse(text) as { keys?: unknown }).keys).filter((key): key is string => typeof key === 'string');
  } catch {
    return [];
  }
}
