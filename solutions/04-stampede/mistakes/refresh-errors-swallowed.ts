/**
 * Mistake: the refresh's errors are caught and dropped
 * Replaces: background-refresh.ts
 * Caught by: 04.12
 *
 * `.catch(() => {})` does what the lesson asks first: no unhandled rejection, the stale
 * page stays, the reader never notices. But nobody else notices either. When Postgres
 * starts failing, every refresh fails in silence, pages age through their stale window and
 * drop out, and the first sign anyone sees is the stampede on the misses that follow. A
 * background failure is reported (onBackgroundError, which logs by default), not hidden.
 */
import { createRefresher as createRealRefresher } from '../src/background-refresh.js';

export const createRefresher: typeof createRealRefresher = (redis, settings) =>
  // The stale page is still there; nothing to do.
  createRealRefresher(redis, { ...settings, onBackgroundError: () => {} });
