// #region message
/**
 * What travels on the channel: the names of the keys that changed, never their values.
 * A receiver drops its copies and reads the current value from Redis or Postgres when
 * it next needs it, so a late or reordered message can only cause an extra read, never
 * install an old value.
 */
export const encodeInvalidation = (keys: readonly string[]): string => JSON.stringify({ keys });

/** The keys named by a message; none for anything malformed, which is ignored, not fatal. */
export function decodeInvalidation(text: string): string[] {
  try {
    const { keys } = JSON.parse(text) as { keys?: unknown };
    return Array.isArray(keys)
      ? keys.filter((key): key is string => typeof key === 'string')
      : [];
  } catch {
    return [];
  }
}
// #endregion message
