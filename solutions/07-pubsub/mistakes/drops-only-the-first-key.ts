/**
 * Mistake: a receiver drops only the first key a message names
 * Replaces: invalidation-message.ts
 * Caught by: 07.20
 *
 * Every write of this app changes one profile, so every message it publishes names one
 * key, and reading `keys[0]` handles all of them. But the format is a list because a write
 * may change several keys at once (a batch job, a merge of two accounts, the next version
 * of the app), and a receiver that reads the first one keeps the others in L1 with nothing
 * left to remove them but the age bound. Drop every key the list names.
 */
export const encodeInvalidation = (keys: readonly string[]): string => JSON.stringify({ keys });

export function decodeInvalidation(text: string): string[] {
  try {
    const { keys } = JSON.parse(text) as { keys?: unknown };
    const [first] = Array.isArray(keys) ? (keys as unknown[]) : [];
    return typeof first === 'string' ? [first] : []; // one write, one key
  } catch {
    return [];
  }
}
