/**
 * Mistake: only the happy path is checked
 * Replaces: checks.ts
 * Caught by: 14.4 14.9 14.11 14.12 14.14
 *
 * A read returns the row and a second read is a hit: what the cache is for, checked
 * well. Every bug a reviewer looks for lives elsewhere: in TTLs, missing rows, failures,
 * a stalled Redis and writes.
 */
import { readsComeBackWhole } from '../src/checks.js';

export const checks = [readsComeBackWhole];
